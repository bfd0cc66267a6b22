"""What feedback announces, from this one place: a notice (e-mail and bell) to the
other person, written to the outbox in the transaction of the change and sent once
it commits; and reminders it makes needless, dropped.
Notices say that feedback is ready and where to read it, never what it says: the
blind rule is kept by the page that shows it."""

from feedback.models import FeedbackNoticeKind, Scorecard, SelfAssessment
from feedback.services.notices import notice_queue, notices_drop_written
from interviews.events import session_changed


def scorecard_submitted(*, scorecard: Scorecard) -> None:
    notices_drop_written(round_=scorecard.round, part="scorecard")
    notice_queue(
        round_=scorecard.round,
        user_id=scorecard.subject_id,
        kind=FeedbackNoticeKind.READY,
        part="scorecard",
    )
    session_changed(session_id=scorecard.round.session_id, what="feedback")


def self_assessment_submitted(*, assessment: SelfAssessment) -> None:
    notices_drop_written(round_=assessment.round, part="self")
    if assessment.round.interviewer_id:
        notice_queue(
            round_=assessment.round,
            user_id=assessment.round.interviewer_id,
            kind=FeedbackNoticeKind.READY,
            part="self",
        )
    session_changed(session_id=assessment.round.session_id, what="feedback")


def self_assessment_skipped(*, assessment: SelfAssessment) -> None:
    # Skipping is an answer too: no reminder to write one.
    notices_drop_written(round_=assessment.round, part="self")
    # The room's link says the scorecard is next (no notice: nothing to read).
    session_changed(session_id=assessment.round.session_id, what="feedback")
