"""Personal progress on a question: status, the attempt log, "mark for re-review", and
nobody else seeing or changing it."""

import pytest

from core.errors import ApplicationError
from questions.models import Attempt, Progress, ProgressStatus, ReviewRating
from questions.services import attempt_log, progress_mark_for_review
from tests.questions.factories import QuestionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def question():
    return QuestionFactory(title="Two sum", slug="two-sum")


def attempt_form(**changes):
    return {
        "minutes_planning": "5",
        "minutes_coding": "12",
        "outcome": "solved",
        "note": "",
        "rating": str(ReviewRating.GOOD),
        **changes,
    }


def status_of(user, question):
    return Progress.objects.get(user=user, question=question).status


def test_a_question_never_touched_shows_as_new_on_its_page(client, alice, question):
    client.force_login(alice)

    page = client.get("/questions/two-sum/").content.decode()

    assert 'data-testid="my-status">New<' in page
    assert not Progress.objects.exists()


def test_status_follows_the_latest_attempt_and_the_review_mark(alice, question):
    def log(outcome):
        attempt_log(user=alice, question=question, outcome=outcome, rating=3)

    log("not_solved")
    assert status_of(alice, question) == ProgressStatus.ATTEMPTED
    log("solved")
    assert status_of(alice, question) == ProgressStatus.SOLVED

    progress_mark_for_review(user=alice, question=question)
    assert status_of(alice, question) == ProgressStatus.NEEDS_REVIEW
    progress_mark_for_review(user=alice, question=question, marked=False)
    assert status_of(alice, question) == ProgressStatus.SOLVED

    progress_mark_for_review(user=alice, question=question)
    log("solved_with_help")
    progress = Progress.objects.get(user=alice, question=question)
    assert progress.marked_for_review is False
    assert progress.status == ProgressStatus.ATTEMPTED


def test_a_logged_attempt_appears_in_the_log_on_the_question_page(
    client, alice, question
):
    client.force_login(alice)

    response = client.post(
        "/questions/two-sum/progress/attempt/",
        attempt_form(note="Forgot the empty input.", rating="1"),
        follow=True,
    )

    page = response.content.decode()
    assert "Attempt logged. Next review:" in page
    assert "Forgot the empty input." in page
    assert "5 min planning, 12 min coding" in page
    assert "rated Again" in page
    assert 'data-testid="my-status">Solved<' in page


def test_marking_for_re_review_from_the_page_toggles(client, alice, question):
    client.force_login(alice)

    page = client.post(
        "/questions/two-sum/progress/mark/", {"marked": "1"}, follow=True
    ).content.decode()
    assert "Marked for re-review" in page
    assert 'aria-pressed="true"' in page

    page = client.post(
        "/questions/two-sum/progress/mark/", {"marked": "0"}, follow=True
    ).content.decode()
    assert "No longer marked for review." in page
    assert 'aria-pressed="false"' in page


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"minutes_coding": "601"}, "less than or equal to 600"),
        ({"minutes_planning": "-3"}, "greater than or equal to 0"),
        ({"outcome": "nailed_it"}, "Select a valid choice"),
        ({"rating": "5"}, "Select a valid choice"),
        ({"rating": ""}, "This field is required"),
    ],
)
def test_a_bad_attempt_is_refused_with_a_message_and_writes_nothing(
    client, alice, question, changes, message
):
    client.force_login(alice)

    response = client.post(
        "/questions/two-sum/progress/attempt/", attempt_form(**changes), follow=True
    )

    assert message in response.content.decode()
    assert not Attempt.objects.exists()
    assert not Progress.objects.exists()


def test_the_service_refuses_bad_minutes_even_without_the_form(alice, question):
    with pytest.raises(ApplicationError, match="between 0 and 600"):
        attempt_log(
            user=alice,
            question=question,
            outcome="solved",
            rating=3,
            minutes_coding=900,
        )

    assert not Progress.objects.exists()


def test_my_progress_page_lists_my_questions_only(client, alice, bob, question):
    other = QuestionFactory(title="Bob's secret question")
    attempt_log(user=alice, question=question, outcome="solved", rating=4)
    attempt_log(user=bob, question=other, outcome="solved", rating=4)
    client.force_login(alice)

    page = client.get("/questions/progress/").content.decode()

    assert "Two sum" in page
    assert "Solved" in page
    assert "secret question" not in page


def test_the_api_logs_an_attempt_and_reports_only_my_progress(
    client, alice, bob, question
):
    attempt_log(user=bob, question=QuestionFactory(), outcome="solved", rating=2)
    client.force_login(alice)

    created = client.post(
        "/api/progress/two-sum/attempts/",
        {"outcome": "solved", "rating": 3, "minutes_coding": 20},
        content_type="application/json",
    )
    listed = client.get("/api/progress/").json()

    assert created.status_code == 201
    assert created.json()["attempt"]["minutes_coding"] == 20
    assert created.json()["progress"]["status"] == "solved"
    assert [row["question"] for row in listed["results"]] == ["two-sum"]


def test_the_api_marks_for_review_and_shows_the_attempts(client, alice, question):
    client.force_login(alice)

    marked = client.post(
        "/api/progress/two-sum/mark-for-review/", {}, content_type="application/json"
    )
    detail = client.get("/api/progress/two-sum/").json()

    assert marked.json()["status"] == "needs_review"
    assert detail["progress"]["marked_for_review"] is True
    assert detail["attempts"] == []


def test_the_api_refuses_an_unknown_question_and_a_bad_rating(client, alice, question):
    client.force_login(alice)

    missing = client.post(
        "/api/progress/no-such-question/attempts/",
        {"outcome": "solved", "rating": 3},
        content_type="application/json",
    )
    bad = client.post(
        "/api/progress/two-sum/attempts/",
        {"outcome": "solved", "rating": 7},
        content_type="application/json",
    )

    assert missing.status_code == 404
    assert bad.status_code == 400
    assert "rating" in bad.json()
    assert not Attempt.objects.exists()


def test_progress_needs_a_login(client, question):
    assert client.get("/api/progress/").status_code in (401, 403)
    response = client.post("/questions/two-sum/progress/mark/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert not Progress.objects.exists()
