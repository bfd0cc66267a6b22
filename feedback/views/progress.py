"""The candidate's progress page and the study plan form on it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from core.errors import ApplicationError
from core.validators import is_ascii_number
from feedback.selectors.progress import progress_summary, study_plan_choices
from feedback.services.study_plan import study_plan_save as plan_save


def _page(request, *, form: dict | None = None, error: str = "", status: int = 200):
    context = {
        "data": progress_summary(user=request.user),
        "form": form or study_plan_choices(user=request.user),
        "error": error,
    }
    return render(request, "feedback/progress.html", context, status=status)


@login_required
def progress_page(request):
    return _page(request)


@login_required
@require_POST
def study_plan_save(request):
    hours = request.POST.get("hours_per_week", "")
    company_ids = request.POST.getlist("companies")
    try:
        plan_save(user=request.user, hours_per_week=hours, company_ids=company_ids)
    except ApplicationError as error:
        # Show what was typed, so it can be corrected rather than typed again.
        form = {
            **study_plan_choices(user=request.user),
            "hours_per_week": hours,
            "chosen": {int(each) for each in company_ids if is_ascii_number(each)},
        }
        return _page(request, form=form, error=error.message, status=400)
    messages.success(request, "Study plan saved: the week's plan below uses it.")
    return redirect("feedback-progress")
