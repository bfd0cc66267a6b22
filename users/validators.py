import zoneinfo
from functools import cache

from django.core.exceptions import ValidationError

MAX_REMINDER_OFFSET_MINUTES = 30 * 24 * 60


# In the time zone database but no place's zone: "Factory" has no offset anyone
# lives by, "localtime" is whatever the server's is, posix/ and right/ are copies.
NOT_A_PLACE = {"Factory", "localtime", "posixrules"}


@cache
def available_time_zones() -> frozenset[str]:
    return frozenset(
        zone
        for zone in zoneinfo.available_timezones()
        if zone not in NOT_A_PLACE and not zone.startswith(("posix/", "right/"))
    )


def validate_time_zone(value: str) -> None:
    if value not in available_time_zones():
        raise ValidationError(
            "“%(value)s” is not a time zone we know. Pick one from the list, "
            "such as Europe/Berlin or America/New_York.",
            code="unknown_time_zone",
            params={"value": value},
        )


def validate_reminder_offsets(value) -> None:
    if not isinstance(value, list) or not all(
        isinstance(minutes, int) and not isinstance(minutes, bool) for minutes in value
    ):
        raise ValidationError("Reminder offsets must be a list of whole minutes.")
    if len(value) > 6:
        raise ValidationError("Choose at most six reminders.")
    if len(set(value)) != len(value):
        raise ValidationError("Each reminder offset may appear only once.")
    for minutes in value:
        if not 1 <= minutes <= MAX_REMINDER_OFFSET_MINUTES:
            raise ValidationError(
                "A reminder must come between 1 minute and 30 days before a session."
            )
