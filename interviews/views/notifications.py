from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from interviews.selectors.notifications import notification_list as notifications_of
from interviews.services.notifications import notifications_mark_read


@login_required
def notification_list(request):
    # Read before marking, so the page can still highlight what was new.
    notifications = list(notifications_of(user=request.user))
    notifications_mark_read(user=request.user)
    return render(
        request, "interviews/notifications.html", {"notifications": notifications}
    )
