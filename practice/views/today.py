"""Today's set: the page that shows it and builds it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone

from core.errors import ApplicationError
from practice.selectors.today import SET_SIZES, today_for_user
from practice.services.today import daily_set_build

SIZES = {str(size): size for size in SET_SIZES}


@login_required
def today_page(request):
    """GET shows today's set; POST builds it ("Start today's set") or, with
    `rebuild`, builds it again, then shows it."""
    if request.method == "POST":
        try:
            daily_set_build(
                user=request.user,
                size=SIZES.get(request.POST.get("size", ""), 0),
                now=timezone.now(),
                rebuild=bool(request.POST.get("rebuild")),
            )
        except ApplicationError as error:
            messages.error(request, error.message)
        return redirect("practice-today")
    context = {
        "today": today_for_user(user=request.user, now=timezone.now()),
        "sizes": SET_SIZES,
    }
    return render(request, "practice/today.html", context)
