"""What the room announces, once the change commits: to every socket of a session's
room (read your view again), to the sockets of one pad, to one person's sockets.
Group names and close codes live here (docs/live-room.md)."""

import uuid

from core.broadcasts import group_send_after_commit
from interviews.events import session_changed, session_group

# Close codes of the room's sockets. y-websocket stops retrying on any 44xx and
# retries every other code (45xx is "try again later"). 1009 is no code for an
# application to send: servers refuse it (daphne logs a traceback).
CLOSE_BAD_MESSAGE = 4400
CLOSE_SIGNED_OUT = 4401
CLOSE_NOT_ALLOWED = 4403
CLOSE_TOO_BIG = 4413
CLOSE_FLOOD = 4429
CLOSE_TRY_AGAIN = 4500

__all__ = ["session_group"]


# Group names: ^[a-zA-Z0-9._-]+$ and under 100 characters (channels-redis).
def pad_group(pad_id: uuid.UUID | str) -> str:
    return f"pad.{uuid.UUID(str(pad_id)).hex}"


def user_group(user_id: int) -> str:
    return f"user.{user_id}"


def room_changed(*, session_id: int, what: str) -> None:
    """A change in the room (the clock, a reveal, a hint, a swap): every socket of
    the session reads its own view again."""
    session_changed(session_id=session_id, what=what)


def sockets_close_for_user(*, user_id: int, code: int) -> None:
    """Close every room and pad socket of a person."""
    group_send_after_commit(user_group(user_id), {"type": "socket.close", "code": code})


def sockets_close_on_logout(sender, request, user, **kwargs) -> None:
    # Logging out does not close open sockets by itself.
    if user is not None:
        sockets_close_for_user(user_id=user.pk, code=CLOSE_SIGNED_OUT)
