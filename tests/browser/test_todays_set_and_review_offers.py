"""In a real Chromium: Alice starts today's set choosing three questions and reads
why each is there; after a mock in which Bob gave her a hint, she adds that
question to her review queue from the round's feedback page and finds it due."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from interviews.models import RoundQuestion
from questions.models import Difficulty
from rooms.models import GivenHint, RoomEvent, RoomEventKind
from tests.feedback.support import finished_session, rounds_of
from tests.practice.today_support import aim, asked
from tests.questions.factories import CompanyFactory, QuestionFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.embedded,
    pytest.mark.django_db(transaction=True),
]


def test_alice_starts_todays_set_with_three_questions(
    logged_in_page, live_server, alice, console_errors
):
    page = logged_in_page
    meta = CompanyFactory(name="Meta", slug="meta")
    aim(alice, companies=[meta], size=2)
    asked("Merge intervals", at=meta, frequency=90, difficulty=Difficulty.MEDIUM)
    asked("LRU cache", at=meta, frequency=85, difficulty=Difficulty.MEDIUM)
    asked("Two sum", at=meta, frequency=80, difficulty=Difficulty.EASY)
    asked("Word ladder", at=meta, frequency=70, difficulty=Difficulty.HARD)

    page.get_by_role("link", name="Today", exact=True).click()
    expect(page.get_by_role("heading", name="Today's set")).to_be_visible()
    expect(page.get_by_test_id("size-2")).to_be_checked()
    page.get_by_test_id("size-3").check()
    page.get_by_role("button", name="Start today's set").click()

    items = page.get_by_test_id("today-item")
    expect(items).to_have_count(3)
    expect(items.get_by_role("link")).to_have_text(
        ["Merge intervals", "Two sum", "Word ladder"]
    )
    reasons = page.get_by_test_id("today-reason")
    expect(reasons.nth(0)).to_have_text(
        "Asked at Meta in the last 6 months (frequency 90/100)"
    )
    expect(reasons.nth(1)).to_have_text(
        "To balance difficulty (easy); asked at Meta in the last 6 months "
        "(frequency 80/100)"
    )
    expect(reasons.nth(2)).to_contain_text("To balance difficulty (hard)")
    expect(page.get_by_test_id("today-status")).to_have_text(["Not practised yet"] * 3)
    form = page.get_by_test_id("practise-next-form")
    expect(form).to_have_attribute("action", "/practice/solo/start/")
    expect(form.locator("input[name=question]")).to_have_value("merge-intervals")
    expect(page.get_by_test_id("practise-next")).to_contain_text(
        "Start today's set: Merge intervals"
    )

    # A reload, a second click: the same set.
    page.reload()
    expect(page.get_by_test_id("today-item")).to_have_count(3)
    assert console_errors == []


def test_after_a_mock_with_a_hint_alice_adds_the_question_to_her_queue(
    logged_in_page, live_server, alice, bob, console_errors
):
    page = logged_in_page
    round_ = rounds_of(finished_session(host=bob, partner=alice, swap=False))[0]
    question = QuestionFactory(title="Meeting rooms", slug="meeting-rooms")
    chosen = RoundQuestion.objects.create(
        round=round_,
        segment=round_.session.format.segments.get(kind="coding"),
        position=0,
        question=question,
        revealed_at=round_.started_at,
    )
    GivenHint.objects.create(
        round_question=chosen,
        number=1,
        given_at=round_.started_at + dt.timedelta(minutes=9, seconds=30),
    )
    RoomEvent.objects.create(
        round=round_,
        kind=RoomEventKind.HINT,
        at=round_.started_at + dt.timedelta(minutes=9, seconds=30),
        elapsed=dt.timedelta(minutes=9, seconds=30),
        data={"round_question": chosen.pk, "number": 1},
    )

    page.goto(f"{live_server.url}/feedback/rounds/{round_.pk}/")
    offer = page.get_by_test_id("review-offer")
    expect(offer).to_have_count(1)
    expect(offer.get_by_test_id("review-offer-reasons")).to_have_text(
        "Hint 1 given at 9:30"
    )
    offer.get_by_role("button", name="Add “Meeting rooms” to my review queue").click()

    expect(page.locator(".message-success")).to_contain_text(
        "Added 1 question to your review queue"
    )
    expect(page.get_by_test_id("review-offer-queued")).to_have_text(
        "In your review queue"
    )
    page.get_by_role("link", name="review queue").click()
    expect(page.get_by_role("heading", name="Due today")).to_be_visible()
    due = page.get_by_test_id("due-item")
    expect(due).to_have_count(1)
    expect(due.get_by_role("link")).to_have_text("Meeting rooms")
    assert console_errors == []
