import pytest

from questions.models import Question
from tests.factories import round_using_question
from tests.questions.factories import QuestionFactory

pytestmark = pytest.mark.django_db

SECRET_HINT = "Sort by start time first."
SECRET_OUTLINE = "Sweep the sorted intervals once."
SECRET_FOLLOW_UP = "What if intervals stream in?"


@pytest.fixture
def question(db) -> Question:
    return QuestionFactory(
        slug="merge-bookings",
        hints=[SECRET_HINT],
        solution_outline=SECRET_OUTLINE,
        follow_ups=[SECRET_FOLLOW_UP],
    )


def page_for(client, user) -> str:
    client.force_login(user)
    return client.get("/questions/merge-bookings/").content.decode()


def api_for(client, user) -> dict:
    client.force_login(user)
    return client.get("/api/questions/merge-bookings/").json()


def test_a_candidate_sees_the_statement_but_no_hint_outline_or_follow_up(
    client, alice, question
):
    page = page_for(client, alice)
    answer = api_for(client, alice)

    assert "Write a function" in page
    for secret in (SECRET_HINT, SECRET_OUTLINE, SECRET_FOLLOW_UP):
        assert secret not in page
        assert secret not in str(answer)
    assert not {"hints", "solution_outline", "follow_ups"} & set(answer)


def test_staff_see_the_interviewer_fields(client, staff, question):
    page = page_for(client, staff)
    answer = api_for(client, staff)

    assert SECRET_HINT in page and SECRET_OUTLINE in page and SECRET_FOLLOW_UP in page
    assert answer["hints"] == [SECRET_HINT]
    assert answer["solution_outline"] == SECRET_OUTLINE


def test_the_author_sees_the_interviewer_fields(client, bob, question):
    question.author = bob
    question.save()

    assert SECRET_OUTLINE in page_for(client, bob)
    assert api_for(client, bob)["follow_ups"] == [SECRET_FOLLOW_UP]


def test_the_list_api_never_sends_interviewer_fields(client, staff, question):
    client.force_login(staff)

    rows = client.get("/api/questions/").json()["results"]

    assert SECRET_HINT not in str(rows)


def test_an_unknown_question_is_a_404(client, alice):
    client.force_login(alice)

    assert client.get("/questions/no-such-question/").status_code == 404
    assert client.get("/api/questions/no-such-question/").status_code == 404


def test_the_interviewer_of_a_round_using_the_question_sees_its_hints(
    client, alice, bob, question
):
    round_using_question(interviewer=bob, candidate=alice, question=question)

    assert SECRET_HINT in page_for(client, bob)
    assert SECRET_HINT not in page_for(client, alice)
    assert "hints" not in api_for(client, alice)
