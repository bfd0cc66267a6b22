"""A rating key pressed by mistake on a question page logs the attempt and offers
"Undo" (a button and the key z) for ten seconds; undoing puts the question back where
it was: no attempt, no next review, the same status."""

import pytest
from playwright.sync_api import expect

from questions.models import Attempt, Progress
from questions.services import progress_mark_for_review
from tests.questions.factories import QuestionFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.embedded,
]


def test_clicking_undo_after_a_stray_key_restores_the_question(
    logged_in_page, live_server, console_errors
):
    page = logged_in_page
    QuestionFactory(title="Merge intervals", slug="merge-intervals")
    page.goto(f"{live_server.url}/questions/merge-intervals/")
    expect(page.get_by_test_id("my-status")).to_have_text("New")

    page.locator("h1").click()
    page.keyboard.press("3")
    undo = page.get_by_role("button", name="Undo")
    expect(undo).to_be_visible()
    expect(page.get_by_test_id("my-status")).to_have_text("Solved")
    assert Attempt.objects.count() == 1

    undo.click()
    expect(page.get_by_text("Undone: the attempt is gone")).to_be_visible()
    expect(page.get_by_test_id("my-status")).to_have_text("New")
    expect(page.get_by_test_id("next-review")).to_have_count(0)
    expect(page.get_by_test_id("attempt-log")).to_have_count(0)
    expect(page.get_by_role("button", name="Undo")).to_have_count(0)
    assert not Attempt.objects.exists()
    assert not Progress.objects.exists()
    assert console_errors == []


def test_the_key_z_undoes_and_the_review_mark_comes_back(
    logged_in_page, live_server, alice
):
    page = logged_in_page
    question = QuestionFactory(title="Merge intervals", slug="merge-intervals")
    progress_mark_for_review(user=alice, question=question)
    before = Progress.objects.values("status", "marked_for_review", "due_at").get()
    page.goto(f"{live_server.url}/questions/merge-intervals/")

    page.locator("h1").click()
    page.keyboard.press("4")
    expect(page.get_by_role("button", name="Undo")).to_be_visible()
    page.locator("h1").click()
    page.keyboard.press("z")

    expect(page.get_by_text("Undone: the attempt is gone")).to_be_visible()
    expect(page.get_by_test_id("my-status")).to_have_text("Needs review")
    assert Progress.objects.values("status", "marked_for_review", "due_at").get() == (
        before
    )


def test_undo_leaves_the_screen_after_ten_seconds(logged_in_page, live_server):
    page = logged_in_page
    QuestionFactory(title="Merge intervals", slug="merge-intervals")
    page.clock.install()
    page.goto(f"{live_server.url}/questions/merge-intervals/")
    page.locator("h1").click()
    page.keyboard.press("1")
    undo = page.get_by_role("button", name="Undo")
    expect(undo).to_be_visible()

    page.clock.run_for(10_500)

    expect(undo).to_be_hidden()
    page.keyboard.press("z")
    page.wait_for_timeout(300)
    assert Attempt.objects.count() == 1
