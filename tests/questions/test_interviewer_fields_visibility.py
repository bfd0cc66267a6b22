from datetime import timedelta

import pytest
from django.utils import timezone

from questions.models import Question
from tests.factories import UserFactory, round_using_question
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


def pick_on_the_page(client, session_id: int, question: Question) -> None:
    from interviews.models import Segment

    coding = Segment.objects.get(format__slug="phone-screen-e4-e5", kind="coding")
    response = client.post(
        f"/sessions/{session_id}/rounds/0/pick/",
        {"segment": coding.pk, "position": 0, "question": question.slug},
    )
    assert response.status_code == 302


def test_a_session_nobody_accepted_opens_no_hints(client, alice, question):
    client.force_login(alice)
    created = client.post(
        "/api/sessions/",
        {
            "format": "phone-screen-e4-e5",
            "starts_at": (timezone.now() + timedelta(days=30)).isoformat(),
            "partner_email": "anyone@example.org",
            "host_role": "interviewer",
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    pick_on_the_page(client, created.json()["id"], question)

    page = page_for(client, alice)
    answer = api_for(client, alice)

    assert SECRET_HINT not in page and SECRET_OUTLINE not in page
    assert not {"hints", "solution_outline", "follow_ups"} & set(answer)


def test_hints_open_once_the_partner_accepts(client, alice, bob, question):
    round_ = round_using_question(
        interviewer=bob, candidate=alice, question=question, status="proposed"
    )
    assert SECRET_HINT not in page_for(client, bob)

    round_.session.status = "scheduled"
    round_.session.save()

    assert SECRET_HINT in page_for(client, bob)


def test_a_cancelled_session_closes_the_hints_again(client, alice, bob, question):
    round_ = round_using_question(interviewer=bob, candidate=alice, question=question)
    round_.session.status = "cancelled"
    round_.session.save()

    assert SECRET_HINT not in page_for(client, bob)


def test_a_question_picked_for_me_stays_closed_when_i_interview_with_it_later(
    client, alice, bob, question
):
    carol = UserFactory(email="carol@example.com", display_name="Carol")
    round_using_question(interviewer=bob, candidate=alice, question=question)
    round_using_question(interviewer=alice, candidate=carol, question=question)

    assert SECRET_HINT not in page_for(client, alice)
    assert "hints" not in api_for(client, alice)
    assert SECRET_HINT in page_for(client, bob)
