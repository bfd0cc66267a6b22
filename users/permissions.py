"""Who may see or do what with accounts."""

from users.models import User


def can_read_outbox(user: User) -> bool:
    return user.is_authenticated and user.is_staff
