from notifications.selectors import notification_unread_count


def notifications(request):
    """The count on the bell in every page's header."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": notification_unread_count(user=user)}
