"""Writing a scorecard and a self-assessment: drafts keep what is filled in,
submitting needs everything, and every refused request leaves nothing behind."""

import pytest

from core.errors import ApplicationError
from feedback.models import (
    QuestionNote,
    Scorecard,
    ScorecardRating,
    SelfAssessment,
    SelfRating,
)
from feedback.services.ratings import (
    FeedbackInput,
    RatingInput,
)
from feedback.services.scorecards import (
    scorecard_correct,
    scorecard_create,
    scorecard_draft,
    scorecard_update,
)
from feedback.services.self_assessments import (
    self_assessment_create,
    self_assessment_skip,
)
from notifications.models import Message
from rooms.services.pads import round_pads_ensure
from tests.factories import UserFactory
from tests.feedback.support import finished_session, rounds_of

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

CODING_KEYS = [
    "clarifying",
    "approach",
    "code_quality",
    "verification",
    "complexity",
    "communication",
]


def all_rated(score=3, **overrides) -> FeedbackInput:
    return FeedbackInput(
        ratings=[RatingInput(criterion=key, score=score) for key in CODING_KEYS],
        **{"recommendation": "hire", **overrides},
    )


def feedback_rows() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (
            Scorecard,
            ScorecardRating,
            QuestionNote,
            SelfAssessment,
            SelfRating,
            Message,
        )
    }


@pytest.fixture
def first_round(alice, bob):
    session = finished_session(host=alice, partner=bob)
    return rounds_of(session)[0]  # Alice interviews Bob


def test_a_draft_keeps_partial_ratings_and_submitting_needs_them_all(
    first_round, alice
):
    draft = scorecard_draft(round_id=first_round.pk, author=alice)
    scorecard_update(
        scorecard_id=draft.pk,
        author=alice,
        data=FeedbackInput(ratings=[RatingInput(criterion="approach", score=2)]),
    )
    assert draft.ratings.get(criterion__key="approach").score == 2

    with pytest.raises(ApplicationError, match="not rated yet: Understanding"):
        scorecard_update(
            scorecard_id=draft.pk, author=alice, data=FeedbackInput(), submit=True
        )
    draft.refresh_from_db()
    assert draft.submitted_at is None

    with pytest.raises(ApplicationError, match="recommendation"):
        scorecard_update(
            scorecard_id=draft.pk,
            author=alice,
            data=all_rated(recommendation=""),
            submit=True,
        )
    scorecard_update(scorecard_id=draft.pk, author=alice, data=all_rated(), submit=True)
    draft.refresh_from_db()
    assert draft.submitted_at is not None
    assert sorted(draft.ratings.values_list("score", flat=True)) == [3] * 6


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (all_rated(score=5), "from 1 to 4, not 5"),
        (all_rated(score=0), "from 1 to 4, not 0"),
        (
            FeedbackInput(ratings=[RatingInput(criterion="charisma", score=3)]),
            "'charisma' is not a criterion",
        ),
        (
            FeedbackInput(
                ratings=[
                    RatingInput(criterion="approach", score=3),
                    RatingInput(criterion="approach", score=2),
                ]
            ),
            "rated twice",
        ),
        (all_rated(recommendation="maybe"), "Choose a recommendation"),
        (all_rated(level_signal="way above"), "level signal"),
        (all_rated(strengths="x" * 5001), "under 5000"),
        (all_rated(question_notes={999999: "?"}), "not asked in this round"),
    ],
)
def test_bad_input_is_refused_with_a_reason_and_saves_nothing(
    first_round, alice, data, message
):
    before = feedback_rows()
    with pytest.raises(ApplicationError, match=message):
        scorecard_create(round_id=first_round.pk, author=alice, data=data, submit=True)
    assert feedback_rows() == before


def test_only_the_rounds_interviewer_writes_its_scorecard(first_round, bob):
    stranger = UserFactory()
    before = feedback_rows()
    for someone in (bob, stranger):
        with pytest.raises(ApplicationError, match="Only this round's interviewer"):
            scorecard_create(round_id=first_round.pk, author=someone, data=all_rated())
    assert feedback_rows() == before


def test_a_second_scorecard_for_the_same_round_is_refused(first_round, alice):
    scorecard_create(
        round_id=first_round.pk, author=alice, data=all_rated(), submit=True
    )
    before = feedback_rows()
    with pytest.raises(ApplicationError, match="already has your scorecard"):
        scorecard_create(round_id=first_round.pk, author=alice, data=all_rated())
    assert feedback_rows() == before


def test_only_the_candidate_writes_the_self_assessment(first_round, alice):
    stranger = UserFactory()
    before = feedback_rows()
    for someone in (alice, stranger):
        with pytest.raises(ApplicationError, match="Only this round's candidate"):
            self_assessment_create(
                round_id=first_round.pk, author=someone, data=all_rated(), submit=True
            )
    assert feedback_rows() == before


def test_feedback_waits_for_the_round_to_end(alice, bob):
    session = finished_session(host=alice, partner=bob)
    round_ = rounds_of(session)[0]
    round_.ended_at = None
    round_.started_at = None
    round_.save()
    with pytest.raises(ApplicationError, match="opens when the round has ended"):
        scorecard_create(round_id=round_.pk, author=alice, data=all_rated())


def test_a_submitted_scorecard_is_never_changed_and_a_correction_keeps_it(
    first_round, alice
):
    first = scorecard_create(
        round_id=first_round.pk, author=alice, data=all_rated(score=2), submit=True
    )
    with pytest.raises(ApplicationError, match="start a correction"):
        scorecard_update(scorecard_id=first.pk, author=alice, data=all_rated(score=4))

    correction = scorecard_correct(round_id=first_round.pk, author=alice)
    assert correction.version == 2
    assert list(correction.ratings.values_list("score", flat=True)) == [2] * 6
    scorecard_update(
        scorecard_id=correction.pk, author=alice, data=all_rated(score=4), submit=True
    )

    first.refresh_from_db()
    assert first.submitted_at is not None
    assert set(first.ratings.values_list("score", flat=True)) == {2}
    assert set(correction.ratings.values_list("score", flat=True)) == {4}


def test_the_draft_is_prefilled_with_the_rooms_private_notes_and_questions(
    first_round, alice
):
    from pycrdt import Doc, Text

    from rooms.models import PadKind

    doc = Doc()
    doc["pad"] = Text("02:10 jumped to code without a plan")
    notes = round_pads_ensure(round_=first_round)[PadKind.NOTES]
    notes.updates.create(data=doc.get_update())

    draft = scorecard_draft(round_id=first_round.pk, author=alice)

    assert "jumped to code without a plan" in draft.notes
    assert draft.question_notes.count() == first_round.questions.count()


def test_skipping_the_self_assessment_drops_a_half_written_draft(first_round, bob):
    assessment = self_assessment_create(
        round_id=first_round.pk,
        author=bob,
        data=FeedbackInput(ratings=[RatingInput(criterion="approach", score=4)]),
    )
    self_assessment_skip(round_id=first_round.pk, author=bob)
    assessment.refresh_from_db()
    assert assessment.skipped and assessment.submitted_at is not None
    assert not assessment.ratings.exists()
