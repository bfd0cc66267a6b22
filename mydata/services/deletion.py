"""Deleting one's account, in one transaction, once the password is given again.

What is theirs alone goes: progress and attempts, lists, practice, stories, brag
entries, real interviews, self-assessments, study plan, private notes, availability,
booking and calendar links, exports, messages and bell entries, tokens, log-in
records. What they share with others stays honest for them: rounds, pads, runs,
room events and the feedback the others gave and received keep their rows, and the
deleted person is shown there as "a former member" - their account row stays as a
tombstone without name, address or password, so every link to it still holds.
Sessions still to come are cancelled with the usual e-mails, which name them the
same way. Their name and address are then taken out of whatever text others kept
about them (e-mails and bell entries, session notes, scorecards): nothing names
them afterwards (docs/your-data.md)."""

import re

from allauth.account.models import EmailAddress
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.admin.models import LogEntry
from django.db import models, transaction
from django.db.models import Q
from django.db.models.functions import Cast
from django.utils import timezone
from rest_framework.authtoken.models import Token

from career.models import BragEntry, BragSettings, RealInterview, Story
from core.errors import ApplicationError
from feedback.models import InterviewerFeedback, Scorecard, SelfAssessment, StudyPlan
from interviews.models import (
    AvailabilitySlot,
    BookingLink,
    CalendarFeed,
    Format,
    Invitation,
    MockSession,
    Participant,
    Round,
    SessionStatus,
)
from interviews.services.sessions import session_cancel
from mydata.models import DataExport
from mydata.services.export import export_remove
from notifications.models import Message, Notification
from practice.models import DailySet, PracticeSettings, SoloPractice
from questions.models import Progress, Question, QuestionList
from rooms.models import Pad, PadKind, RoomEvent, RoomRun
from users.models import User

FORMER_MEMBER = "a former member"
FORMER_NAME = "A former member"
CANCEL_REASON = "This member has left Mockloop."


def _words(name: str, email: str) -> list[str]:
    """Their address, their name, and each word of their name of three letters or
    more (a partner may have written only the first)."""
    parts = [part for part in re.split(r"\s+", name) if len(part) >= 3]
    return sorted({email, name, *parts} - {""}, key=len, reverse=True)


def _needles(words: list[str]) -> re.Pattern:
    """The words as whole words, in any case."""
    return re.compile(
        r"(?<!\w)(" + "|".join(re.escape(word) for word in words) + r")(?!\w)",
        re.IGNORECASE,
    )


def _scrubbed(value, pattern: re.Pattern):
    if isinstance(value, str):
        return pattern.sub(FORMER_MEMBER, value)
    if isinstance(value, list):
        return [_scrubbed(each, pattern) for each in value]
    if isinstance(value, dict):
        return {key: _scrubbed(each, pattern) for key, each in value.items()}
    return value


TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField)


def _session_topics(sessions) -> str:
    """A regular expression of the outbox topics about these sessions."""
    ids = [str(pk) for pk in sessions.values_list("pk", flat=True)] or ["0"]
    return r"^session:(" + "|".join(ids) + r"):"


def _scrub_rows(queryset, pattern: re.Pattern, words: list[str]) -> int:
    """Take the person's name and address out of every text field of the rows that
    mention any of `words`."""
    fields = [
        field
        for field in queryset.model._meta.concrete_fields
        if isinstance(field, TEXT_FIELDS) and not field.primary_key
    ]
    if not fields:
        return 0
    casts = {
        f"_text_{field.attname}": Cast(field.attname, models.TextField())
        for field in fields
    }
    mentions = Q()
    for alias in casts:
        for word in words:
            mentions |= Q(**{f"{alias}__icontains": word})
    changed = 0
    for row in queryset.annotate(**casts).filter(mentions).iterator():
        for field in fields:
            setattr(row, field.attname, _scrubbed(getattr(row, field.attname), pattern))
        row.save(update_fields=[field.attname for field in fields])
        changed += 1
    return changed


def _check_password(user: User, password: str) -> None:
    if not password or not user.check_password(password):
        raise ApplicationError("That is not your password.", field="password")


def _cancel_coming_sessions(user: User) -> None:
    coming = (
        MockSession.objects.filter(
            participants__user=user, is_solo=False, starts_at__gt=timezone.now()
        )
        .exclude(status=SessionStatus.CANCELLED)
        .distinct()
    )
    for session in coming:
        session_cancel(session=session, by=user, reason=CANCEL_REASON)


def _delete_own_data(user: User, email: str) -> None:
    Progress.objects.filter(user=user).delete()
    QuestionList.objects.filter(owner=user).delete()
    Question.objects.filter(author=user).update(author=None)
    SoloPractice.objects.filter(user=user).delete()
    # A solo session is theirs alone: its room, pads and replay go with it.
    MockSession.objects.filter(host=user, is_solo=True).delete()
    DailySet.objects.filter(user=user).delete()
    PracticeSettings.objects.filter(user=user).delete()
    Story.objects.filter(owner=user).delete()
    BragEntry.objects.filter(owner=user).delete()
    BragSettings.objects.filter(user=user).delete()
    RealInterview.objects.filter(owner=user).delete()
    SelfAssessment.objects.filter(author=user).delete()
    StudyPlan.objects.filter(user=user).delete()
    Pad.objects.filter(kind=PadKind.NOTES, round__interviewer=user).delete()
    AvailabilitySlot.objects.filter(user=user).delete()
    BookingLink.objects.filter(user=user).delete()
    CalendarFeed.objects.filter(user=user).delete()
    Format.objects.filter(owner=user).exclude(
        pk__in=MockSession.objects.values("format")
    ).delete()
    for export in DataExport.objects.filter(user=user):
        export_remove(export=export)
    Notification.objects.filter(user=user).delete()
    Message.objects.filter(Q(user=user) | Q(to__iexact=email)).delete()
    EmailAddress.objects.filter(user=user).delete()
    Token.objects.filter(user=user).delete()
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        model.objects.filter(username__iexact=email).delete()
    LogEntry.objects.filter(user=user).delete()
    LogEntry.objects.filter(
        content_type__app_label="users", object_id=str(user.pk)
    ).delete()


def _scrub_shared_text(user: User, *, name: str, email: str) -> None:
    """Rows anywhere that name them in full, and rows of their own sessions and
    rounds that name them even in part, lose their name and address."""
    every_word = _words(name, email)
    pattern = _needles(every_word)
    in_full = [word for word in (name, email) if word]
    Participant.objects.filter(email__iexact=email).update(email="")
    Invitation.objects.filter(email__iexact=email).update(email="")
    sessions = MockSession.objects.filter(participants__user=user).values("pk")
    rounds = Round.objects.filter(Q(interviewer=user) | Q(candidate=user)).values("pk")
    for queryset in (Message.objects.all(), Notification.objects.all()):
        _scrub_rows(queryset, pattern, in_full)
    _scrub_rows(LogEntry.objects.all(), pattern, in_full)
    for queryset in (
        Message.objects.filter(topic__regex=_session_topics(sessions)),
        Notification.objects.filter(topic__regex=_session_topics(sessions)),
        MockSession.objects.filter(pk__in=sessions),
        Scorecard.objects.filter(round__in=rounds),
        InterviewerFeedback.objects.filter(round__in=rounds),
        RoomEvent.objects.filter(round__in=rounds),
        RoomRun.objects.filter(round__in=rounds),
    ):
        _scrub_rows(queryset, pattern, every_word)


@transaction.atomic
def account_delete(*, user: User, password: str) -> None:
    """Delete this person's account and personal data (docs/your-data.md)."""
    _check_password(user, password)
    user = User.objects.select_for_update().get(pk=user.pk)
    name, email = user.name, user.email
    # The tombstone first, so the cancellation e-mails sent below name nobody.
    user.display_name = FORMER_NAME
    user.email = f"former-member-{user.pk}@deleted.invalid"
    user.set_unusable_password()
    user.is_active = user.is_staff = user.is_superuser = False
    user.time_zone = "UTC"
    user.save()
    _cancel_coming_sessions(user)
    _delete_own_data(user, email)
    _scrub_shared_text(user, name=name, email=email)
