"""Two friends hold a swap-mode mock end to end, in two real Chromium browsers
against the production web server: Alice interviews Bob in round 1, Bob interviews
Alice in round 2. The session's page, the Sessions page and home say where it
stands (scheduled, in progress, held, with its replays and feedback first); in the
room each interviewer reveals a question and gives a hint the candidate sees
stamped with its time, each sees the other's name at their cursor, the pad's
colours read in the dark, and "End round" asks first and is final. On a phone the
question list then shows its results first."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from interviews.services.rounds import round_question_pick
from tests.browser.test_live_room import enter, pad_of, seconds_of, type_in_pad
from tests.browser.test_pad_editor_basics import (
    NAME_OPACITY_IS,
    PYTHON,
    assert_readable,
    choose_language,
    pad_lines,
)
from tests.browser.test_phone_shows_question_results_first import PHONE
from tests.factories import UserFactory
from tests.interviews.sessions_support import book
from tests.questions.factories import QuestionFactory

# Not `embedded`: the room under make run's defaults is covered by test_live_room
# and test_pad_editor_basics; a second pass here would double its time for nothing
# new.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MERGE_HINTS = ["Sort the bookings by start first.", "Keep the last end you have seen."]
CACHE_HINTS = ["A hash map finds an entry at once.", "A linked list keeps the order."]
PYTHON_TOKENS = ["def", "'x'", "3.5", "# Bookings", "merge", "Booking", "**"]


@pytest.fixture
def swap_mock(password):
    """A swap-mode phone screen about to start, booked and accepted through the
    services; each interviewer chose their round's questions."""
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
    coding = session.format.segments.get(kind="coding")
    first, second = session.rounds.order_by("order")
    for round_, by, position, question in (
        (
            first,
            alice,
            0,
            QuestionFactory(title="Merge the bookings", hints=MERGE_HINTS),
        ),
        (first, alice, 1, QuestionFactory(title="Two sums")),
        (second, bob, 0, QuestionFactory(title="An LRU cache", hints=CACHE_HINTS)),
    ):
        round_question_pick(
            round_=round_, by=by, segment=coding, position=position, question=question
        )
    return session, alice, bob


def open_page(context, errors):
    """Another tab of someone already signed in, its errors (console ones too)
    kept with the rest of theirs."""
    page = context.new_page()
    watch_console(page, errors)
    return page


def watch_console(page, errors):
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))


def question_card(page, title):
    return page.get_by_test_id("room-question").filter(has_text=title)


def assert_hint_stamped(candidate, round_minutes, hint):
    """The candidate reads hint 1 with the moment it was given on the round's clock:
    the clock they read now, or a second or two before (the face ticks every
    quarter second). Returns the stamp in seconds."""
    given = candidate.get_by_test_id("given-hint-1")
    expect(given).to_contain_text(
        re.compile(r"^Hint 1 · at \d+:\d\d " + re.escape(hint))
    )
    stamp = re.match(r"Hint 1 · at (\d+:\d\d)", given.inner_text()).group(1)
    left = seconds_of(candidate.get_by_test_id("round-clock").inner_text())
    elapsed = round_minutes * 60 - left
    assert -1 <= elapsed - seconds_of(stamp) <= 3, (stamp, elapsed)
    return seconds_of(stamp)


def ask_to_end(page, number):
    page.get_by_role("button", name=re.compile(r"^End round")).click()
    dialog = page.get_by_test_id("end-dialog")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text(f"End round {number} for both of you?")
    return dialog


def assert_round_over(pages, session, number, interviewer):
    """Both are told, with the way to feedback and replay; both pads refuse what is
    typed; the interviewer's controls are gone."""
    replay = f"/sessions/{session.pk}/rounds/{number - 1}/replay/"
    feedback = re.compile(r"/feedback/rounds/\d+/$")
    for page in pages:
        over = page.get_by_test_id("round-over")
        expect(over).to_be_visible()
        expect(over).to_contain_text(f"Round {number} is over.")
        expect(page.get_by_test_id("feedback-link")).to_have_attribute("href", feedback)
        expect(page.get_by_test_id("replay-link")).to_have_attribute("href", replay)
        expect(page.locator("[data-pad-status]")).to_contain_text("read-only")
        expect(page.get_by_test_id("round-line")).to_contain_text("· ended")
    for page in pages:
        before = pad_lines(page)
        type_in_pad(page, "late")
        assert pad_lines(page) == before
    expect(interviewer.locator("[data-controls]")).to_be_hidden()
    expect(interviewer.get_by_test_id("give-hint-2").first).to_be_disabled()


def assert_session_state(page, url, label):
    page.goto(url)
    expect(page.get_by_test_id("status")).to_have_text(label)


def test_two_friends_hold_a_swap_mock_from_booking_to_held(browser, server, swap_mock):
    session, alice, bob = swap_mock
    detail = f"{server.url}/sessions/{session.pk}/"
    round_minutes = session.format.total_minutes
    alice_context, alice_room, alice_errors = enter(browser, server, alice)
    bob_context, bob_room, bob_errors = enter(browser, server, bob)
    watch_console(alice_room, alice_errors)
    watch_console(bob_room, bob_errors)
    bob_tab = open_page(bob_context, bob_errors)

    # Booked: scheduled, counting down, the room open to join.
    assert_session_state(bob_tab, detail, "Scheduled")
    expect(bob_tab.get_by_test_id("countdown")).to_be_visible()
    expect(bob_tab.get_by_role("button", name="Join")).to_be_enabled()

    # Both in the room, in the dark.
    for page in (alice_room, bob_room):
        page.emulate_media(color_scheme="dark")
        page.goto(f"{detail}room/")
    expect(alice_room.get_by_test_id(f"presence-{bob.pk}")).to_have_class("here")
    expect(bob_room.get_by_test_id(f"presence-{alice.pk}")).to_have_class("here")

    # Round 1: Alice starts the clock and reveals a question.
    alice_room.keyboard.press("Alt+KeyS")
    expect(alice_room.get_by_test_id("clock-toggle")).to_contain_text("Pause")
    expect(bob_room.get_by_test_id("round-clock")).to_have_text(
        re.compile(r"^4[45]:\d\d$")
    )
    expect(bob_room.get_by_test_id("round-line")).to_have_text(
        "Round 1 of 2: Alice interviews Bob (you are the candidate)"
    )
    merge = question_card(alice_room, "Merge the bookings")
    merge.get_by_test_id("reveal").click()
    expect(bob_room.get_by_test_id("room-question")).to_have_count(1)
    expect(bob_room.get_by_test_id("room-question")).to_contain_text(
        "Merge the bookings"
    )

    # A round has started: in progress, on the session's page and at home.
    assert_session_state(bob_tab, detail, "In progress")
    expect(bob_tab.get_by_text("The mock is under way.")).to_be_visible()
    expect(bob_tab.get_by_test_id("countdown")).to_have_count(0)
    bob_tab.goto(f"{server.url}/")
    expect(bob_tab.get_by_test_id("card-status")).to_have_text("In progress")

    # Python on the pad: every colour reads in the dark, for both.
    choose_language([alice_room, bob_room], "python")
    assert_readable(alice_room, PYTHON, PYTHON_TOKENS)
    expect(pad_of(bob_room)).to_contain_text("def merge(bookings")
    assert_readable(bob_room, None, PYTHON_TOKENS)

    # Each sees the other's name beside their cursor. The name fades in by a CSS
    # transition, which runs on the page's frames: each looks at their own window
    # (headless Chromium held a window behind the other's frames back for 1-2 s).
    alice_room.mouse.move(0, 0)
    type_in_pad(bob_room, "# idea")
    alice_room.bring_to_front()
    expect(pad_of(alice_room)).to_contain_text("# idea")
    alice_room.wait_for_function(NAME_OPACITY_IS, arg=["Bob", "1"], timeout=2000)
    type_in_pad(alice_room, "\n# ok")
    bob_room.bring_to_front()
    bob_room.wait_for_function(NAME_OPACITY_IS, arg=["Alice", "1"], timeout=2000)

    # A few seconds in, Alice gives the first hint: Bob reads when it came.
    merge.get_by_test_id("give-hint-1").click()
    assert assert_hint_stamped(bob_room, round_minutes, MERGE_HINTS[0]) > 0

    # "End round" asks first: Escape, or Keep going, keeps the round going.
    dialog = ask_to_end(alice_room, 1)
    expect(alice_room.get_by_test_id("end-keep")).to_be_focused()
    alice_room.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    dialog = ask_to_end(alice_room, 1)
    alice_room.get_by_test_id("end-keep").click()
    expect(dialog).to_be_hidden()
    expect(alice_room.get_by_test_id("clock-toggle")).to_contain_text("Pause")
    expect(bob_room.get_by_test_id("round-over")).to_be_hidden()
    # Confirming ends it for both, for good.
    ask_to_end(alice_room, 1)
    alice_room.get_by_test_id("end-confirm").click()
    assert_round_over([alice_room, bob_room], session, 1, interviewer=alice_room)
    expect(
        question_card(alice_room, "Two sums").get_by_test_id("reveal")
    ).to_be_disabled()
    # What the page would still send from the keyboard, the server refuses.
    alice_room.keyboard.press("Alt+KeyH")
    expect(alice_room.locator("[data-toast]")).to_have_text(
        "This round has ended: its hints can no longer be given."
    )
    alice_room.keyboard.press("Alt+KeyR")
    expect(alice_room.locator("[data-toast]")).to_have_text(
        "This round has ended: its questions can no longer be revealed."
    )
    expect(bob_room.get_by_test_id("room-question")).to_have_count(1)
    expect(bob_room.get_by_test_id("given-hint-2")).to_have_count(0)

    # Round 2, roles reversed, on a fresh pad: Bob runs it the same way.
    bob_room.get_by_test_id("swap").click()
    expect(alice_room.get_by_test_id("round-line")).to_have_text(
        "Round 2 of 2: Bob interviews Alice (you are the candidate)"
    )
    expect(bob_room.get_by_test_id("round-line")).to_have_text(
        "Round 2 of 2: Bob interviews Alice (you interview)"
    )
    expect(alice_room.locator("[data-controls]")).to_be_hidden()
    expect(pad_of(alice_room)).not_to_contain_text("def merge")
    bob_room.keyboard.press("Alt+KeyS")
    expect(bob_room.get_by_test_id("clock-toggle")).to_contain_text("Pause")
    expect(alice_room.get_by_test_id("round-clock")).to_have_text(
        re.compile(r"^4[45]:\d\d$")
    )
    cache = question_card(bob_room, "An LRU cache")
    cache.get_by_test_id("reveal").click()
    expect(alice_room.get_by_test_id("room-question")).to_contain_text("An LRU cache")
    type_in_pad(alice_room, "class LRUCache:")
    expect(pad_of(bob_room)).to_contain_text("class LRUCache:")
    expect(bob_room.locator(".cm-ySelectionInfo")).to_have_text("Alice")
    cache.get_by_test_id("give-hint-1").click()
    assert_hint_stamped(alice_room, round_minutes, CACHE_HINTS[0])
    # Ended from the keyboard this time.
    bob_room.keyboard.press("Alt+KeyE")
    expect(bob_room.get_by_test_id("end-dialog")).to_contain_text(
        "End round 2 for both of you?"
    )
    bob_room.keyboard.press("Tab")
    expect(bob_room.get_by_test_id("end-confirm")).to_be_focused()
    bob_room.keyboard.press("Enter")
    assert_round_over([bob_room, alice_room], session, 2, interviewer=bob_room)
    expect(bob_room.get_by_test_id("swap")).to_be_hidden()

    # Every round ended: held, its replays and feedback first, nothing to join.
    for tab in (bob_tab, open_page(alice_context, alice_errors)):
        assert_session_state(tab, detail, "Held")
        over = tab.get_by_test_id("session-over")
        expect(over).to_contain_text("This mock was held")
        for number in (1, 2):
            expect(over.get_by_test_id(f"replay-link-{number}")).to_have_attribute(
                "href", f"/sessions/{session.pk}/rounds/{number - 1}/replay/"
            )
        expect(tab.get_by_test_id("session-feedback-link")).to_have_count(2)
        plan = tab.get_by_role("heading", name="Plan", exact=True)
        tops = [
            locator.bounding_box()["y"]
            for locator in (over, tab.get_by_test_id("session-feedback"), plan)
        ]
        assert tops == sorted(tops), tops
        expect(tab.get_by_role("button", name="Join")).to_have_count(0)
        expect(tab.get_by_test_id("countdown")).to_have_count(0)
    bob_tab.goto(f"{server.url}/sessions/")
    past = bob_tab.locator("section", has=bob_tab.locator("#past-heading"))
    expect(past.get_by_test_id("card-status")).to_have_text("Held")
    upcoming = bob_tab.locator("section", has=bob_tab.locator("#upcoming-heading"))
    expect(upcoming).to_contain_text("No upcoming session.")
    bob_tab.goto(f"{server.url}/")
    expect(bob_tab.get_by_test_id("no-session")).to_be_visible()
    expect(bob_tab.get_by_test_id("feedback-to-write").locator("li")).to_have_count(2)

    # On his phone, Bob looks for his next question: results first, the filters
    # folded behind their button.
    bob_tab.set_viewport_size(PHONE)
    bob_tab.goto(f"{server.url}/questions/")
    first = bob_tab.locator(".questions-table tbody tr").first
    expect(first).to_be_visible()
    assert first.bounding_box()["y"] < PHONE["height"]
    filters = bob_tab.get_by_role("form", name="Filters")
    expect(filters).to_be_hidden()
    toggle = bob_tab.get_by_role("button", name=re.compile(r"^Filters"))
    expect(toggle).to_have_attribute("aria-expanded", "false")
    toggle.click()
    expect(filters).to_be_visible()

    assert alice_errors == [] and bob_errors == []
    alice_context.close()
    bob_context.close()
