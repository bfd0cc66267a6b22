"""Telling people about feedback: "your partner's feedback is ready" and, a day after
a round, a reminder to whoever has not written theirs. Each notice is a message in
the outbox (notifications): a bell entry and an e-mail, sent once. A reminder whose
part gets written first is dropped then."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from feedback.models import FeedbackNoticeKind, Scorecard, SelfAssessment
from feedback.selectors.rubrics import round_kind
from interviews.models import Round, SegmentKind, SessionStatus
from notifications.models import Message
from notifications.services import message_queue, messages_drop
from users.models import User

REMIND_AFTER = timedelta(days=1)
# Rounds further back are not reminded of: an instance turned on after a year of
# sessions must not send a year of reminders.
REMIND_WITHIN = timedelta(days=7)


def _topic(round_: Round, kind: str, part: str) -> str:
    # Under the session's topic: cancelling it drops what is still unsent.
    return f"session:{round_.session_id}:round:{round_.pk}:feedback:{kind}:{part}"


def notice_topic(*, round_: Round, kind: str, part: str, user_id: int) -> str:
    return f"{_topic(round_, kind, part)}:{user_id}"


def notice_queue(
    *, round_: Round, user_id: int, kind: str, part: str, due_at: datetime | None = None
) -> Message | None:
    """One notice per round, reader, kind and part: a correction or a second
    submission does not tell anyone twice."""
    user = User.objects.get(pk=user_id)
    subject, line = notice_text(round_=round_, user=user, kind=kind, part=part)
    url = feedback_url(round_)
    return message_queue(
        topic=notice_topic(round_=round_, kind=kind, part=part, user_id=user_id),
        once=True,
        kind=str(FeedbackNoticeKind(kind).label),
        user=user,
        to=user.email,
        subject=subject,
        body=(
            f"Hi {user.name},\n\n{line}\n{settings.SITE_URL}{url}\n\n"
            f"Your progress over all your mocks: "
            f"{settings.SITE_URL}{reverse('feedback-progress')}\n"
        ),
        message_id_word="feedback-notice",
        bell_text=subject,
        bell_url=url,
        due_at=due_at,
    )


def notices_drop_written(*, round_: Round, part: str) -> None:
    """The reminders about a part that is now written are not sent."""
    messages_drop(
        topic=_topic(round_, FeedbackNoticeKind.REMINDER, part),
        because="the feedback was written first",
    )


def feedback_url(round_: Round) -> str:
    return reverse("feedback-round", args=[round_.pk])


def _kind_label(round_: Round) -> str:
    return SegmentKind(round_kind(round_)).label.lower()


def notice_text(*, round_: Round, user: User, kind: str, part: str) -> tuple[str, str]:
    """Subject and body line as the reader reads them: who, which round, what to do;
    never what the feedback says."""
    notice_kind = kind
    kind = _kind_label(round_)
    # The day as the reader lived it, in their own zone.
    on = f"{round_.session.starts_at.astimezone(user.zone):%-d %b}"
    if notice_kind == FeedbackNoticeKind.READY and part == "scorecard":
        who = round_.interviewer.name if round_.interviewer_id else "Your interviewer"
        answered = SelfAssessment.objects.filter(
            round=round_, submitted_at__isnull=False
        ).exists()
        # The e-mail keeps this line after it is written: it must stay true once
        # the self-assessment is in or skipped (before or after it is sent).
        then = (
            "Read it here:"
            if answered
            else "It opens to you once your self-assessment is in (or skipped):"
        )
        return (
            f"{who}'s feedback on your {kind} round of {on} is ready",
            f"{who} sent feedback on your {kind} round of {on}. {then}",
        )
    if notice_kind == FeedbackNoticeKind.READY:
        who = round_.candidate.name if round_.candidate_id else "Your candidate"
        written = Scorecard.objects.filter(
            round=round_, submitted_at__isnull=False
        ).exists()
        then = (
            "Compare it with yours here:"
            if written
            else "It opens to you once your scorecard is submitted:"
        )
        return (
            f"{who} assessed their {kind} round of {on}",
            f"{who} wrote their self-assessment of the {kind} round of {on}. {then}",
        )
    if part == "scorecard":
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
        ended | ran_out, session__status=SessionStatus.SCHEDULED, session__is_solo=False
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
    rounds = list(
        _rounds_over_since(now).annotate(
            scorecard_in=Exists(scorecard_in), self_in=Exists(self_in)
        )
    )
    wanted = []
    for round_ in rounds:
        if not round_.scorecard_in and round_.interviewer_id and round_.candidate_id:
            wanted.append((round_, round_.interviewer_id, "scorecard"))
        if not round_.self_in and round_.candidate_id:
            wanted.append((round_, round_.candidate_id, "self"))
    topics = {
        notice_topic(round_=r, kind=FeedbackNoticeKind.REMINDER, part=p, user_id=u)
        for r, u, p in wanted
    }
    reminded = set(
        Message.objects.filter(once_key__in=topics).values_list("once_key", flat=True)
    )
    for round_, user_id, part in wanted:
        topic = notice_topic(
            round_=round_, kind=FeedbackNoticeKind.REMINDER, part=part, user_id=user_id
        )
        if topic in reminded:
            continue
        if notice_queue(
            round_=round_,
            user_id=user_id,
            kind=FeedbackNoticeKind.REMINDER,
            part=part,
            due_at=now,
        ):
            queued += 1
    return queued
