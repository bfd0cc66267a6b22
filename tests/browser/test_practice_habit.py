"""The habit in a real browser: a person sets a weekly goal (and a target company,
found with the filter and ticked from the keyboard), logs an attempt, reads
their streak and the week against the goal on the home page, and the year of
practice days on the progress page: the heatmap drawn by Chart.js under the CSP,
with the same numbers in a table beside it."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.questions.factories import CompanyFactory, QuestionFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.embedded,
    pytest.mark.django_db(transaction=True),
]


def test_a_goal_an_attempt_then_the_streak_at_home_and_the_year_on_progress(
    logged_in_page, live_server, alice, console_errors
):
    page = logged_in_page
    QuestionFactory(title="Merge intervals", slug="merge-intervals")
    CompanyFactory(name="Meta", slug="meta")
    CompanyFactory(name="Google", slug="google")

    page.goto(f"{live_server.url}/me/")
    page.get_by_role("link", name="Practice settings").click()
    expect(page.get_by_role("heading", name="Practice settings")).to_be_visible()
    # The companies filter as one types; a company is ticked from the keyboard.
    page.get_by_label("Filter companies").fill("goo")
    expect(page.get_by_label("Meta", exact=True)).to_be_hidden()
    google = page.get_by_label("Google", exact=True)
    google.focus()
    page.keyboard.press("Space")
    expect(google).to_be_checked()
    page.get_by_label("Weekly goal").select_option("2")
    page.get_by_label("E-mail me a daily digest of due reviews").check()
    page.get_by_label("Digest hour").select_option("7")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Your practice settings are saved.")).to_be_visible()
    expect(page.get_by_label("Weekly goal")).to_have_value("2")
    expect(page.get_by_label("Digest hour")).to_have_value("7")
    expect(page.get_by_label("Google", exact=True)).to_be_checked()

    page.goto(f"{live_server.url}/")
    expect(page.get_by_test_id("streak")).to_contain_text("0 days in a row")
    expect(page.get_by_test_id("week-goal")).to_contain_text("0 of 2")

    page.goto(f"{live_server.url}/questions/merge-intervals/")
    page.get_by_label("Outcome").select_option("solved")
    page.get_by_role("button", name="Good").click()
    expect(page.get_by_text("Attempt logged. Next review:")).to_be_visible()

    page.goto(f"{live_server.url}/")
    expect(page.get_by_test_id("streak")).to_contain_text("1 day in a row")
    expect(page.get_by_test_id("week-goal")).to_contain_text("1 of 2")

    page.get_by_role("link", name="Your practice year →").click()
    heatmap = page.get_by_test_id("habit-heatmap")
    expect(heatmap).to_have_attribute("data-drawn", "true")
    box = heatmap.bounding_box()
    assert box and box["width"] > 200 and box["height"] > 50
    month = timezone.localdate(timezone.now(), alice.zone).strftime("%b %Y")
    row = page.get_by_test_id("habit-months").get_by_role("row", name=month)
    expect(row.get_by_role("cell")).to_have_text(["1", "1"])
    expect(page.get_by_test_id("practice-year-summary")).to_contain_text(
        "1 day with practice, 1 attempt"
    )
    # The chart script ran under the page's CSP (no inline script or style).
    assert console_errors == []
