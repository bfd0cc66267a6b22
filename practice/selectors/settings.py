"""Reading one person's practice settings, as the settings page and API show them."""

from dataclasses import dataclass

from practice.models import PracticeSettings
from users.models import User


@dataclass(frozen=True)
class SettingsView:
    target_company_ids: list[int]
    target_company_slugs: list[str]
    target_kinds: list[str]
    set_size: int
    weekly_goal_days: int
    digest_hour: int | None


def practice_settings_view(*, user: User) -> SettingsView:
    """The person's settings, or the defaults until they save theirs."""
    settings = PracticeSettings.objects.filter(user=user).first()
    if settings is None:
        settings = PracticeSettings(user=user)
        companies = []
    else:
        companies = list(
            settings.target_companies.order_by("name").values_list("pk", "slug")
        )
    return SettingsView(
        target_company_ids=[pk for pk, _ in companies],
        target_company_slugs=[slug for _, slug in companies],
        target_kinds=list(settings.target_kinds),
        set_size=settings.set_size,
        weekly_goal_days=settings.weekly_goal_days,
        digest_hour=settings.digest_hour,
    )
