import datetime as dt

import pytest
import time_machine
from playwright.sync_api import expect

from questions.models import Progress
from questions.services import list_add_question, list_create
from tests.questions.factories import QuestionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_question_marked_and_rated_comes_back_on_due_today(
    logged_in_page, live_server, alice, console_errors
):
    page = logged_in_page
    QuestionFactory(title="Merge intervals", slug="merge-intervals")
    page.goto(f"{live_server.url}/questions/merge-intervals/")

    mark = page.get_by_role("button", name="Mark for re-review")
    expect(mark).to_have_attribute("aria-pressed", "false")
    mark.click()
    expect(page.get_by_text("Marked for re-review: it is due now.")).to_be_visible()
    expect(page.get_by_role("button", name="Mark for re-review")).to_have_attribute(
        "aria-pressed", "true"
    )

    page.get_by_label("Minutes planning").fill("6")
    page.get_by_label("Minutes coding").fill("15")
    page.get_by_label("Outcome").select_option("solved")
    # Enter in a field must not log a rating nobody chose.
    page.get_by_label("Minutes coding").press("Enter")
    page.wait_for_timeout(300)
    assert not Progress.objects.get().attempts.exists()
    # Key 3 ("Good") logs it once the focus leaves the fields.
    page.locator("h1").click()
    page.keyboard.press("3")
    expect(page.get_by_text("Attempt logged. Next review:")).to_be_visible()
    expect(page.get_by_test_id("attempt-log")).to_contain_text("rated Good")
    expect(page.get_by_test_id("my-status")).to_have_text("Solved")

    page.get_by_role("link", name="Due today").first.click()
    expect(page.get_by_test_id("due-count")).to_have_text("Nothing to review today.")
    expect(page.get_by_test_id("upcoming")).to_contain_text("1 more scheduled later")

    due_at = Progress.objects.get().due_at
    with time_machine.travel(due_at + dt.timedelta(minutes=5)):
        page.reload()
        item = page.get_by_test_id("due-item")
        expect(item).to_have_count(1)
        item.get_by_role("link", name="Merge intervals").click()
        expect(page).to_have_url(f"{live_server.url}/questions/merge-intervals/")
    assert console_errors == []


def test_the_keyboard_moves_a_question_up_and_keeps_the_focus_on_it(
    logged_in_page, live_server, alice, console_errors
):
    page = logged_in_page
    question_list = list_create(owner=alice, name="Warm-up")
    for title in ("Two sum", "Valid parentheses", "Merge intervals"):
        question = QuestionFactory(title=title, slug=title.lower().replace(" ", "-"))
        list_add_question(user=alice, question_list=question_list, question=question)
    page.goto(f"{live_server.url}/questions/lists/{question_list.pk}/")

    page.get_by_role("button", name="Move “Merge intervals” up").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**#move-up-merge-intervals")
    expect(page.get_by_role("button", name="Move “Merge intervals” up")).to_be_focused()
    page.keyboard.press("Enter")
    page.wait_for_url("**#move-down-merge-intervals")

    titles = page.get_by_test_id("list-item").get_by_role("link")
    expect(titles).to_have_text(["Merge intervals", "Two sum", "Valid parentheses"])
    # At the top "up" is disabled, so the page lands on "down" instead.
    expect(
        page.get_by_role("button", name="Move “Merge intervals” down")
    ).to_be_focused()
    assert console_errors == []
