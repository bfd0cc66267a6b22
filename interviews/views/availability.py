"""Availability pages: my weekly windows, and a friend's free slots to book one.

Everything is an ordinary form, so the pages work without JavaScript: "Add a row"
posts the rows back with one more empty row, a slot is a submit button.
"""

from datetime import datetime

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from core.errors import ApplicationError
from interviews.selectors.availability import (
    availability_owner_get,
    availability_windows,
    bookable_format_get,
    bookable_formats,
    booking_link_find,
    booking_link_of,
    format_duration,
    free_slots,
    slots_by_day,
    user_zone,
)
from interviews.services.availability import (
    WEEKDAYS,
    availability_set,
    booking_link_renew,
    slot_book,
)

# The most common mock between friends, so the page opens with slots to pick.
DEFAULT_FORMAT = "phone-screen-e4-e5"
EMPTY_ROWS = 2
MAX_ROWS = 60


class WindowForm(forms.Form):
    # A blank first choice keeps an untouched empty row empty, so it is skipped.
    weekday = forms.TypedChoiceField(
        choices=[("", "—"), *enumerate(WEEKDAYS)], coerce=int, label="Day"
    )
    start_time = forms.TimeField(
        label="From", widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    end_time = forms.TimeField(
        label="To", widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The rows sit in a table under column headings; each input still says which
        # row it belongs to for people using a screen reader.
        row = (self.prefix or "").rsplit("-", 1)[-1]
        number = int(row) + 1 if row.isdigit() else ""
        for field in self.fields.values():
            field.widget.attrs["aria-label"] = f"{field.label}, window {number}"


WindowFormSet = forms.formset_factory(
    WindowForm, extra=EMPTY_ROWS, can_delete=True, max_num=MAX_ROWS, absolute_max=100
)


def _with_one_more_row(data: QueryDict) -> QueryDict:
    data = data.copy()
    total = int(data.get("windows-TOTAL_FORMS") or 0)
    data["windows-TOTAL_FORMS"] = str(min(total + 1, MAX_ROWS))
    return data


def _windows_of(formset) -> list[dict]:
    return [
        {key: form.cleaned_data[key] for key in ("weekday", "start_time", "end_time")}
        for form in formset.forms
        if form.has_changed() and not form.cleaned_data.get("DELETE")
    ]


def _save(request, formset) -> str | None:
    """None once saved; else what went wrong ("" when the rows show their errors)."""
    if not formset.is_valid():
        return ""
    try:
        availability_set(user=request.user, slots=_windows_of(formset))
    except ApplicationError as error:
        return error.message
    return None


@login_required
def availability_edit(request):
    error = ""
    if request.method == "POST" and "add_row" in request.POST:
        formset = WindowFormSet(_with_one_more_row(request.POST), prefix="windows")
    elif request.method == "POST":
        formset = WindowFormSet(request.POST, prefix="windows")
        error = _save(request, formset)
        if error is None:
            messages.success(request, "Your availability is saved.")
            return redirect("availability-edit")
    else:
        initial = availability_windows(user=request.user)
        formset = WindowFormSet(initial=initial, prefix="windows")
    context = {
        "formset": formset,
        "error": error,
        "zone": user_zone(request.user),
        "booking_link": booking_link_of(user=request.user),
    }
    return render(request, "interviews/availability_edit.html", context)


@login_required
@require_GET
def availability_find(request):
    link = booking_link_find(viewer=request.user, email=request.GET.get("email", ""))
    if link is None:
        messages.error(
            request,
            "None of the people you have had a session with has published "
            "availability under that e-mail address. Ask your friend for their "
            "booking link.",
        )
        return redirect("availability-edit")
    return redirect("availability-book", token=link.token)


@login_required
@require_POST
def availability_link_renew(request):
    booking_link_renew(user=request.user)
    messages.success(
        request, "Your booking link is new; the old one no longer shows your times."
    )
    return redirect("availability-edit")


def _choice(request):
    """The formats on offer, and the format and swap mode asked for."""
    formats = list(bookable_formats(user=request.user))
    if not formats:
        raise Http404("No format can be booked on this instance.")
    slugs = [each.slug for each in formats]
    fallback = DEFAULT_FORMAT if DEFAULT_FORMAT in slugs else slugs[0]
    slug = request.GET.get("format") or fallback
    format_ = bookable_format_get(user=request.user, slug=slug)
    return formats, format_, request.GET.get("swap") in {"1", "on", "true"}


def _start_from(text: str) -> datetime:
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise ApplicationError(
            "That start time is not one we offered. Pick a slot."
        ) from None


def _back_to_slots(format_slug: str, swap: bool, token: str):
    query = QueryDict(mutable=True)
    query.update({"format": format_slug, **({"swap": "1"} if swap else {})})
    url = reverse("availability-book", kwargs={"token": token})
    return redirect(f"{url}?{query.urlencode()}")


@login_required
@require_GET
def availability_slots(request, token: str):
    owner = availability_owner_get(token=token)
    try:
        formats, format_, swap = _choice(request)
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect("availability-book", token=token)
    slots = free_slots(
        owner=owner,
        viewer=request.user,
        format=format_,
        start_date=timezone.localdate(),
        swap=swap,
    )
    context = {
        "owner": owner,
        "formats": formats,
        "format": format_,
        "swap": swap,
        "minutes": int(format_duration(format=format_, swap=swap).total_seconds() / 60),
        "days": slots_by_day(slots=slots, zone=user_zone(request.user)),
        "is_me": owner.pk == request.user.pk,
        "token": token,
    }
    return render(request, "interviews/availability_book.html", context)


@login_required
@require_POST
def availability_book(request, token: str):
    owner = availability_owner_get(token=token)
    format_slug, swap = request.POST.get("format", ""), "swap" in request.POST
    try:
        session = slot_book(
            booker=request.user,
            owner=owner,
            format=bookable_format_get(user=request.user, slug=format_slug),
            starts_at=_start_from(request.POST.get("starts_at", "")),
            swap=swap,
        )
    except ApplicationError as error:
        messages.error(request, error.message)
        return _back_to_slots(format_slug, swap, token)
    messages.success(request, f"Booked: {session.format.name} with {owner.name}.")
    return redirect("session-detail", pk=session.pk)
