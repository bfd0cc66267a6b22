"""On a 390 px phone the question list shows results first: the filters fold behind
"Filters" (with how many are active) and open from it. That its table scrolls in its
own box is proved with every other table's, in test_pages_fit_a_phone."""

import re

import pytest
from playwright.sync_api import expect

from questions.models import CompanyTag
from tests.questions.factories import CompanyFactory, QuestionFactory, TopicFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.embedded,
]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def long_filters(db):
    """Enough companies and topics for every facet to fill its "More"."""
    companies = [CompanyFactory(name=f"Company {n:02}") for n in range(12)]
    topics = [TopicFactory(name=f"Topic {n:02}") for n in range(12)]
    for n in range(30):
        question = QuestionFactory(
            title=f"Question {n:02}", topics=[topics[n % 12], topics[(n + 1) % 12]]
        )
        CompanyTag.objects.create(
            question=question, company=companies[n % 12], window="6m", frequency=50
        )


def test_the_first_result_is_on_the_first_screen_and_filters_open_from_their_button(
    logged_in_page, live_server, long_filters, console_errors
):
    page = logged_in_page
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/questions/?difficulty=medium&window=6m")

    first = page.locator(".questions-table tbody tr").first
    expect(first).to_be_visible()
    assert first.bounding_box()["y"] < PHONE["height"]
    filters = page.get_by_role("form", name="Filters")
    expect(filters).to_be_hidden()

    toggle = page.get_by_role("button", name=re.compile(r"^Filters"))
    expect(toggle).to_have_text("Filters 2 active")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    toggle.focus()
    page.keyboard.press("Enter")
    expect(filters).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "true")

    # A filter applied on a phone comes back with the filters still open.
    page.get_by_role("checkbox", name=re.compile(r"^Company 03\b")).check()
    page.wait_for_url(re.compile(r"company=company-03"))
    expect(filters).to_be_visible()
    expect(page.get_by_test_id("active-filters")).to_have_text("3 active")

    toggle.click()
    expect(filters).to_be_hidden()
    assert console_errors == []


def test_on_a_wide_screen_the_filters_stay_open_beside_the_results(
    logged_in_page, live_server, long_filters
):
    page = logged_in_page
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{live_server.url}/questions/")

    expect(page.get_by_role("form", name="Filters")).to_be_visible()
    expect(page.get_by_role("button", name=re.compile(r"^Filters"))).to_be_hidden()
