from django.db.models import QuerySet

from interviews.models import Notification
from users.models import User


def notification_unread_count(*, user: User) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def notification_list(*, user: User, limit: int = 100) -> QuerySet:
    return Notification.objects.filter(user=user).order_by("-created_at")[:limit]
