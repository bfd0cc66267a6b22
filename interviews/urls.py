from django.urls import path

from interviews.views import (
    availability,
    calendars,
    formats,
    invitations,
    round_questions,
    sessions,
)

urlpatterns = [
    # -- sessions, invitations, question choices, formats --
    path("", sessions.session_list, name="session-list"),
    path("new/", sessions.session_new, name="session-new"),
    path("<int:pk>/", sessions.session_detail, name="session-detail"),
    path("<int:pk>/accept/", sessions.session_accept_view, name="session-accept"),
    path("<int:pk>/decline/", sessions.session_decline_view, name="session-decline"),
    path("<int:pk>/propose/", sessions.session_propose_view, name="session-propose"),
    path(
        "<int:pk>/reschedule/",
        sessions.session_reschedule_view,
        name="session-reschedule",
    ),
    path("<int:pk>/cancel/", sessions.session_cancel_view, name="session-cancel"),
    path("<int:pk>/link/", sessions.session_link_view, name="session-link"),
    path("<int:pk>/call/", sessions.session_call_link_view, name="session-call"),
    path(
        "<int:pk>/rounds/<int:order>/pick/",
        round_questions.round_question_pick_view,
        name="round-question-pick",
    ),
    path(
        "<int:pk>/rounds/<int:order>/draw/",
        round_questions.round_question_draw_view,
        name="round-question-draw",
    ),
    path(
        "invitations/<str:token>/",
        invitations.invitation_detail,
        name="invitation-detail",
    ),
    path("formats/", formats.format_list, name="format-list"),
    path("formats/<int:pk>/", formats.format_edit, name="format-edit"),
    path("formats/<int:pk>/delete/", formats.format_remove, name="format-delete"),
    # -- end sessions --
    # -- availability (interviews.views.availability) --
    path("availability/", availability.availability_edit, name="availability-edit"),
    path(
        "availability/find/",
        availability.availability_find,
        name="availability-find",
    ),
    path(
        "availability/link/",
        availability.availability_link_renew,
        name="availability-link-renew",
    ),
    path(
        "availability/<str:token>/",
        availability.availability_slots,
        name="availability-book",
    ),
    path(
        "availability/<str:token>/book/",
        availability.availability_book,
        name="availability-book-post",
    ),
    # -- end availability --
    # -- calendars (interviews.views.calendars) --
    path("calendar/", calendars.calendar_feed_manage, name="calendar-feed"),
    path(
        "calendar/revoke/", calendars.calendar_feed_reset, name="calendar-feed-revoke"
    ),
    path(
        "calendar/<slug:token>.ics", calendars.calendar_feed, name="calendar-feed-ics"
    ),
    path(
        "<int:session_id>/calendar.ics",
        calendars.session_calendar_ics,
        name="session-calendar-ics",
    ),
    # -- end calendars --
]
