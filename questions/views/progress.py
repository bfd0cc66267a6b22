"""My own work: the review queue, my progress, and the forms of the question page's
progress panel, which answer with a redirect back to the question and a message."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import formats, timezone
from django.views.decorators.http import require_POST

from core.errors import ApplicationError
from core.validators import validate_one_line, validate_text
from questions.models import AttemptOutcome, Question, ReviewRating, RoundKind
from questions.selectors.progress import due_queue, progress_for_user, question_get
from questions.services import (
    asked_report_create,
    attempt_log,
    attempt_undo,
    progress_mark_for_review,
)
from questions.services.progress import MAX_MINUTES, MAX_NOTE_LENGTH
from questions.views.browse import UNDO_SESSION_KEY


class AttemptForm(forms.Form):
    minutes_planning = forms.IntegerField(
        min_value=0, max_value=MAX_MINUTES, required=False
    )
    minutes_coding = forms.IntegerField(
        min_value=0, max_value=MAX_MINUTES, required=False
    )
    outcome = forms.ChoiceField(choices=AttemptOutcome.choices)
    note = forms.CharField(
        max_length=MAX_NOTE_LENGTH, required=False, validators=[validate_text]
    )
    rating = forms.TypedChoiceField(choices=ReviewRating.choices, coerce=int)


class AskedReportForm(forms.Form):
    company = forms.SlugField(max_length=120)
    asked_on = forms.DateField(label="Date")
    round_kind = forms.ChoiceField(choices=RoundKind.choices)
    level = forms.CharField(
        max_length=40, required=False, validators=[validate_one_line]
    )

    def report_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "company_slug": data["company"],
            "asked_on": data["asked_on"],
            "round_kind": data["round_kind"],
            "level": data["level"],
        }


def first_error(form: forms.Form) -> str:
    name, errors = next(iter(form.errors.items()))
    label = form.fields[name].label or name.replace("_", " ").capitalize()
    return errors[0] if name == "__all__" else f"{label}: {errors[0]}"


def back_to_question(
    request, question: Question, *, error: str = "", success: str = ""
):
    if error:
        messages.error(request, error)
    if success:
        messages.success(request, success)
    return redirect("question-detail", slug=question.slug)


def _when(moment) -> str:
    return formats.date_format(timezone.localtime(moment), "l j F, H:i")


@login_required
def review_due(request):
    queue = due_queue(user=request.user, now=timezone.now())
    return render(request, "questions/due.html", {"queue": queue})


@login_required
def progress_mine(request):
    rows = progress_for_user(user=request.user)
    return render(request, "questions/progress.html", {"rows": rows})


@login_required
@require_POST
def progress_mark(request, slug: str):
    question = question_get(slug=slug)
    marked = request.POST.get("marked", "1") != "0"
    progress_mark_for_review(user=request.user, question=question, marked=marked)
    if marked:
        return back_to_question(
            request, question, success="Marked for re-review: it is due now."
        )
    return back_to_question(request, question, success="No longer marked for review.")


@login_required
@require_POST
def progress_attempt(request, slug: str):
    question = question_get(slug=slug)
    form = AttemptForm(request.POST)
    if not form.is_valid():
        return back_to_question(request, question, error=first_error(form))
    try:
        attempt = attempt_log(user=request.user, question=question, **form.cleaned_data)
    except ApplicationError as error:
        return back_to_question(request, question, error=error.message)
    request.session[UNDO_SESSION_KEY] = attempt.pk
    due_at = attempt.progress.due_at
    message = f"Attempt logged. Next review: {_when(due_at)}." if due_at else ""
    return back_to_question(request, question, success=message or "Attempt logged.")


@login_required
@require_POST
def progress_attempt_undo(request, slug: str):
    question = question_get(slug=slug)
    try:
        attempt_id = int(request.POST.get("attempt", ""))
        attempt_undo(user=request.user, attempt_id=attempt_id)
    except ValueError:
        return back_to_question(request, question, error="Say which attempt to undo.")
    except ApplicationError as error:
        return back_to_question(request, question, error=error.message)
    return back_to_question(
        request,
        question,
        success="Undone: the attempt is gone and your review schedule is as before.",
    )


@login_required
@require_POST
def asked_report(request, slug: str):
    question = question_get(slug=slug)
    form = AskedReportForm(request.POST)
    if not form.is_valid():
        return back_to_question(request, question, error=first_error(form))
    try:
        report = asked_report_create(
            reporter=request.user, question_slug=slug, **form.report_fields()
        )
    except ApplicationError as error:
        return back_to_question(request, question, error=error.message)
    return back_to_question(
        request,
        question,
        success=f"Thank you: {report.company.name} asking this is now on record.",
    )
