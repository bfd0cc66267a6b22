"""What feedback announces, from this one place: a notice row (e-mail and bell) to
the other person in the transaction of the change, sent by a task once it commits.
Notices say that feedback is ready and where to read it, never what it says: the
blind rule is kept by the page that shows it."""

from feedback.models import FeedbackNoticeKind, Scorecard, SelfAssessment
from feedback.services.notices import notice_queue
from interviews.events import session_changed


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
