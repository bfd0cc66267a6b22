"""Writing a story in a real browser: the form, its refusal with a message, the
story page with its text shown as text, and the coverage it earns."""

import pytest
from playwright.sync_api import expect

from questions.models import RoundKind
from tests.questions.factories import QuestionFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.embedded,
    pytest.mark.django_db(transaction=True),
]


def test_a_story_is_written_from_the_page_and_covers_its_competency(
    logged_in_page, live_server, alice, console_errors
):
    QuestionFactory(
        title="Tell me about a conflict", slug="a-conflict", kind=RoundKind.BEHAVIORAL
    )
    page = logged_in_page
    page.get_by_role("link", name="Career").click()
    page.get_by_role("link", name="Write a story").click()

    form = page.get_by_test_id("story-form")
    form.get_by_label("Result").fill("x" * 5001)
    form.get_by_role("button", name="Save the story").click()
    expect(page.get_by_test_id("form-error")).to_contain_text("This cannot be empty")

    form = page.get_by_test_id("story-form")
    form.get_by_label("Title").fill("Rescued the <b>launch</b>")
    form.get_by_label("Situation").fill("Two weeks before launch, load tests failed.")
    form.get_by_label("Action").fill("Profiled, found the N+1, batched the reads.")
    form.get_by_label("Result").fill("p99 from 2.1 s to 180 ms; launched on time.")
    form.get_by_label("Ownership").check()
    form.get_by_label("Tell me about a conflict").check()
    form.get_by_role("button", name="Save the story").click()

    expect(page.get_by_text("Story saved.")).to_be_visible()
    expect(page.get_by_test_id("story-title")).to_have_text("Rescued the <b>launch</b>")
    expect(page.get_by_test_id("story-text")).to_contain_text(
        "p99 from 2.1 s to 180 ms"
    )

    page.get_by_role("link", name="Coverage").click()
    row = page.get_by_test_id("coverage-competencies").locator("tr[data-key=ownership]")
    expect(row).to_contain_text("Rescued the <b>launch</b>")
    expect(page.get_by_test_id("coverage-questions")).to_contain_text(
        "Every behavioral question has a story."
    )
    # The refused form came back as a 400, which Chromium logs; nothing else.
    assert [e for e in console_errors if "status of 400" not in e] == []
