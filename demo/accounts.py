"""The demo accounts `make run` prints: Alice and Bob to try both sides of a mock,
and an admin for the admin site and the outbox."""

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.db import transaction

from users.models import User


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
