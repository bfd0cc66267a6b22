"""The Sessions pages: my sessions, scheduling one, a session's plan, and the
answers and changes (accept, decline, propose, reschedule, cancel) as plain POST
forms that work without JavaScript."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from core.errors import ApplicationError
from interviews.selectors.rounds import picker_results, rounds_for_user
from interviews.selectors.sessions import (
    invitation_link_for,
    session_card,
    session_cards,
    session_get_for_user,
    sessions_past,
    sessions_upcoming,
    sessions_waiting,
)
from interviews.services.invitations import invitation_create_link
from interviews.services.sessions import (
    session_accept,
    session_call_link_set,
    session_cancel,
    session_decline,
    session_propose_time,
    session_reschedule,
    session_schedule,
)
from interviews.views.session_forms import (
    CallLinkForm,
    DrawForm,
    ReasonForm,
    ScheduleForm,
    TimeChangeForm,
)
from questions.views.progress import first_error


@login_required
def session_list(request):
    user = request.user
    context = {
        "waiting": session_cards(sessions=sessions_waiting(user=user), user=user),
        "upcoming": session_cards(sessions=sessions_upcoming(user=user), user=user),
        "past": session_cards(sessions=sessions_past(user=user), user=user),
        "propose_form": TimeChangeForm(time_zone=user.time_zone),
    }
    return render(request, "interviews/session_list.html", context)


@login_required
def session_new(request):
    # ?format=<id> comes from links that suggest a format (the progress plan).
    initial = {"format": request.GET.get("format", "")}
    form = ScheduleForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            session = session_schedule(host=request.user, **form.schedule_args())
        except ApplicationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _invitation_sent(session, request.user))
            return redirect("session-detail", pk=session.pk)
    return render(request, "interviews/session_new.html", {"form": form})


def _invitation_sent(session, host) -> str:
    card = session_card(session=session, user=host)
    if card.partner is None:
        return (
            "Session created. Share the invitation link below: it is confirmed "
            "once your friend joins through it."
        )
    return (
        f"Invitation sent to {card.partner_name}. The session is confirmed once "
        "they accept."
    )


@login_required
def session_detail(request, pk: int):
    user = request.user
    session = session_get_for_user(user=user, session_id=pk)
    if session.is_solo:  # practice keeps its own page
        return redirect("practice-solo", pk=session.solo_practice.pk)
    context = {
        "session": session,
        "card": session_card(session=session, user=user),
        "rounds": rounds_for_user(session=session, user=user),
        "link": invitation_link_for(user=user, session=session),
        "time_form": TimeChangeForm(time_zone=user.time_zone),
        "reason_form": ReasonForm(),
        "draw_form": DrawForm(),
        "call_form": CallLinkForm(initial={"call_link": session.call_link}),
        "search": request.GET.get("search", ""),
        "search_slot": request.GET.get("slot", ""),
        "results": picker_results(
            session=session,
            user=user,
            slot=request.GET.get("slot", ""),
            search=request.GET.get("search", ""),
        ),
    }
    return render(request, "interviews/session_detail.html", context)


def _back(request, pk: int):
    # Answers sent from the Sessions list go back there; the rest to the session.
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts=None):
        return redirect(target)
    return redirect("session-detail", pk=pk)


def _act(request, pk: int, change, success: str, form=None):
    """Run one change on a session of mine and come back with its outcome."""
    session = session_get_for_user(user=request.user, session_id=pk)
    if form is not None and not form.is_valid():
        messages.error(request, first_error(form))
        return _back(request, pk)
    data = form.cleaned_data if form is not None else {}
    try:
        change(session, data)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, success)
    return _back(request, pk)


@login_required
@require_POST
def session_accept_view(request, pk: int):
    def change(session, data):
        session_accept(session=session, user=request.user)

    return _act(request, pk, change, "Accepted: it is in your upcoming sessions.")


@login_required
@require_POST
def session_decline_view(request, pk: int):
    def change(session, data):
        session_decline(session=session, user=request.user, reason=data["reason"])

    form = ReasonForm(request.POST)
    return _act(request, pk, change, "Declined; your partner is told.", form)


@login_required
@require_POST
def session_propose_view(request, pk: int):
    def change(session, data):
        session_propose_time(
            session=session, user=request.user, starts_at=data["starts_at"]
        )

    form = TimeChangeForm(request.POST, time_zone=request.user.time_zone)
    return _act(request, pk, change, "Your proposal is sent.", form)


@login_required
@require_POST
def session_reschedule_view(request, pk: int):
    def change(session, data):
        session_reschedule(
            session=session,
            by=request.user,
            starts_at=data["starts_at"],
            reason=data["reason"],
        )

    form = TimeChangeForm(request.POST, time_zone=request.user.time_zone)
    return _act(request, pk, change, "Rescheduled; your partner is told.", form)


@login_required
@require_POST
def session_cancel_view(request, pk: int):
    def change(session, data):
        session_cancel(session=session, by=request.user, reason=data["reason"])

    form = ReasonForm(request.POST)
    return _act(request, pk, change, "Cancelled; your partner is told.", form)


@login_required
@require_POST
def session_link_view(request, pk: int):
    def change(session, data):
        invitation_create_link(session=session, by=request.user)

    return _act(request, pk, change, "Here is a new link to share.")


@login_required
@require_POST
def session_call_link_view(request, pk: int):
    def change(session, data):
        session_call_link_set(session=session, by=request.user, link=data["call_link"])

    form = CallLinkForm(request.POST)
    return _act(request, pk, change, "The call link is saved.", form)
