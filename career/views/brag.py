"""The brag document's pages: the entries with a form for a new one, editing and
deleting one, turning one into a story, and the weekly reminder."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from career.events import WEEKDAYS
from career.selectors.brag import brag_entries_of, brag_entry_get_for_user
from career.services.brag import (
    brag_entry_create,
    brag_entry_delete,
    brag_entry_update,
    brag_settings_of,
    brag_settings_save,
)
from career.services.stories import story_from_brag_entry
from career.views.common import refused
from core.errors import ApplicationError

PAGE = "career/brag.html"


def _context(request) -> dict:
    return {
        "entries": brag_entries_of(user=request.user),
        "settings": brag_settings_of(request.user),
        "weekdays": list(enumerate(WEEKDAYS)),
        "hours": range(24),
        "today": timezone.localdate(timezone.now(), request.user.zone),
    }


def _posted(request) -> dict:
    return {
        "day": request.POST.get("day", ""),
        "what": request.POST.get("what", ""),
        "impact": request.POST.get("impact", ""),
        "seen_by": request.POST.get("seen_by", ""),
        "links": request.POST.get("links", ""),
    }


@login_required
def brag_page(request):
    if request.method != "POST":
        return render(request, PAGE, _context(request))
    try:
        brag_entry_create(owner=request.user, **_posted(request))
    except ApplicationError as error:
        return refused(request, PAGE, _context(request), error)
    messages.success(request, "Entry added to your brag document.")
    return redirect("career-brag")


@login_required
def brag_edit(request, pk: int):
    entry = brag_entry_get_for_user(user=request.user, entry_id=pk)
    context = {"entry": entry, "links": "\n".join(entry.links)}
    if request.method != "POST":
        return render(request, "career/brag_edit.html", context)
    try:
        brag_entry_update(entry=entry, **_posted(request))
    except ApplicationError as error:
        return refused(request, "career/brag_edit.html", context, error)
    messages.success(request, "Entry saved.")
    return redirect("career-brag")


@login_required
@require_POST
def brag_remove(request, pk: int):
    brag_entry_delete(entry=brag_entry_get_for_user(user=request.user, entry_id=pk))
    messages.success(request, "Entry deleted.")
    return redirect("career-brag")


@login_required
@require_POST
def brag_to_story(request, pk: int):
    entry = brag_entry_get_for_user(user=request.user, entry_id=pk)
    story = story_from_brag_entry(entry=entry)
    messages.success(
        request, "A story is started from the entry: shape it into STAR and tag it."
    )
    return redirect("career-story-edit", story.pk)


@login_required
@require_POST
def brag_settings(request):
    try:
        brag_settings_save(
            user=request.user,
            reminder_on=request.POST.get("reminder_on") == "on",
            weekday=request.POST.get("weekday", ""),
            hour=request.POST.get("hour", ""),
        )
    except ApplicationError as error:
        return refused(request, PAGE, _context(request), error)
    messages.success(request, "Reminder saved.")
    return redirect("career-brag")
