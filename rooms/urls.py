from django.urls import path

from rooms import views

# Under /sessions/, beside the session's own pages.
urlpatterns = [
    path("<int:pk>/room/", views.session_room, name="session-room"),
    path(
        "<int:pk>/rounds/<int:order>/replay/",
        views.round_replay_view,
        name="round-replay",
    ),
    path(
        "<int:pk>/rounds/<int:order>/replay/updates/",
        views.round_replay_updates_view,
        name="round-replay-updates",
    ),
    path(
        "<int:pk>/rounds/<int:order>/replay/pad/",
        views.round_replay_download_view,
        name="round-replay-download",
    ),
    path(
        "<int:pk>/questions/<int:question_id>/reveal/",
        views.round_question_reveal_view,
        name="round-question-reveal",
    ),
]
