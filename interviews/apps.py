from django.apps import AppConfig


class InterviewsConfig(AppConfig):
    name = "interviews"
    verbose_name = "Interviews"

    def ready(self):
        from django.contrib.auth.signals import user_logged_out

        from interviews.events import sockets_close_on_logout

        # Logging out does not close open sockets by itself (docs/live-room.md).
        user_logged_out.connect(sockets_close_on_logout, dispatch_uid="room-logout")
