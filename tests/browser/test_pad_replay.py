"""In a real Chromium, the pad's replay shows the text as it was at each moment of
the round, and its markers jump there."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect
from pycrdt import Doc, Text

from rooms.models import PadKind, PadUpdate, RoomEvent, RoomEventKind
from rooms.services.pads import round_pads_ensure
from tests.feedback.support import finished_session, rounds_of

pytestmark = [
    pytest.mark.browser,
    pytest.mark.embedded,
    pytest.mark.django_db(transaction=True),
]


def test_the_replay_shows_the_pad_as_it_was(browser, live_server, alice, bob, password):
    first = rounds_of(finished_session(host=alice, partner=bob))[0]
    pad = round_pads_ensure(round_=first)[PadKind.SHARED]
    doc = Doc()
    doc["pad"] = Text()
    for minute, text in ((2, "def merge(bookings):\n"), (20, "    return []\n")):
        before = doc.get_state()
        doc["pad"] += text
        row = PadUpdate.objects.create(pad=pad, data=doc.get_update(before))
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
    context = browser.new_context()
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Email").fill(bob.email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(f"{live_server.url}/")

    page.goto(f"{live_server.url}/feedback/rounds/{first.pk}/")
    page.get_by_test_id("replay-link").click()

    pad_text = page.get_by_test_id("replay-pad")
    expect(pad_text).to_have_text("def merge(bookings):\n    return []\n")
    page.get_by_role("button", name="5:00 Part: Coding").click()
    expect(pad_text).to_have_text("def merge(bookings):\n")
    expect(page.get_by_test_id("replay-clock")).to_contain_text("5:00 /")
    page.get_by_test_id("replay-slider").fill("0")
    expect(pad_text).to_have_text("")
    assert errors == []
    context.close()
