from django.core.exceptions import ValidationError
from django.db import transaction

from core.errors import ApplicationError
from core.validators import clean_one_line
from users.models import User
from users.validators import validate_reminder_offsets, validate_time_zone


@transaction.atomic
def user_update_profile(
    *, user: User, display_name: str, time_zone: str, reminder_offsets: list[int]
) -> User:
    try:
        validate_time_zone(time_zone)
        validate_reminder_offsets(reminder_offsets)
    except ValidationError as error:
        raise ApplicationError(error.messages[0]) from error
    user.display_name = clean_one_line(display_name, field="display_name", limit=80)
    user.time_zone = time_zone
    user.reminder_offsets = sorted(reminder_offsets, reverse=True)
    user.save(update_fields=["display_name", "time_zone", "reminder_offsets"])
    return user
