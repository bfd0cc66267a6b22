from dataclasses import dataclass

from allauth.account.models import EmailAddress
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


@dataclass(frozen=True)
class DemoAccount:
    email: str
    password: str
    display_name: str
    time_zone: str
    is_staff: bool = False


DEMO_ACCOUNTS = [
    DemoAccount(
        "alice@mockloop.test", "alice-practises-1", "Alice", "America/New_York"
    ),
    DemoAccount("bob@mockloop.test", "bob-practises-1", "Bob", "Europe/Berlin"),
    DemoAccount(
        "admin@mockloop.test", "admin-curates-1", "Admin", "UTC", is_staff=True
    ),
]


@transaction.atomic
def demo_accounts_ensure() -> list[DemoAccount]:
    """Create the demo accounts, or put back their demo passwords; safe to run again."""
    for account in DEMO_ACCOUNTS:
        user, _ = User.objects.get_or_create(
            email=account.email,
            defaults={
                "display_name": account.display_name,
                "time_zone": account.time_zone,
                "is_staff": account.is_staff,
                "is_superuser": account.is_staff,
            },
        )
        if not user.check_password(account.password):
            user.set_password(account.password)
            user.save(update_fields=["password"])
        EmailAddress.objects.update_or_create(
            user=user,
            email=account.email,
            defaults={"verified": True, "primary": True},
        )
    return DEMO_ACCOUNTS
