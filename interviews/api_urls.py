from django.urls import path

from interviews.api import availability, formats, sessions

urlpatterns = [
    # -- sessions and formats (interviews.api.sessions, interviews.api.formats) --
    path("sessions/", sessions.SessionListApi.as_view(), name="api-session-list"),
    path(
        "sessions/<int:pk>/",
        sessions.SessionDetailApi.as_view(),
        name="api-session-detail",
    ),
    path(
        "sessions/<int:pk>/accept/",
        sessions.SessionAcceptApi.as_view(),
        name="api-session-accept",
    ),
    path(
        "sessions/<int:pk>/decline/",
        sessions.SessionDeclineApi.as_view(),
        name="api-session-decline",
    ),
    path(
        "sessions/<int:pk>/propose/",
        sessions.SessionProposeApi.as_view(),
        name="api-session-propose",
    ),
    path(
        "sessions/<int:pk>/reschedule/",
        sessions.SessionRescheduleApi.as_view(),
        name="api-session-reschedule",
    ),
    path(
        "sessions/<int:pk>/cancel/",
        sessions.SessionCancelApi.as_view(),
        name="api-session-cancel",
    ),
    path("formats/", formats.FormatListApi.as_view(), name="api-format-list"),
    path(
        "formats/<int:pk>/", formats.FormatDetailApi.as_view(), name="api-format-detail"
    ),
    # -- end sessions --
    # -- availability (interviews.api.availability) --
    path(
        "availability/",
        availability.AvailabilityApi.as_view(),
        name="api-availability",
    ),
    path(
        "availability/link/",
        availability.BookingLinkRenewApi.as_view(),
        name="api-availability-link-renew",
    ),
    path(
        "availability/<str:token>/slots/",
        availability.AvailabilitySlotsApi.as_view(),
        name="api-availability-slots",
    ),
    path(
        "availability/<str:token>/book/",
        availability.AvailabilityBookApi.as_view(),
        name="api-availability-book",
    ),
    # -- end availability --
]
