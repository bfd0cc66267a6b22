from django.utils import timezone

from interviews.models import MockSession, Notification
from users.models import User


def notification_create(
    *, user: User, text: str, url: str = "", session: MockSession | None = None
) -> Notification:
    return Notification.objects.create(user=user, text=text, url=url, session=session)


def notifications_mark_read(*, user: User) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
