"""Calendar pages: the private feed, its management page, and a session's .ics."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from interviews.selectors.calendars import (
    calendar_feed_by_token,
    calendar_feed_sessions,
    session_get_for_calendar,
)
from interviews.services.calendars import (
    calendar_feed_get_or_create,
    calendar_feed_ics,
    calendar_feed_revoke,
    calendar_feed_url,
    session_ics,
)

ICS_TYPE = "text/calendar; charset=utf-8"


@require_GET
def calendar_feed(request, token: str):
    """Public by its secret token: calendar apps fetch it without logging in."""
    feed = calendar_feed_by_token(token=token)
    body = calendar_feed_ics(
        user=feed.user, sessions=calendar_feed_sessions(user=feed.user)
    )
    response = HttpResponse(body, content_type=ICS_TYPE)
    response["Cache-Control"] = "private, max-age=300"
    return response


@login_required
@require_GET
def session_calendar_ics(request, session_id: int):
    session = session_get_for_calendar(user=request.user, session_id=session_id)
    response = HttpResponse(
        session_ics(session=session, method="PUBLISH"), content_type=ICS_TYPE
    )
    response["Content-Disposition"] = (
        f'attachment; filename="mockloop-session-{session.pk}.ics"'
    )
    return response


@login_required
@require_GET
def calendar_feed_manage(request):
    feed = calendar_feed_get_or_create(user=request.user)
    url = calendar_feed_url(feed=feed)
    return render(
        request,
        "interviews/calendar_feed.html",
        {"feed_url": url, "webcal_url": "webcal://" + url.split("://", 1)[1]},
    )


@login_required
@require_POST
def calendar_feed_reset(request):
    calendar_feed_revoke(user=request.user)
    messages.success(
        request,
        "Your calendar feed has a new address. The old one no longer works: "
        "subscribe again with the new one.",
    )
    return redirect("calendar-feed")
