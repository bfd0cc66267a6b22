"""Checks every app applies to text that comes from people and files."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

WEB_SCHEMES = ("http", "https")

# Only web addresses become links: a javascript: or data: address in a page would run
# in the reader's session if the Content-Security-Policy ever let it.
validate_web_url = URLValidator(
    schemes=list(WEB_SCHEMES),
    message="Enter a web address that starts with http:// or https://.",
)

# C0 and C1 control characters (tab included), DEL, and the line and paragraph
# separators: none belongs in a one-line field, and a newline in a name would split
# an e-mail header.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def validate_one_line(value: str) -> None:
    if isinstance(value, str) and CONTROL_CHARACTERS.search(value):
        raise ValidationError(
            "Use one line of plain text: no line breaks, tabs or control characters.",
            code="control_characters",
        )


# In text of several lines: the C0 control characters but tab, line feed and
# carriage return, and DEL. NUL above all: PostgreSQL cannot store it in text.
TEXT_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
TEXT_MESSAGE = (
    "Remove the control characters (such as NUL) from this text; line breaks and "
    "tabs are fine."
)


def validate_text(value: str) -> None:
    if isinstance(value, str) and TEXT_CONTROL_CHARACTERS.search(value):
        raise ValidationError(TEXT_MESSAGE, code="control_characters")


def has_control_characters(value: str) -> bool:
    return isinstance(value, str) and bool(TEXT_CONTROL_CHARACTERS.search(value))


def is_web_url(value: str) -> bool:
    try:
        validate_web_url(value)
    except ValidationError:
        return False
    return True


def clean_one_line(value: str, *, field: str, limit: int) -> str:
    """One line of text for a service: trimmed, within `limit` characters, without
    control characters; an ApplicationError naming `field` otherwise."""
    from core.errors import ApplicationError

    value = (value or "").strip()
    try:
        validate_one_line(value)
    except ValidationError as error:
        raise ApplicationError(error.messages[0], field=field) from None
    if len(value) > limit:
        raise ApplicationError(f"Keep it under {limit} characters.", field=field)
    return value


def is_ascii_number(text: str) -> bool:
    """Whether text is a whole number in ASCII digits, as an id in a URL or a form
    is: `str.isdigit` alone also takes "¹" or "²", which `int` refuses."""
    return text.isascii() and text.isdigit()
