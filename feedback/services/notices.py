"""Telling people about feedback: "your partner's feedback is ready" and, a day after
a round, a reminder to whoever has not written theirs. Each notice is an outbox row
(feedback.models.FeedbackNotice): the row decides whether it was sent, so a task
delivered twice sends once, and a sweep resends what a lost task left behind."""

from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from core.tasks import task_queue_after_commit
from feedback.models import (
    FeedbackNotice,
    FeedbackNoticeKind,
    Scorecard,
    SelfAssessment,
)
from feedback.selectors.rubrics import round_kind
from interviews.models import Round, SegmentKind, SessionStatus
from interviews.services.emails import SEND_TIMEOUT_SECONDS
from interviews.services.notifications import notification_create

REMIND_AFTER = timedelta(days=1)
# Rounds further back are not reminded of: an instance turned on after a year of
# sessions must not send a year of reminders.
REMIND_WITHIN = timedelta(days=7)
RESEND_AFTER = timedelta(minutes=10)


def _send_after_commit(notice: FeedbackNotice) -> None:
    task_queue_after_commit("feedback.tasks.feedback_notice_send_task", notice.pk)


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


def feedback_url(round_: Round) -> str:
    return reverse("feedback-round", args=[round_.pk])


def _kind_label(round_: Round) -> str:
    return SegmentKind(round_kind(round_)).label.lower()


def notice_text(notice: FeedbackNotice) -> tuple[str, str]:
    """Subject and body line as the reader reads them: who, which round, what to do;
    never what the feedback says."""
    round_ = notice.round
    kind = _kind_label(round_)
    # The day as the reader lived it, in their own zone.
    on = f"{round_.session.starts_at.astimezone(notice.user.zone):%-d %b}"
    if notice.kind == FeedbackNoticeKind.READY and notice.part == "scorecard":
        who = round_.interviewer.name if round_.interviewer_id else "Your interviewer"
        answered = SelfAssessment.objects.filter(
            round=round_, submitted_at__isnull=False
        ).exists()
        then = (
            "Read it here:"
            if answered
            else "Write your self-assessment (or skip it) to read it:"
        )
        return (
            f"{who}'s feedback on your {kind} round of {on} is ready",
            f"{who} sent feedback on your {kind} round of {on}. {then}",
        )
    if notice.kind == FeedbackNoticeKind.READY:
        who = round_.candidate.name if round_.candidate_id else "Your candidate"
        written = Scorecard.objects.filter(
            round=round_, submitted_at__isnull=False
        ).exists()
        then = (
            "Compare it with yours here:"
            if written
            else ("Submit your scorecard to compare it with theirs:")
        )
        return (
            f"{who} assessed their {kind} round of {on}",
            f"{who} wrote their self-assessment of the {kind} round of {on}. {then}",
        )
    if notice.part == "scorecard":
        who = round_.candidate.name if round_.candidate_id else "your candidate"
        return (
            f"Reminder: your scorecard for {who}'s {kind} round",
            f"You interviewed {who} in a {kind} round on {on}; they are waiting for "
            "your feedback. Write it while you remember:",
        )
    return (
        f"Reminder: your self-assessment of the {kind} round of {on}",
        f"Write down how your {kind} round of {on} went, before you read the "
        "interviewer's feedback:",
    )


def _already_written(notice: FeedbackNotice) -> bool:
    if notice.part == "scorecard":
        return Scorecard.objects.filter(
            round_id=notice.round_id, submitted_at__isnull=False
        ).exists()
    return SelfAssessment.objects.filter(
        round_id=notice.round_id, submitted_at__isnull=False
    ).exists()


def notice_send(*, notice_id: int) -> bool:
    """Send one notice (bell and e-mail) at most once. A reminder whose part was
    written meanwhile is dropped instead."""
    with transaction.atomic():
        notice = (
            FeedbackNotice.objects.select_for_update(of=("self",))
            .select_related("round__session", "round__interviewer", "round__candidate")
            .select_related("user")
            .filter(pk=notice_id)
            .first()
        )
        if notice is None or notice.sent_at or notice.dropped_at:
            return False
        now = timezone.now()
        if notice.round.session.status == SessionStatus.CANCELLED or (
            notice.kind == FeedbackNoticeKind.REMINDER and _already_written(notice)
        ):
            notice.dropped_at = now
            notice.save(update_fields=["dropped_at"])
            return False
        subject, line = notice_text(notice)
        url = feedback_url(notice.round)
        notification_create(
            user=notice.user, text=subject[:300], url=url, session=notice.round.session
        )
        notice.sent_at = now
        notice.save(update_fields=["sent_at"])
        message = EmailMessage(
            subject=f"[Mockloop] {subject}",
            body=(
                f"Hi {notice.user.name},\n\n{line}\n{settings.SITE_URL}{url}\n\n"
                f"Your progress over all your mocks: "
                f"{settings.SITE_URL}{reverse('feedback-progress')}\n"
            ),
            to=[notice.user.email],
            headers={"Message-ID": f"<feedback-notice-{notice.pk}@mockloop>"},
        )
        get_connection(timeout=SEND_TIMEOUT_SECONDS).send_messages([message])
    return True


def _rounds_over_since(now: datetime):
    """Rounds whose feedback opened between REMIND_WITHIN and REMIND_AFTER ago."""
    newest, oldest = now - REMIND_AFTER, now - REMIND_WITHIN
    ended = Q(ended_at__lte=newest, ended_at__gte=oldest)
    ran_out = Q(
        ended_at__isnull=True,
        started_at__isnull=False,
        session__ends_at__lte=newest,
        session__ends_at__gte=oldest,
    )
    return Round.objects.filter(
        ended | ran_out, session__status=SessionStatus.SCHEDULED
    ).select_related("session")


@transaction.atomic
def feedback_reminders_sweep(*, now: datetime | None = None) -> int:
    """Queue a reminder to each interviewer without a submitted scorecard and each
    candidate without a self-assessment, a day after the round (once each)."""
    now = now or timezone.now()
    scorecard_in = Scorecard.objects.filter(
        round=OuterRef("pk"), submitted_at__isnull=False
    )
    self_in = SelfAssessment.objects.filter(
        round=OuterRef("pk"), submitted_at__isnull=False
    )
    queued = 0
    reminded = FeedbackNotice.objects.filter(
        round=OuterRef("pk"), kind=FeedbackNoticeKind.REMINDER
    )
    rounds = _rounds_over_since(now).annotate(
        scorecard_in=Exists(scorecard_in),
        self_in=Exists(self_in),
        interviewer_reminded=Exists(reminded.filter(part="scorecard")),
        candidate_reminded=Exists(reminded.filter(part="self")),
    )
    for round_ in rounds:
        wanted = []
        if (
            not round_.scorecard_in
            and not round_.interviewer_reminded
            and round_.interviewer_id
            and round_.candidate_id
        ):
            wanted.append((round_.interviewer_id, "scorecard"))
        if not round_.self_in and not round_.candidate_reminded and round_.candidate_id:
            wanted.append((round_.candidate_id, "self"))
        for user_id, part in wanted:
            if notice_queue(
                round_=round_,
                user_id=user_id,
                kind=FeedbackNoticeKind.REMINDER,
                part=part,
                due_at=now,
            ):
                queued += 1
    return queued


def notices_to_resend(*, now: datetime) -> list[int]:
    """Notices still unsent a while after they were due (the broker was down, or a
    worker died): the sweep queues them again."""
    return list(
        FeedbackNotice.objects.filter(
            sent_at__isnull=True,
            dropped_at__isnull=True,
            due_at__lte=now - RESEND_AFTER,
            due_at__gte=now - REMIND_WITHIN,
        ).values_list("pk", flat=True)[:500]
    )
