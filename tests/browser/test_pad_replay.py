"""In a real Chromium, the pad's replay shows the text as it was at each moment of
the round, and its markers jump there; it plays at up to 32× with the pauses
skipped, compares two moments line by line, shows each person's text in their
colour with a legend, and downloads the final text."""

import re
import time
from datetime import timedelta

import pytest
from playwright.sync_api import expect
from pycrdt import Doc, Text

from rooms.models import PadKind, PadUpdate, RoomEvent, RoomEventKind
from rooms.services.pads import round_pads_ensure
from tests.browser.people import session_cookie_add
from tests.feedback.support import finished_session, rounds_of

pytestmark = [
    pytest.mark.browser,
    pytest.mark.embedded,
    pytest.mark.django_db(transaction=True),
]

FINAL = "def merge(bookings):\n    return []\n"


def typed_round(alice, bob):
    """A finished round in whose pad Bob typed a line at 2:00 and Alice one at
    20:00, with the coding part starting at 5:00."""
    first = rounds_of(finished_session(host=alice, partner=bob))[0]
    pad = round_pads_ensure(round_=first)[PadKind.SHARED]
    # Each person types in their own document (their browser's), as in the room.
    docs = {alice: Doc(), bob: Doc()}
    for doc in docs.values():
        doc["pad"] = Text()
    for minute, author, text in (
        (2, bob, "def merge(bookings):\n"),
        (20, alice, "    return []\n"),
    ):
        doc = docs[author]
        before = doc.get_state()
        doc["pad"] += text
        update = doc.get_update(before)
        for other in docs.values():
            if other is not doc:
                other.apply_update(update)
        row = PadUpdate.objects.create(pad=pad, data=update, author=author)
        PadUpdate.objects.filter(pk=row.pk).update(
            created_at=first.started_at + timedelta(minutes=minute)
        )
    RoomEvent.objects.create(
        round=first,
        kind=RoomEventKind.SEGMENT,
        at=first.started_at + timedelta(minutes=5),
        elapsed=timedelta(minutes=5),
        data={"segment": 1},
    )
    return first


@pytest.fixture
def opened(browser, live_server, alice, bob):
    """Bob's page on the replay of the round, and the errors it logs."""
    first = typed_round(alice, bob)
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    session_cookie_add(context, live_server.url, bob)
    page.goto(f"{live_server.url}/")
    page.goto(f"{live_server.url}/feedback/rounds/{first.pk}/")
    page.get_by_test_id("replay-link").click()
    yield first, page, errors
    context.close()


def test_the_replay_shows_the_pad_as_it_was(opened):
    _, page, errors = opened

    pad_text = page.get_by_test_id("replay-pad")
    expect(pad_text).to_have_text(FINAL)
    page.get_by_role("button", name="5:00 Part: Coding").click()
    expect(pad_text).to_have_text("def merge(bookings):\n")
    expect(page.get_by_test_id("replay-clock")).to_contain_text("5:00 /")
    page.get_by_test_id("replay-slider").fill("0")
    expect(pad_text).to_have_text("")
    assert errors == []


def test_playing_at_32x_skips_the_pauses_and_reaches_the_end(opened):
    _, page, errors = opened
    clock = page.get_by_test_id("replay-clock")
    expect(clock).to_have_text(re.compile(r"^(\d+:\d\d) / \1$"))
    end = clock.text_content().split(" / ")[1]

    page.get_by_label("Speed").select_option("32")
    started = time.monotonic()
    # At the end, Play starts again from the beginning.
    page.get_by_test_id("replay-play").click()
    expect(page.get_by_test_id("replay-pad")).to_have_text("")
    expect(page.get_by_test_id("replay-skipped")).to_contain_text("of silence")
    expect(page.get_by_test_id("replay-play")).to_have_text("Play", timeout=15_000)
    took = time.monotonic() - started

    expect(clock).to_have_text(f"{end} / {end}")
    expect(page.get_by_test_id("replay-pad")).to_have_text(FINAL)
    # 45 minutes at 32× would take 84 s; with the pauses skipped, a few seconds.
    assert took < 15
    # The keyboard steps the speed too.
    page.keyboard.press("-")
    expect(page.get_by_label("Speed")).to_have_value("16")
    assert errors == []


def test_two_moments_compare_line_by_line(opened):
    _, page, errors = opened

    page.get_by_role("button", name="5:00 Part: Coding").click()
    page.get_by_role("button", name="Mark A").click()
    page.get_by_test_id("replay-slider").fill("1500000")
    page.get_by_role("button", name="Mark B").click()

    expect(page.get_by_test_id("replay-mark-a-at")).to_have_text("A: 5:00")
    expect(page.get_by_test_id("replay-mark-b-at")).to_have_text("B: 25:00")
    expect(page.get_by_test_id("replay-diff-summary")).to_have_text(
        "From A (5:00) to B (25:00): 1 line added, 0 lines removed."
    )
    diff = page.get_by_test_id("replay-diff")
    expect(diff.locator("ins")).to_have_text("+     return []\n")
    expect(diff.locator("del")).to_have_count(0)
    assert errors == []


def test_each_persons_text_shows_in_their_colour_with_a_legend(opened):
    _, page, errors = opened

    legend = page.get_by_test_id("replay-legend")
    expect(legend.get_by_role("listitem")).to_have_text(["Bob", "Alice"])
    pad = page.get_by_test_id("replay-pad")
    expect(pad.locator("span[title=Bob]")).to_have_text("def merge(bookings):\n")
    expect(pad.locator("span[title=Alice]")).to_have_text("    return []\n")
    tints = pad.locator("span").evaluate_all(
        "spans => spans.map(span => getComputedStyle(span).backgroundColor)"
    )
    assert len(set(tints)) == 2

    page.get_by_label("Colour by author").uncheck()
    expect(pad.locator("span")).to_have_count(0)
    expect(pad).to_have_text(FINAL)
    assert errors == []


def test_the_final_text_downloads(opened):
    first, page, errors = opened

    with page.expect_download() as download:
        page.get_by_role("link", name="Download the final text").click()

    name = f"session-{first.session_id}-round-1-pad.txt"
    assert download.value.suggested_filename == name
    with open(download.value.path(), encoding="utf-8") as file:
        assert file.read() == FINAL
    assert errors == []
