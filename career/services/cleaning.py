"""Checks every career service applies to what people type, before anything is
saved: a refused value raises ApplicationError naming its field, so nothing is half
written (the services are atomic and check first)."""

from collections.abc import Iterable

from core.errors import ApplicationError
from core.validators import (
    TEXT_MESSAGE,
    clean_one_line,
    has_control_characters,
    is_web_url,
)

LINKS_MAX = 10
URL_MAX = 500


def clean_text(value, *, field: str, limit: int, required: bool = False) -> str:
    """Text of several lines: trimmed, within `limit`, no NUL or other control
    characters (line breaks and tabs are fine)."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ApplicationError("Give text here.", field=field)
    value = value.strip()
    if has_control_characters(value):
        raise ApplicationError(TEXT_MESSAGE, field=field)
    if len(value) > limit:
        raise ApplicationError(
            f"Keep it under {limit} characters (this is {len(value)}).", field=field
        )
    if required and not value:
        raise ApplicationError("This cannot be empty.", field=field)
    return value


def clean_line(value, *, field: str, limit: int, required: bool = False) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ApplicationError("Give text here.", field=field)
    value = clean_one_line(value, field=field, limit=limit)
    if required and not value:
        raise ApplicationError("This cannot be empty.", field=field)
    return value


def clean_keys(values, *, allowed: dict[str, str], field: str, what: str) -> list[str]:
    """A list of keys from `allowed` (key → title), in `allowed`'s order."""
    if values is None:
        return []
    if isinstance(values, str) or not isinstance(values, Iterable):
        raise ApplicationError(f"Give a list, one {what} each.", field=field)
    chosen = set()
    for value in values:
        if not isinstance(value, str) or value not in allowed:
            shown = value if isinstance(value, str) and len(value) < 60 else "that"
            shown = "that" if has_control_characters(shown) else shown
            raise ApplicationError(
                f"Unknown {what}: {shown!s}. Choose from: {', '.join(allowed)}.",
                field=field,
            )
        chosen.add(value)
    return [key for key in allowed if key in chosen]


def clean_links(values, *, field: str = "links") -> list[str]:
    if values is None:
        return []
    if isinstance(values, str):
        values = [line for line in values.splitlines()]
    if not isinstance(values, Iterable):
        raise ApplicationError("Give a list of web addresses.", field=field)
    links = []
    for value in values:
        if not isinstance(value, str):
            raise ApplicationError("Give each link as text.", field=field)
        value = value.strip()
        if not value:
            continue
        if (
            len(value) > URL_MAX
            or has_control_characters(value)
            or not is_web_url(value)
        ):
            raise ApplicationError(
                "Give each link as a web address that starts with http:// or "
                f"https:// ({URL_MAX} characters at most).",
                field=field,
            )
        if value not in links:
            links.append(value)
    if len(links) > LINKS_MAX:
        raise ApplicationError(f"Keep to {LINKS_MAX} links.", field=field)
    return links
