from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone

from core.errors import ApplicationError
from users.forms import ProfileForm
from users.services import user_update_profile


@login_required
def profile(request):
    user = request.user
    form = ProfileForm(
        request.POST or None,
        initial={
            "display_name": user.display_name,
            "time_zone": user.time_zone,
            "reminder_offsets": user.reminder_offsets,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            user_update_profile(user=user, **form.cleaned_data)
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "Your profile is saved.")
            return redirect("profile")
    return render(request, "users/profile.html", {"form": form, "now": timezone.now()})
