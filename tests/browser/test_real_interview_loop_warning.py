"""A real interview loop in a real browser: a person records a loop and its stages
(each in its own time zone) from the Career pages, and the timeline warns that two
different formats fall within three days; moving one stage away clears it."""

import pytest
from playwright.sync_api import expect

from career.models import InterviewStage

pytestmark = [
    pytest.mark.browser,
    pytest.mark.embedded,
    pytest.mark.django_db(transaction=True),
]


def add_stage(page, *, fmt: str, date: str, time: str, zone: str):
    form = page.get_by_test_id("stage-form")
    form.get_by_label("Format").select_option(fmt)
    form.get_by_label("Date", exact=True).fill(date)
    form.get_by_label("Time", exact=True).fill(time)
    form.get_by_label("Time zone").select_option(zone)
    form.get_by_role("button", name="Add the stage").click()
    expect(page.get_by_text("Stage added.")).to_be_visible()


def test_a_loop_recorded_stage_by_stage_gets_the_three_day_warning(
    logged_in_page, live_server, alice, console_errors
):
    page = logged_in_page
    page.get_by_role("link", name="Career").click()
    page.get_by_role("link", name="Real interviews").first.click()
    expect(page.get_by_role("heading", name="Real interviews")).to_be_visible()
    expect(page.get_by_test_id("timeline-warning")).to_have_count(0)

    form = page.get_by_test_id("loop-form")
    form.get_by_label("Company name").fill("Initech")
    form.get_by_label("Role").fill("Senior ML engineer")
    form.get_by_label("Level").fill("E5")
    form.get_by_label("Group of similar companies").fill("ML design")
    form.get_by_role("button", name="Add the loop").click()
    expect(page.get_by_text("Loop added: now add its stages.")).to_be_visible()

    add_stage(
        page, fmt="coding", date="2026-03-02", time="09:00", zone="America/New_York"
    )
    add_stage(
        page,
        fmt="ml_system_design",
        date="2026-03-04",
        time="16:00",
        zone="Europe/Berlin",
    )
    expect(page.get_by_test_id("stages").get_by_role("row")).to_have_count(3)

    page.get_by_role("link", name="Back to the timeline").click()
    warning = page.get_by_test_id("timeline-warning")
    expect(warning).to_have_count(1)
    expect(warning).to_contain_text(
        "Coding at Initech and ML system design at Initech are 2 days and 1 hour apart"
    )
    expect(page.get_by_test_id("timeline")).to_contain_text("Mon 2 Mar 2026, 09:00")

    # Four days between the formats: the warning goes.
    design = InterviewStage.objects.get(format="ml_system_design")
    page.goto(f"{live_server.url}/career/stages/{design.pk}/edit/")
    page.get_by_label("Date", exact=True).fill("2026-03-06")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Stage saved.")).to_be_visible()
    page.get_by_role("link", name="Back to the timeline").click()
    expect(page.get_by_test_id("timeline-warning")).to_have_count(0)
    assert console_errors == []
