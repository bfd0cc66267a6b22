"""Saving what a person practises towards: target companies and round kinds,
questions a day, days a week, and the hour of the daily digest (or none).

Everything is checked before anything is saved, and saved in one transaction: a
refused change leaves the settings as they were."""

from django.db import transaction

from core.errors import ApplicationError
from practice.models import PracticeSettings
from questions.models import Company, RoundKind
from users.models import User

SET_SIZES = (2, 3)
GOAL_DAYS = range(1, 8)
DIGEST_HOURS = range(24)
# A person may aim at many companies, not at the whole bank by mistake.
MAX_TARGET_COMPANIES = 50


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _validate(
    *,
    target_company_ids: list[int],
    target_kinds: list[str],
    set_size: int,
    weekly_goal_days: int,
    digest_hour: int | None,
) -> list[Company]:
    if not _is_int(set_size) or set_size not in SET_SIZES:
        raise ApplicationError("Choose 2 or 3 questions a day.", field="set_size")
    if not _is_int(weekly_goal_days) or weekly_goal_days not in GOAL_DAYS:
        raise ApplicationError("Aim for 1 to 7 days a week.", field="weekly_goal_days")
    if digest_hour is not None and (
        not _is_int(digest_hour) or digest_hour not in DIGEST_HOURS
    ):
        raise ApplicationError(
            "Pick an hour from 0 to 23 for the digest, or turn it off.",
            field="digest_hour",
        )
    unknown = [kind for kind in target_kinds if kind not in RoundKind.values]
    if unknown:
        raise ApplicationError(
            f"“{unknown[0]}” is not a round kind.", field="target_kinds"
        )
    ids = set(target_company_ids)
    if len(ids) > MAX_TARGET_COMPANIES:
        raise ApplicationError(
            f"Choose at most {MAX_TARGET_COMPANIES} companies.",
            field="target_companies",
        )
    companies = list(Company.objects.filter(pk__in=ids))
    if len(companies) != len(ids):
        raise ApplicationError(
            "One of those companies is not in the bank.", field="target_companies"
        )
    return companies


@transaction.atomic
def practice_settings_update(
    *,
    user: User,
    target_company_ids: list[int],
    target_kinds: list[str],
    set_size: int,
    weekly_goal_days: int,
    digest_hour: int | None,
) -> PracticeSettings:
    """Replace the person's practice settings with these (made on first save)."""
    companies = _validate(
        target_company_ids=target_company_ids,
        target_kinds=target_kinds,
        set_size=set_size,
        weekly_goal_days=weekly_goal_days,
        digest_hour=digest_hour,
    )
    # Locked: two tabs saving at once save one after the other, whole.
    settings, _ = PracticeSettings.objects.select_for_update().get_or_create(user=user)
    settings.target_kinds = [kind for kind in RoundKind.values if kind in target_kinds]
    settings.set_size = set_size
    settings.weekly_goal_days = weekly_goal_days
    settings.digest_hour = digest_hour
    settings.save(
        update_fields=["target_kinds", "set_size", "weekly_goal_days", "digest_hour"]
    )
    settings.target_companies.set(companies)
    return settings
