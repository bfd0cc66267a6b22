from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from notifications.selectors import notification_list as notifications_of
from notifications.services import notifications_mark_read


@login_required
def notification_list(request):
    # Read before marking, so the page can still highlight what was new.
    notifications = list(notifications_of(user=request.user))
    notifications_mark_read(user=request.user)
    return render(request, "notifications/list.html", {"notifications": notifications})
