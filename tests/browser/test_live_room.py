"""Two friends in the live room, in two real Chromium browsers against the production
web server: the interviewer starts the round, reveals a question and gives a hint;
both type in the pad at once and see each other's text and named cursors; one goes
offline, types, comes back, and both converge; the server is SIGKILLed and
restarted, and nothing the pages showed as saved is lost. "End round" asks first,
from the keyboard too, and the end is final: hints stamped with their time, no more
given, the pads read-only at once; the feedback link says what each has to write,
and follows a skipped self-assessment. The candidate's sockets never carried a hint
before it was given. A room cancelled under its people says who cancelled and when."""

import importlib
import re
import time
from datetime import timedelta

import pytest
from django.apps import apps as django_apps
from django.utils import timezone
from playwright.sync_api import expect

from interviews.models import Round, RoundQuestion
from rooms.models import Pad, PadKind
from rooms.services.pads import pad_text
from tests.browser.people import signed_in
from tests.factories import UserFactory
from tests.interviews.sessions_support import book
from tests.questions.factories import QuestionFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.embedded,
    pytest.mark.django_db(transaction=True),
]

HINTS = ["Sort the bookings by start first.", "Keep the last end you have seen."]
OUTLINE = "One sweep over the sorted bookings."


@pytest.fixture(autouse=True)
def builtin_formats(transactional_db):
    migration = importlib.import_module("interviews.migrations.0002_builtin_formats")
    migration.add_builtin_formats(django_apps, None)


@pytest.fixture
def mock(password):
    alice = UserFactory(
        email="alice@example.com", display_name="Alice", password=password
    )
    bob = UserFactory(email="bob@example.com", display_name="Bob", password=password)
    session = book(
        host=alice,
        partner=bob,
        host_role="interviewer",
        swap=True,
        starts_at=timezone.now() + timedelta(minutes=2),
    )
    question = QuestionFactory(
        title="Merge the bookings",
        statement="Merge **overlapping** bookings.",
        hints=HINTS,
        solution_outline=OUTLINE,
    )
    RoundQuestion.objects.create(
        round=session.rounds.get(order=0),
        segment=session.format.segments.get(kind="coding"),
        position=0,
        question=question,
    )
    return session, alice, bob


def enter(browser, server, user, *, frames=None):
    context, page, errors = signed_in(browser, server.url, user, console=False)
    if frames is not None:
        page.on(
            "websocket",
            lambda socket: socket.on(
                "framereceived",
                lambda payload: frames.append((time.monotonic(), payload)),
            ),
        )
    return context, page, errors


class PadNetwork:
    """A page's pad sockets passed through Playwright, to cut them as a lost network
    would: while down, every open one is closed and every new one refused (the page
    keeps trying, as it would on a train), with no hook in the page itself."""

    def __init__(self, page):
        self.down = False
        self.open = []
        page.route_web_socket(re.compile(r"/ws/pads/"), self._route)

    def _route(self, socket):
        if self.down:
            socket.close(code=1001)
            return
        self.open.append((socket, socket.connect_to_server()))

    def cut(self):
        self.down = True
        for page_side, server_side in self.open:
            server_side.close(code=1001)
            page_side.close(code=1001)
        self.open.clear()

    def restore(self):
        self.down = False


def pad_of(page):
    return page.locator("[data-pad] .cm-content")


def type_in_pad(page, text):
    editor = pad_of(page)
    editor.click()
    page.keyboard.press("Control+End")
    page.keyboard.type(text)


def wait_saved(page):
    expect(page.locator("[data-pad-status]")).to_have_text(
        "All changes saved", timeout=15000
    )


def seconds_of(face: str) -> int:
    minutes, seconds = face.split(":")
    return int(minutes) * 60 + int(seconds)


def frames_text(frames, before=None) -> str:
    return " ".join(
        payload if isinstance(payload, str) else payload.decode("utf-8", "replace")
        for at, payload in frames
        if before is None or at < before
    )


def test_two_friends_run_a_round_in_the_live_room(browser, server, mock):
    session, alice, bob = mock
    room = f"{server.url}/sessions/{session.pk}/room/"
    bob_frames = []
    alice_context, interviewer, alice_errors = enter(browser, server, alice)
    bob_context, candidate, bob_errors = enter(browser, server, bob, frames=bob_frames)
    candidate_network = PadNetwork(candidate)
    interviewer.goto(room)
    candidate.goto(room)
    expect(interviewer.get_by_test_id(f"presence-{bob.pk}")).to_have_class("here")
    expect(candidate.get_by_test_id(f"presence-{alice.pk}")).to_have_class("here")
    # The candidate knows a question waits, never which.
    expect(candidate.get_by_test_id("no-question")).to_have_text(
        "Your interviewer chose a question and reveals it here."
    )

    # The interviewer starts the round from the keyboard, reveals, gives a hint.
    interviewer.keyboard.press("Alt+KeyS")
    expect(candidate.get_by_test_id("round-clock")).to_have_text(
        re.compile(r"^4[45]:\d\d$")
    )
    interviewer.get_by_test_id("reveal").click()
    expect(candidate.get_by_test_id("room-question")).to_contain_text(
        "Merge overlapping bookings."
    )
    before_hint = time.monotonic()
    interviewer.get_by_test_id("give-hint-1").click()
    expect(candidate.get_by_test_id("given-hints")).to_contain_text(HINTS[0])
    # Both clocks read the same, to the second (a tick may fall between the reads).
    readings = [
        seconds_of(page.get_by_test_id("round-clock").inner_text())
        for page in (interviewer, candidate)
    ]
    assert abs(readings[0] - readings[1]) <= 1

    # Both type, and see each other's text and named cursor. The candidate starts
    # at the end once the interviewer's line is there: typing where a line is
    # still arriving would interleave the two, as it would for people.
    type_in_pad(interviewer, "def merge(bookings):\n")
    expect(pad_of(candidate)).to_contain_text("def merge(bookings):")
    type_in_pad(candidate, "# candidate's idea\n")
    for page in (interviewer, candidate):
        expect(pad_of(page)).to_contain_text("def merge(bookings):")
        expect(pad_of(page)).to_contain_text("# candidate's idea")
    expect(interviewer.locator(".cm-ySelectionInfo")).to_have_text("Bob")
    expect(candidate.locator(".cm-ySelectionInfo")).to_have_text("Alice")
    wait_saved(interviewer)
    wait_saved(candidate)

    # Highlighting is chosen for both; nothing runs.
    interviewer.locator("select[data-language]").select_option("python")
    expect(candidate.locator("select[data-language]")).to_have_value("python")
    expect(candidate.locator("[data-pad] .cm-content span").first).to_be_visible()

    # The interviewer's notes, with the round's time at a keystroke, stay theirs.
    expect(candidate.locator("[data-notes-panel]")).to_be_hidden()
    interviewer.locator("[data-notes] .cm-content").click()
    interviewer.keyboard.press("Alt+KeyT")
    interviewer.keyboard.type("strong start, asked about duplicates")
    expect(interviewer.locator("[data-notes] .cm-content")).to_contain_text(
        re.compile(r"\[\d+:\d\d\] strong start")
    )

    # The candidate goes offline, both type, the candidate comes back.
    candidate_network.cut()
    type_in_pad(candidate, "offline thought\n")
    expect(candidate.locator("[data-pad-status]")).to_contain_text("Offline")
    type_in_pad(interviewer, "while you were away\n")
    candidate_network.restore()
    for page in (interviewer, candidate):
        expect(pad_of(page)).to_contain_text("offline thought")
        expect(pad_of(page)).to_contain_text("while you were away")
    wait_saved(candidate)
    wait_saved(interviewer)

    # The server dies mid-round and comes back: nothing saved is lost.
    shared = Pad.objects.get(
        round__session=session, round__order=0, kind=PadKind.SHARED
    )
    saved_before = pad_text(pad_id=shared.pk)
    server.kill()
    server.start()
    for page in (interviewer, candidate):
        expect(page.locator("[data-connection]")).to_have_text("", timeout=20000)
    type_in_pad(interviewer, "after the restart\n")
    for name, page in (("interviewer", interviewer), ("candidate", candidate)):
        try:
            expect(pad_of(page)).to_contain_text("after the restart", timeout=20000)
        except AssertionError as missing:
            statuses = {
                who: each.locator("[data-pad-status]").inner_text()
                for who, each in (
                    ("interviewer", interviewer),
                    ("candidate", candidate),
                )
            }
            raise AssertionError(
                f"the {name}'s pad; pad statuses {statuses}"
            ) from missing
    wait_saved(interviewer)
    stored = pad_text(pad_id=shared.pk)
    for line in (
        "def merge(bookings):",
        "# candidate's idea",
        "offline thought",
        "while you were away",
        "after the restart",
    ):
        assert line in stored
    for line in saved_before.splitlines():
        assert line in stored
    assert (
        pad_of(interviewer).inner_text().replace("\u2060", "").count("def merge") == 1
    )

    # "End round" asks first, from the keyboard too; Escape keeps the round going.
    interviewer.keyboard.press("Alt+KeyE")
    dialog = interviewer.get_by_test_id("end-dialog")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("End round 1 for both of you?")
    expect(interviewer.get_by_test_id("end-keep")).to_be_focused()
    interviewer.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(interviewer.locator("[data-controls]")).to_be_visible()
    expect(candidate.get_by_test_id("round-over")).to_be_hidden()
    interviewer.keyboard.press("Alt+KeyE")
    interviewer.keyboard.press("Tab")
    expect(interviewer.get_by_test_id("end-confirm")).to_be_focused()
    interviewer.keyboard.press("Enter")

    # The end is final: both are told, with the way to feedback and replay; the
    # hint shows when it was given; nothing more is given; the pads stop taking
    # edits at once, and nothing typed after the end is stored.
    replay = f"/sessions/{session.pk}/rounds/0/replay/"
    for page in (interviewer, candidate):
        expect(page.get_by_test_id("round-over")).to_contain_text("Round 1 is over.")
        expect(page.get_by_test_id("replay-link")).to_have_attribute("href", replay)
        expect(page.locator("[data-pad-status]")).to_contain_text("read-only")
    expect(candidate.get_by_test_id("given-hint-1")).to_contain_text(
        re.compile(r"^Hint 1 · at \d+:\d\d " + re.escape(HINTS[0]))
    )
    expect(interviewer.get_by_test_id("hint-given-1")).to_have_text(
        re.compile(r"^given at \d+:\d\d$")
    )
    expect(interviewer.get_by_test_id("give-hint-2")).to_be_disabled()
    expect(interviewer.locator("[data-controls]")).to_be_hidden()
    at_the_end = pad_text(pad_id=shared.pk)
    type_in_pad(candidate, "typed after the end\n")
    expect(pad_of(candidate)).not_to_contain_text("typed after the end")
    assert pad_text(pad_id=shared.pk) == at_the_end

    # The feedback link says what each has to write; once the candidate skips the
    # self-assessment in the tab it opens, the room's link says so at once.
    expect(interviewer.get_by_test_id("feedback-link")).to_have_text(
        "Write your scorecard while it is fresh"
    )
    expect(candidate.get_by_test_id("feedback-link")).to_have_text(
        "Write your self-assessment before reading the feedback"
    )
    with bob_context.expect_page() as opened:
        candidate.get_by_test_id("feedback-link").click()
    feedback_tab = opened.value
    feedback_tab.get_by_test_id("skip-self").click()
    expect(candidate.get_by_test_id("feedback-link")).to_have_text(
        re.compile(r"^Self-assessment skipped: read the interviewer's scorecard")
    )
    expect(interviewer.get_by_test_id("feedback-link")).to_have_text(
        "Write your scorecard while it is fresh"
    )
    feedback_tab.close()

    # Either of them swaps to the next, where the candidate interviews on a fresh
    # pad.
    candidate.get_by_test_id("swap").click()
    expect(candidate.locator("[data-controls]")).to_be_visible()
    expect(interviewer.locator("[data-controls]")).to_be_hidden()
    expect(interviewer.locator("[data-round-line]")).to_contain_text(
        "Round 2 of 2: Bob interviews Alice"
    )
    expect(pad_of(candidate)).not_to_contain_text("def merge")

    # What the candidate's sockets carried.
    early = frames_text(bob_frames, before=before_hint)
    everything = frames_text(bob_frames)
    assert HINTS[0] not in early
    assert HINTS[0] in everything
    assert HINTS[1] not in everything
    assert OUTLINE not in everything
    assert "strong start" not in everything  # the interviewer's notes
    assert alice_errors == [] and bob_errors == []
    alice_context.close()
    bob_context.close()


def test_a_room_cancelled_under_its_people_says_who_cancelled_and_when(
    browser, server, mock
):
    session, alice, bob = mock
    alice_context, alice_page, _ = enter(browser, server, alice)
    bob_context, bob_page, bob_errors = enter(browser, server, bob)
    bob_page.goto(f"{server.url}/sessions/{session.pk}/room/")
    expect(bob_page.locator("[data-connection]")).to_have_text("")
    expect(bob_page.get_by_test_id("room-closed")).to_be_hidden()

    alice_page.goto(f"{server.url}/sessions/{session.pk}/")
    alice_page.get_by_text("Cancel the session").first.click()
    alice_page.get_by_label("Reason (your partner reads it)").fill("I am ill")
    alice_page.get_by_role("button", name="Cancel the session").click()

    closed = bob_page.get_by_test_id("room-closed")
    expect(closed).to_contain_text(
        re.compile(
            r"Alice cancelled this session on \w+day .+\. The reason given: “I am ill”"
        )
    )
    expect(
        closed.get_by_role("link", name="Back to the session's page")
    ).to_be_visible()
    expect(bob_page.locator("[data-connection]")).to_have_text("")
    expect(bob_page.locator("[data-controls]")).to_be_hidden()
    # A reload says the same.
    bob_page.reload()
    expect(bob_page.get_by_test_id("room-closed")).to_contain_text(
        "Alice cancelled this session on"
    )
    assert bob_errors == []
    alice_context.close()
    bob_context.close()


def test_a_step_that_runs_out_flashes_and_the_steps_fill_the_part(
    browser, server, mock
):
    session, alice, bob = mock
    # Signed in first: on a busy machine that takes seconds, and the step must
    # run out while the room is on screen.
    context, page, errors = enter(browser, server, alice)
    now = timezone.now()
    # Eight minutes in, in the coding part's first step, six seconds before
    # that step's three minutes run out.
    Round.objects.filter(session=session, order=0).update(
        started_at=now - timedelta(minutes=8),
        running_since=now - timedelta(minutes=8),
        segment_index=1,
        segment_started_elapsed=timedelta(minutes=5),
        phase_index=0,
        phase_started_elapsed=timedelta(minutes=5, seconds=6),
    )
    page.goto(f"{server.url}/sessions/{session.pk}/room/")

    # The phone screen asks two questions in its 35-minute coding part: each
    # goes through steps that fill its half.
    expect(page.get_by_test_id("phases-caption")).to_have_text(
        "Steps of each of its 2 questions:"
    )
    phases = page.locator("[data-phases] li")
    expect(phases).to_have_text(
        [
            "Clarify ~3 min",
            "Plan ~5 min",
            "Code ~5 min",
            "Dry run ~2 min",
            "Close ~2 min",
        ]
    )
    # The parts left add up to the round's time left.
    round_left = seconds_of(page.get_by_test_id("round-clock").inner_text())
    part_left = seconds_of(page.get_by_test_id("segment-clock").inner_text())
    assert abs(round_left - (part_left + 5 * 60)) <= 1
    expect(page.locator(".clock-faces p.ran-out")).to_have_count(1, timeout=10000)
    expect(page.get_by_test_id("phase-clock")).to_have_text(re.compile(r"^\+0:0\d$"))

    # The chime is off until asked for, and remembered for this person.
    chime = page.get_by_test_id("chime")
    expect(chime).not_to_be_checked()
    chime.check()
    page.reload()
    expect(page.get_by_test_id("chime")).to_be_checked()
    assert errors == []
    context.close()
