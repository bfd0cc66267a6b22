"""Solo practice's pages and forms: start one, its panel's actions in the room (the
room's script sends them with fetch and reads JSON; without it they redirect back to
the room with a message), and the page of a finished practice."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from core.errors import ApplicationError
from core.validators import validate_text
from practice.selectors.solo import (
    daily_set_item_find,
    next_in_set,
    solo_practice_get_for_user,
    solo_practices_of,
)
from practice.services.solo import (
    solo_answers_open,
    solo_nudge_log,
    solo_practice_finish,
    solo_practice_start,
)
from questions.models import AttemptOutcome, ReviewRating
from questions.selectors.progress import question_get
from questions.services.progress import MAX_NOTE_LENGTH


class FinishForm(forms.Form):
    outcome = forms.ChoiceField(choices=AttemptOutcome.choices)
    rating = forms.TypedChoiceField(choices=ReviewRating.choices, coerce=int)
    note = forms.CharField(
        max_length=MAX_NOTE_LENGTH, required=False, validators=[validate_text]
    )


def _first_error(form: forms.Form) -> str:
    name, errors = next(iter(form.errors.items()))
    return f"{name.capitalize()}: {errors[0]}"


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _answer(request, practice_id: int, *, error: str = "", done: str = ""):
    """JSON for the room's script, a message and the room for a plain form."""
    if _wants_json(request):
        if error:
            return JsonResponse({"error": error}, status=400)
        return JsonResponse({"ok": True, "message": done})
    if error:
        messages.error(request, error)
    elif done:
        messages.success(request, done)
    practice = solo_practice_get_for_user(user=request.user, practice_id=practice_id)
    return redirect("session-room", pk=practice.session_id)


@login_required
@require_POST
def solo_start(request):
    question = question_get(slug=request.POST.get("question", ""))
    item_id = request.POST.get("item", "").strip()
    item = None
    try:
        if item_id:
            item = daily_set_item_find(item_id=item_id)
            if item is None:
                raise ApplicationError("That is not a question of your set.")
        practice = solo_practice_start(
            user=request.user, question=question, daily_set_item=item
        )
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect("question-detail", slug=question.slug)
    return redirect("session-room", pk=practice.session_id)


@login_required
@require_POST
def solo_nudge(request, pk: int):
    solo_practice_get_for_user(user=request.user, practice_id=pk)
    try:
        solo_nudge_log(
            practice_id=pk, user=request.user, name=request.POST.get("name", "")
        )
    except ApplicationError as error:
        return _answer(request, pk, error=error.message)
    return _answer(request, pk)


ANSWERS_DONE = {
    "hint": "The next hint is open. The question is marked for re-review.",
    "outline": "The outline is open. The question is marked for re-review.",
    "give_up": "Hints and outline are open. The question is marked for re-review.",
}


@login_required
@require_POST
def solo_answers(request, pk: int):
    solo_practice_get_for_user(user=request.user, practice_id=pk)
    what = request.POST.get("what", "")
    try:
        solo_answers_open(practice_id=pk, user=request.user, what=what)
    except ApplicationError as error:
        return _answer(request, pk, error=error.message)
    return _answer(request, pk, done=ANSWERS_DONE[what])


@login_required
@require_POST
def solo_finish(request, pk: int):
    practice = solo_practice_get_for_user(user=request.user, practice_id=pk)
    form = FinishForm(request.POST)
    if not form.is_valid():
        messages.error(request, _first_error(form))
        return redirect("session-room", pk=practice.session_id)
    try:
        solo_practice_finish(practice_id=pk, user=request.user, **form.cleaned_data)
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect("session-room", pk=practice.session_id)
    return redirect("practice-solo", pk=pk)


@login_required
def solo_detail(request, pk: int):
    practice = solo_practice_get_for_user(user=request.user, practice_id=pk)
    round_ = practice.session.rounds.get()
    context = {
        "practice": practice,
        "round": round_,
        "attempt": practice.attempt,
        "next_item": next_in_set(practice) if practice.attempt_id else None,
    }
    return render(request, "practice/solo.html", context)


@login_required
def solo_list(request):
    practices = solo_practices_of(user=request.user)
    return render(request, "practice/solo_list.html", {"practices": practices})
