import random

import pytest
from django.http import QueryDict

from questions.filters import filters_from_params
from questions.models import Difficulty, Progress, ProgressStatus
from questions.selectors.browse import question_draw_random
from tests.questions.factories import QuestionFactory

pytestmark = pytest.mark.django_db


def test_the_draw_never_returns_a_question_the_candidate_solved(alice):
    solved = [QuestionFactory() for _ in range(5)]
    fresh = QuestionFactory()
    for question in solved:
        Progress.objects.create(
            user=alice, question=question, status=ProgressStatus.SOLVED
        )
    filters = filters_from_params(QueryDict())

    drawn = {
        question_draw_random(filters=filters, candidate=alice, rng=random.Random(seed))
        for seed in range(30)
    }

    assert drawn == {fresh}


def test_the_draw_honours_the_filters(alice):
    hard = QuestionFactory(difficulty=Difficulty.HARD)
    QuestionFactory(difficulty=Difficulty.EASY)
    filters = filters_from_params(QueryDict("difficulty=hard"))

    assert question_draw_random(filters=filters, candidate=alice) == hard


def test_the_draw_says_so_when_nothing_is_left(client, alice):
    question = QuestionFactory()
    Progress.objects.create(user=alice, question=question, status=ProgressStatus.SOLVED)
    client.force_login(alice)

    response = client.get("/api/questions/random/")

    assert response.status_code == 404
    assert "No question left" in response.json()["detail"]


def test_the_draw_skips_questions_the_candidate_met_in_a_mock(alice, bob):
    from django.utils import timezone

    from interviews.models import Format, MockSession, Round, RoundQuestion

    met = QuestionFactory()
    fresh = QuestionFactory()
    phone_screen = Format.objects.get(slug="phone-screen-e4-e5", owner=None)
    starts = timezone.now()
    session = MockSession.objects.create(
        host=bob,
        format=phone_screen,
        starts_at=starts,
        ends_at=starts + timezone.timedelta(minutes=45),
    )
    round_ = Round.objects.create(
        session=session, order=0, interviewer=bob, candidate=alice
    )
    RoundQuestion.objects.create(
        round=round_,
        segment=phone_screen.segments.get(kind="coding"),
        position=0,
        question=met,
        revealed_at=starts,
    )
    filters = filters_from_params(QueryDict())

    drawn = {
        question_draw_random(filters=filters, candidate=alice, rng=random.Random(seed))
        for seed in range(20)
    }

    assert drawn == {fresh}


def test_the_draw_skips_questions_the_candidate_asked_as_interviewer(alice, bob):
    from django.utils import timezone

    from interviews.models import Format, MockSession, Round, RoundQuestion

    asked = QuestionFactory()
    fresh = QuestionFactory()
    phone_screen = Format.objects.get(slug="phone-screen-e4-e5", owner=None)
    starts = timezone.now()
    session = MockSession.objects.create(
        host=alice,
        format=phone_screen,
        starts_at=starts,
        ends_at=starts + timezone.timedelta(minutes=45),
    )
    round_ = Round.objects.create(
        session=session, order=0, interviewer=alice, candidate=bob
    )
    RoundQuestion.objects.create(
        round=round_,
        segment=phone_screen.segments.get(kind="coding"),
        position=0,
        question=asked,
    )
    filters = filters_from_params(QueryDict())

    drawn = {
        question_draw_random(filters=filters, candidate=alice, rng=random.Random(seed))
        for seed in range(20)
    }

    assert drawn == {fresh}


def test_the_draw_leaves_out_the_excluded_questions(alice):
    used = QuestionFactory()
    fresh = QuestionFactory()
    filters = filters_from_params(QueryDict())

    drawn = {
        question_draw_random(
            filters=filters,
            candidate=alice,
            exclude_ids={used.id},
            rng=random.Random(seed),
        )
        for seed in range(20)
    }

    assert drawn == {fresh}
