from django.apps import AppConfig


class RoomsConfig(AppConfig):
    name = "rooms"
    verbose_name = "Live room"

    def ready(self):
        from django.contrib.auth.signals import user_logged_out

        from rooms.events import sockets_close_on_logout

        # Logging out does not close open sockets by itself (docs/live-room.md).
        user_logged_out.connect(sockets_close_on_logout, dispatch_uid="room-logout")
