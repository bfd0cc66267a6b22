"""The issue's "done when" for the question bank, in a real browser: browse Meta's
questions of the last six months by frequency, search, open one (no hints), mark it
for review, rate an attempt, and find it due when it is due."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from playwright.sync_api import expect

from questions.models import CompanyTag
from tests.questions.factories import CompanyFactory, QuestionFactory, TopicFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HINT = "Sort the bookings by their start first."


@pytest.fixture
def meta_bank(db):
    meta = CompanyFactory(name="Meta", slug="meta")
    google = CompanyFactory(name="Google", slug="google")
    intervals = TopicFactory(name="Intervals", slug="intervals")
    merge = QuestionFactory(
        title="Merge overlapping bookings",
        slug="merge-overlapping-bookings",
        statement="Given a list of time **intervals**, merge the overlapping ones.",
        hints=[HINT],
        topics=[intervals],
    )
    insert = QuestionFactory(title="Insert one more booking", topics=[intervals])
    lru = QuestionFactory(title="Least recently used shelf")
    old = QuestionFactory(title="An old favourite")
    google_only = QuestionFactory(title="Only at Google")
    CompanyTag.objects.create(question=merge, company=meta, window="6m", frequency=90)
    CompanyTag.objects.create(question=insert, company=meta, window="6m", frequency=40)
    CompanyTag.objects.create(question=lru, company=meta, window="6m", frequency=65)
    CompanyTag.objects.create(question=old, company=meta, window="older", frequency=99)
    CompanyTag.objects.create(
        question=google_only, company=google, window="6m", frequency=99
    )


def result_titles(page) -> list[str]:
    return page.locator(
        ".questions-table tbody tr td:first-child > a"
    ).all_inner_texts()


def test_browse_search_open_mark_rate_and_find_it_due(
    logged_in_page, live_server, meta_bank
):
    page = logged_in_page
    page.get_by_role("link", name="Questions", exact=True).click()

    page.get_by_role("checkbox", name=re.compile(r"^Meta\b")).check()
    page.wait_for_url(re.compile(r"company=meta"))
    page.get_by_label("Asked").select_option("6m")
    page.wait_for_url(re.compile(r"window=6m"))

    assert result_titles(page) == [
        "Merge overlapping bookings",
        "Least recently used shelf",
        "Insert one more booking",
    ]

    page.keyboard.press("/")
    page.keyboard.type("interval")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"search=interval"))
    assert result_titles(page) == [
        "Merge overlapping bookings",
        "Insert one more booking",
    ]

    page.get_by_role("link", name="Merge overlapping bookings").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Merge overlapping bookings"
    )
    expect(page.get_by_label("Statement")).to_contain_text("merge the overlapping ones")
    expect(page.get_by_text(HINT)).to_have_count(0)
    expect(page.get_by_test_id("interviewer-only")).to_have_count(0)

    page.get_by_role("button", name="Mark for re-review").click()
    expect(page.get_by_role("button", name="Mark for re-review")).to_have_attribute(
        "aria-pressed", "true"
    )

    page.get_by_label("Outcome").select_option("not_solved")
    page.get_by_role("button", name=re.compile(r"^Again")).click()
    expect(page.get_by_test_id("attempt-log")).to_contain_text("rated Again")

    page.goto(f"{live_server.url}/questions/due/")
    expect(page.get_by_role("link", name="Merge overlapping bookings")).to_have_count(0)

    with time_machine.travel(timezone.now() + timedelta(days=2), tick=True):
        page.goto(f"{live_server.url}/questions/due/")
        expect(
            page.get_by_role("link", name="Merge overlapping bookings")
        ).to_be_visible()
