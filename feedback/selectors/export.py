"""All of one person's feedback as plain data, for the JSON download and the
printable page: the scorecards they received and may read, their own
self-assessments, and, apart, the scorecards they gave.

What the blind rule keeps from a reader stays out: a received scorecard appears
once the round's self-assessment is submitted or skipped (as in
`permissions.can_read_scorecard`), notes on questions never revealed to the
candidate are left out, and no interviewer's working `notes` are exported, not
even to their author: a printout is easily passed on."""

from datetime import datetime, tzinfo
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from feedback.models import (
    InterviewerFeedback,
    QuestionNote,
    Scorecard,
    ScorecardRating,
    SelfAssessment,
    SelfRating,
)
from feedback.permissions import can_read_interviewer_feedback
from feedback.selectors.scorecards import (
    scorecards_current,
    scorecards_readable_as_subject,
)
from interviews.models import Round
from rooms.selectors.board import round_board_elements
from users.models import User

FORMAT_VERSION = 1


def _iso(moment: datetime | None, zone: tzinfo) -> str | None:
    """ISO 8601 in the reader's own time zone, with its offset: the date part is
    the day as they lived it."""
    return moment.astimezone(zone).isoformat(timespec="seconds") if moment else None


def _scorecards(scorecards: QuerySet) -> QuerySet:
    return scorecards.select_related(
        "round__session__format",
        "rubric",
        "author",
        "subject",
    ).prefetch_related(
        Prefetch(
            "ratings",
            queryset=ScorecardRating.objects.select_related("criterion").order_by(
                "criterion__order"
            ),
        ),
        Prefetch(
            "question_notes",
            queryset=QuestionNote.objects.select_related(
                "round_question__question", "round_question__segment"
            ).order_by("round_question__segment__order", "round_question__position"),
        ),
    )


def _round(round_: Round, *, partner: User | None, zone: tzinfo) -> dict[str, Any]:
    session = round_.session
    return {
        "id": round_.pk,
        "number": round_.order + 1,
        "session_starts_at": _iso(session.starts_at, zone),
        "session_ends_at": _iso(session.ends_at, zone),
        "format": session.format.name,
        "partner": partner.name if partner else None,
        # The whiteboard as the round ended: Excalidraw's elements, as stored
        # (an empty list when nothing was drawn).
        "board": round_board_elements(round_=round_),
    }


def _rubric(rubric) -> dict[str, Any]:
    return {"kind": rubric.kind, "version": rubric.version, "title": rubric.title}


def _ratings(ratings) -> list[dict[str, Any]]:
    return [
        {
            "criterion": rating.criterion.key,
            "title": rating.criterion.title,
            "score": rating.score,
            "level": rating.criterion.levels[rating.score - 1]
            if rating.score
            else None,
            "note": rating.note,
        }
        for rating in ratings
    ]


def _scorecard(
    scorecard: Scorecard, *, as_candidate: bool, zone: tzinfo
) -> dict[str, Any]:
    round_ = scorecard.round
    partner = scorecard.author if as_candidate else scorecard.subject
    return {
        "round": _round(round_, partner=partner, zone=zone),
        "rubric": _rubric(scorecard.rubric),
        "version": scorecard.version,
        "submitted_at": _iso(scorecard.submitted_at, zone),
        "recommendation": scorecard.recommendation or None,
        "recommendation_label": scorecard.get_recommendation_display() or None,
        "level_signal": scorecard.level_signal or None,
        "level_signal_label": scorecard.get_level_signal_display() or None,
        "ratings": _ratings(scorecard.ratings.all()),
        "strengths": scorecard.strengths,
        "improvements": scorecard.improvements,
        "question_notes": [
            {
                "question": note.round_question.question.title,
                "text": note.text,
            }
            for note in scorecard.question_notes.all()
            if note.text
            # The candidate never learns a question that was not revealed.
            and (not as_candidate or note.round_question.revealed_at is not None)
        ],
    }


def _self_assessment(assessment: SelfAssessment, *, zone: tzinfo) -> dict[str, Any]:
    return {
        "round": _round(
            assessment.round, partner=assessment.round.interviewer, zone=zone
        ),
        "rubric": _rubric(assessment.rubric),
        "submitted_at": _iso(assessment.submitted_at, zone),
        "skipped": assessment.skipped,
        "went_well": assessment.went_well,
        "went_badly": assessment.went_badly,
        "ratings": _ratings(assessment.ratings.all()),
    }


def _by_round_time(queryset: QuerySet) -> QuerySet:
    return queryset.order_by("round__session__starts_at", "round__order")


def feedback_export_for_user(
    *, user: User, now: datetime | None = None
) -> dict[str, Any]:
    """Everything above as JSON-ready data; dates in ISO 8601."""
    received = _scorecards(_by_round_time(scorecards_readable_as_subject(user=user)))
    given = _scorecards(_by_round_time(scorecards_current().filter(author=user)))
    assessments = (
        _by_round_time(SelfAssessment.objects.filter(author=user))
        .select_related(
            "round__session__format",
            "round__interviewer",
            "rubric",
        )
        .prefetch_related(
            Prefetch(
                "ratings",
                queryset=SelfRating.objects.select_related("criterion").order_by(
                    "criterion__order"
                ),
            )
        )
    )
    zone = user.zone
    return {
        "format_version": FORMAT_VERSION,
        "exported_at": _iso(now or timezone.now(), zone),
        "person": {"name": user.name, "email": user.email, "time_zone": str(zone)},
        "received": [
            _scorecard(each, as_candidate=True, zone=zone) for each in received
        ],
        "self_assessments": [_self_assessment(each, zone=zone) for each in assessments],
        "given": [_scorecard(each, as_candidate=False, zone=zone) for each in given],
        # How rounds were run: rated by me as candidate, and about me as
        # interviewer once my own scorecard let me read it.
        "round_runs_given": [
            _round_run(each, zone=zone)
            for each in _by_round_time(InterviewerFeedback.objects.filter(author=user))
        ],
        "round_runs_received": [
            _round_run(each, zone=zone)
            for each in _by_round_time(
                InterviewerFeedback.objects.filter(interviewer=user)
            )
            if can_read_interviewer_feedback(user, each)
        ],
    }


def _round_run(feedback: InterviewerFeedback, *, zone) -> dict[str, Any]:
    return {
        "round": feedback.round_id,
        "ratings": feedback.ratings,
        "comment": feedback.comment,
        "submitted_at": _iso(feedback.submitted_at, zone),
    }
