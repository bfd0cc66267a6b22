"""Practising alone in a real Chromium against the production server (issue 19's
walk): a person starts today's set, which opens the room for one with its first
question shown; they start the clock and move through its steps (the test moves the
server's clock back, as time passing would); at 25 minutes without code the
first-hint nudge shows, once, and the hint opens; "I'm done" logs the attempt with
the minutes planning and coding the clock measured and the next review date, the
set offers its next question, and the streak shows on the home page."""

from datetime import timedelta

import pytest
from django.db.models import F
from playwright.sync_api import expect

from interviews.models import Round
from practice.models import PracticeNudge, SoloPractice
from practice.services.solo import solo_practice_start
from questions.models import Attempt, Difficulty, Question
from tests.browser.people import signed_in
from tests.factories import UserFactory
from tests.practice.today_support import aim, asked
from tests.questions.factories import CompanyFactory, QuestionFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.embedded,
    pytest.mark.django_db(transaction=True),
]


def log_in(browser, server, user):
    return signed_in(browser, server.url, user, console=False)


def time_passes(minutes: int) -> None:
    """The clock has run `minutes` longer than it has: its run began earlier."""
    Round.objects.filter(session__is_solo=True).update(
        started_at=F("started_at") - timedelta(minutes=minutes),
        running_since=F("running_since") - timedelta(minutes=minutes),
    )


def reload(page):
    """Reload, and wait for the room's socket: a click before it opens is lost."""
    page.reload()
    expect(page.locator("[data-room]")).to_have_attribute("data-connected", "true")


def next_step(page, name):
    page.get_by_role("button", name="Next step").click()
    expect(page.locator("[data-phases] li.current")).to_contain_text(name)


def test_a_question_practised_alone_on_the_clock(browser, server, password):
    alice = UserFactory(
        email="alice@example.com", display_name="Alice", password=password
    )
    meta = CompanyFactory(name="Meta", slug="meta")
    aim(alice, companies=[meta], size=2)
    first = asked("Merge the bookings", at=meta, frequency=90)
    Question.objects.filter(pk=first.pk).update(
        statement="Merge **overlapping** bookings.",
        hints=["Sort the bookings by start first.", "Keep the last end seen."],
        solution_outline="One sweep over the sorted bookings.",
    )
    asked("Two sum", at=meta, frequency=80, difficulty=Difficulty.EASY)
    context, page, errors = log_in(browser, server, alice)
    expect(page.get_by_test_id("streak")).to_contain_text("0 days in a row")

    page.get_by_role("link", name="Today", exact=True).click()
    page.get_by_test_id("start-today").click()
    expect(page.get_by_test_id("today-item")).to_have_count(2)
    page.get_by_test_id("practise-next").click()
    page.wait_for_url("**/room/")
    expect(page.locator("[data-room]")).to_have_attribute("data-connected", "true")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Practising alone · Merge the bookings"
    )
    expect(page.get_by_test_id("room-question")).to_contain_text("overlapping")
    expect(page.get_by_test_id("round-line")).to_have_text("Practising alone")
    # Nothing of the answers shows before the time box; their buttons are off.
    expect(page.get_by_test_id("room-question")).not_to_contain_text("Sort the")
    expect(page.get_by_test_id("practice-hint")).to_be_disabled()
    expect(page.get_by_test_id("practice-outline-text")).to_be_hidden()
    expect(page.get_by_test_id("practice-outline")).to_be_disabled()

    page.get_by_test_id("clock-toggle").click()
    expect(page.get_by_test_id("clock-toggle")).to_contain_text("Pause")
    next_step(page, "Plan")
    time_passes(25)
    reload(page)

    nudge = page.get_by_test_id("nudge-first_hint")
    expect(nudge).to_contain_text("25 minutes and no code yet")
    expect(page.get_by_test_id("nudge-outline")).to_have_count(0)
    practice = SoloPractice.objects.get()
    expect(page.get_by_test_id("practice-hint")).to_be_enabled()
    page.get_by_test_id("practice-hint").click()
    # The server's answer first, then the room's broadcast that shows the hint: a
    # failure says which of the two did not come.
    expect(page.locator("[data-toast]")).to_contain_text("The next hint is open")
    expect(page.get_by_test_id("given-hint-1")).to_contain_text("Sort the bookings")
    # Shown once: kept by the server, and still listed after a reload.
    assert PracticeNudge.objects.filter(practice=practice).count() == 1
    reload(page)
    expect(page.get_by_test_id("nudge-first_hint")).to_have_count(1)

    next_step(page, "Code")
    time_passes(6)
    reload(page)
    expect(page.get_by_test_id("nudge-outline")).to_contain_text("time box is spent")
    next_step(page, "Dry run")

    page.get_by_test_id("practice-outcome").select_option("solved_with_help")
    page.get_by_test_id("practice-rating-2").check()
    page.get_by_test_id("practice-done").click()
    page.wait_for_url(f"**/practice/solo/{practice.pk}/")

    attempt = Attempt.objects.get()
    assert (attempt.minutes_planning, attempt.minutes_coding) == (25, 6)
    expect(page.get_by_test_id("attempt-planning")).to_have_text("25")
    expect(page.get_by_test_id("attempt-coding")).to_have_text("6")
    expect(page.get_by_test_id("attempt-next-review")).to_be_visible()
    assert attempt.progress.due_at is not None
    # The set goes on with its next question; the streak has begun.
    expect(page.get_by_test_id("practice-next")).to_be_visible()
    page.goto(f"{server.url}/practice/today/")
    expect(page.get_by_test_id("today-status")).to_have_text(
        ["Practised", "Not practised yet"]
    )
    page.goto(f"{server.url}/")
    expect(page.get_by_test_id("streak")).to_contain_text("1 day in a row")
    page.goto(f"{server.url}/practice/solo/{practice.pk}/")
    page.get_by_test_id("practice-replay").click()
    expect(page.get_by_test_id("replay-markers")).to_contain_text("Hint")
    assert errors == []
    context.close()


def test_a_stranger_cannot_enter_a_practice_room(browser, server, password):
    alice = UserFactory(email="alice@example.com", password=password)
    bob = UserFactory(email="bob@example.com", password=password)
    question = QuestionFactory(slug="merge-the-bookings")
    practice = solo_practice_start(user=alice, question=question)
    context, page, _ = log_in(browser, server, bob)
    response = page.goto(f"{server.url}/sessions/{practice.session_id}/room/")
    assert response.status == 404
    context.close()
