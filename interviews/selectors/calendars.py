"""Reads for calendars: a person's feed, the sessions it lists, and the "Add to
calendar" links of a session."""

from dataclasses import dataclass
from datetime import UTC, timedelta
from urllib.parse import urlencode

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from interviews.models import (
    CalendarFeed,
    MockSession,
    Participant,
    ParticipantResponse,
    SessionStatus,
)
from interviews.permissions import is_participant
from interviews.services.calendars import session_link, session_title
from users.models import User

# Old sessions drop out of the feed; calendars keep what they already imported.
FEED_HISTORY = timedelta(days=90)


def _participants_with_users() -> Prefetch:
    return Prefetch(
        "participants",
        queryset=Participant.objects.select_related("user"),
        to_attr="participant_list",
    )


def calendar_feed_by_token(*, token: str) -> CalendarFeed:
    feed = CalendarFeed.objects.select_related("user").filter(token=token).first()
    if feed is None or not feed.user.is_active:
        raise Http404("No such calendar feed.")
    return feed


def calendar_feed_sessions(*, user: User) -> QuerySet:
    """The person's sessions that are still on: not cancelled, not declined."""
    taking_part = (
        Participant.objects.filter(user=user)
        .exclude(response=ParticipantResponse.DECLINED)
        .values("session_id")
    )
    return (
        MockSession.objects.filter(
            pk__in=taking_part,
            starts_at__gte=timezone.now() - FEED_HISTORY,
            is_solo=False,
        )
        .exclude(status=SessionStatus.CANCELLED)
        .select_related("format", "loop_segment", "host")
        .prefetch_related(_participants_with_users())
        .order_by("starts_at")
    )


def session_get_for_calendar(*, user: User, session_id: int) -> MockSession:
    """A session for one of its participants; strangers get 404, not a hint."""
    session = (
        MockSession.objects.select_related("format", "loop_segment", "host")
        .prefetch_related(_participants_with_users())
        .filter(pk=session_id)
        .first()
    )
    if session is None or not is_participant(user, session):
        raise Http404("No such session.")
    return session


@dataclass(frozen=True)
class CalendarLinks:
    ics: str
    google: str
    outlook: str


def session_calendar_links(*, session: MockSession) -> CalendarLinks:
    """Links that open a prefilled new event in Google Calendar and Outlook on the
    web, and the .ics download that works everywhere else."""
    title = f"Mock interview: {session_title(session)}"
    link = session_link(session)
    details = f"Session page (the room opens 10 minutes before): {link}"
    starts = session.starts_at.astimezone(UTC)
    ends = session.ends_at.astimezone(UTC)
    google = "https://calendar.google.com/calendar/render?" + urlencode(
        {
            "action": "TEMPLATE",
            "text": title,
            "dates": f"{starts:%Y%m%dT%H%M%SZ}/{ends:%Y%m%dT%H%M%SZ}",
            "details": details,
            "location": link,
        }
    )
    outlook = "https://outlook.live.com/calendar/0/action/compose?" + urlencode(
        {
            "path": "/calendar/action/compose",
            "rru": "addevent",
            "subject": title,
            "startdt": f"{starts:%Y-%m-%dT%H:%M:%SZ}",
            "enddt": f"{ends:%Y-%m-%dT%H:%M:%SZ}",
            "body": details,
            "location": link,
        }
    )
    return CalendarLinks(
        ics=reverse("session-calendar-ics", args=[session.pk]),
        google=google,
        outlook=outlook,
    )
