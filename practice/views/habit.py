"""The practice settings page: what a person practises towards, and their digest."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from core.errors import ApplicationError
from practice.forms import PracticeSettingsForm
from practice.selectors.settings import practice_settings_view
from practice.services.settings import practice_settings_update


def _initial(view) -> dict:
    return {
        "target_companies": view.target_company_ids,
        "target_kinds": view.target_kinds,
        "set_size": view.set_size,
        "weekly_goal_days": view.weekly_goal_days,
        "digest_on": view.digest_hour is not None,
        "digest_hour": 8 if view.digest_hour is None else view.digest_hour,
    }


@login_required
def practice_settings(request):
    user = request.user
    form = PracticeSettingsForm(
        # An empty POST is a form sent empty, and answered with its errors.
        request.POST if request.method == "POST" else None,
        initial=_initial(practice_settings_view(user=user)),
        time_zone=user.time_zone,
    )
    if request.method == "POST" and form.is_valid():
        try:
            practice_settings_update(user=user, **form.settings_fields())
        except ApplicationError as error:
            form.add_error(
                error.field if error.field in form.fields else None, error.message
            )
        else:
            messages.success(request, "Your practice settings are saved.")
            return redirect("practice-settings")
    return render(request, "practice/settings.html", {"form": form})
