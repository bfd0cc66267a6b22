from django.urls import path

from interviews.views import notifications, sessions

urlpatterns = [
    path("notifications/", notifications.notification_list, name="notification-list"),
    # -- sessions, invitations, formats, room (interviews.views.sessions) --
    path("", sessions.session_list, name="session-list"),
    # -- end sessions --
    # -- availability (interviews.views.availability) --
    # -- end availability --
    # -- calendars (interviews.views.calendars) --
    # -- end calendars --
]
