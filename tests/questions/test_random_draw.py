import random

import pytest
from django.http import QueryDict

from questions.filters import filters_from_params
from questions.models import Difficulty, Progress, ProgressStatus
from questions.selectors.browse import question_draw_random
from tests.factories import round_using_question
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
    met = QuestionFactory()
    fresh = QuestionFactory()
    round_using_question(interviewer=bob, candidate=alice, question=met, revealed=True)
    filters = filters_from_params(QueryDict())

    drawn = {
        question_draw_random(filters=filters, candidate=alice, rng=random.Random(seed))
        for seed in range(20)
    }

    assert drawn == {fresh}


def test_the_draw_skips_questions_the_candidate_asked_as_interviewer(alice, bob):
    asked = QuestionFactory()
    fresh = QuestionFactory()
    round_using_question(interviewer=alice, candidate=bob, question=asked)
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
