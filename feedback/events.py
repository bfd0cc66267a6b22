"""What feedback announces, from this one place: a notice row (e-mail and bell) to
the other person in the transaction of the change, sent by a task once it commits.
Notices say that feedback is ready and where to read it, never what it says: the
blind rule is kept by the page that shows it."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from feedback.models import (
    FeedbackNotice,
    FeedbackNoticeKind,
    Scorecard,
    SelfAssessment,
)
from interviews.events import session_changed
from interviews.models import Round


def _send_after_commit(notice: FeedbackNotice) -> None:
    from feedback.tasks import feedback_notice_send_task  # tasks import services

    transaction.on_commit(
        lambda: feedback_notice_send_task.delay(notice.pk), robust=True
    )


def notice_queue(
    *, round_: Round, user_id: int, kind: str, part: str, due_at: datetime | None = None
) -> FeedbackNotice | None:
    """One notice per round, reader, kind and part: a correction or a second
    submission does not tell anyone twice."""
    notice, created = FeedbackNotice.objects.get_or_create(
        round=round_,
        user_id=user_id,
        kind=kind,
        part=part,
        defaults={"due_at": due_at or timezone.now()},
    )
    if not created:
        return None
    if notice.due_at <= timezone.now():
        _send_after_commit(notice)
    return notice


def scorecard_submitted(*, scorecard: Scorecard) -> None:
    notice_queue(
        round_=scorecard.round,
        user_id=scorecard.subject_id,
        kind=FeedbackNoticeKind.READY,
        part="scorecard",
    )
    session_changed(session_id=scorecard.round.session_id, what="feedback")


def self_assessment_submitted(*, assessment: SelfAssessment) -> None:
    if assessment.round.interviewer_id:
        notice_queue(
            round_=assessment.round,
            user_id=assessment.round.interviewer_id,
            kind=FeedbackNoticeKind.READY,
            part="self",
        )
    session_changed(session_id=assessment.round.session_id, what="feedback")
