"""Site-wide pages that belong to no single app: landing, health, e-mail outbox."""

from django.contrib.auth.decorators import user_passes_test
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from config.health import health_report
from feedback.selectors.overview import home_feedback_for
from interviews.selectors.sessions import (
    session_cards,
    sessions_upcoming,
    sessions_waiting,
)
from notifications import mail_files
from notifications.selectors import messages_failed, messages_overdue
from practice.selectors.habit import habit_for
from questions.selectors.progress import due_queue
from users.permissions import can_read_outbox


def home(request):
    """What should I do now: the next session (joinable when its room is open),
    invitations waiting for me, reviews due today, my streak and week against my
    goal, feedback to write, and the last feedback received."""
    user = request.user
    if not user.is_authenticated:
        return render(request, "landing.html")
    upcoming = session_cards(sessions=sessions_upcoming(user=user)[:3], user=user)
    now = timezone.now()
    context = {
        "next_session": upcoming[0] if upcoming else None,
        "later_sessions": upcoming[1:],
        "waiting": session_cards(sessions=sessions_waiting(user=user), user=user),
        "queue": due_queue(user=user, now=now),
        "feedback": home_feedback_for(user=user),
        "habit": habit_for(user=user, now=now),
    }
    return render(request, "home.html", context)


@require_GET
def favicon(request):
    """Browsers ask for /favicon.ico on a page that names no icon of its own (a
    plain error page of an older release, a file opened directly): the site's
    icon, not a 404 in the server's log and the page's console."""
    return redirect(static("img/favicon.svg"))


@require_GET
@never_cache
def healthz(request):
    report = health_report()
    healthy = all(state == "ok" for state in report.values())
    return JsonResponse(
        {"status": "ok" if healthy else "down", **report},
        status=200 if healthy else 503,
    )


@user_passes_test(can_read_outbox)
def outbox_list(request):
    context = {
        "messages_sent": mail_files.outbox_list(),
        "failed_messages": messages_failed(limit=100),
        "overdue_messages": messages_overdue(now=timezone.now(), limit=100),
    }
    return render(request, "outbox/list.html", context)


@user_passes_test(can_read_outbox)
def outbox_download(request, name: str):
    raw = mail_files.outbox_read_raw(name=name)
    if raw is None:
        raise Http404("No such message.")
    response = HttpResponse(raw, content_type="message/rfc822")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
