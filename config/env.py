"""Read and check the environment variables Mockloop is configured with.

Every reader raises ``ImproperlyConfigured`` naming the variable, so a bad value stops
start-up with a message a person can act on instead of failing later, somewhere else.
"""

import os
import secrets
import zoneinfo
from pathlib import Path
from urllib.parse import urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


def _bad(name: str, value: str, why: str) -> ImproperlyConfigured:
    return ImproperlyConfigured(f"{name}={value!r} is not valid: {why}")


def read_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    if value.strip().lower() in TRUE_WORDS:
        return True
    if value.strip().lower() in FALSE_WORDS:
        return False
    raise _bad(name, value, "use true or false.")


def read_int(name: str, default: int, *, low: int, high: int) -> int:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    try:
        number = int(value.strip())
    except ValueError:
        raise _bad(name, value, f"use a whole number from {low} to {high}.") from None
    if not low <= number <= high:
        raise _bad(name, value, f"use a whole number from {low} to {high}.")
    return number


def read_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def read_path(name: str, default: Path) -> Path:
    value = os.environ.get(name)
    if not value:
        return default
    path = Path(value).expanduser()
    if not path.is_absolute():
        raise _bad(name, value, "use an absolute path, such as /srv/mockloop/var.")
    return path


def read_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def read_url(name: str, default: str | None, schemes: set[str]) -> str | None:
    value = os.environ.get(name, default)
    if value is None or value == "":
        return None
    parts = urlsplit(value)
    if parts.scheme not in schemes:
        allowed = ", ".join(sorted(schemes))
        raise _bad(name, value, f"the scheme must be one of {allowed}.")
    if parts.scheme not in {"sqlite", "filesystem"} and not parts.hostname:
        raise _bad(name, value, "the URL names no host.")
    return value


def read_database(name: str, default: str) -> dict:
    url = read_url(name, default, {"sqlite", "postgres", "postgresql", "pgsql", "psql"})
    try:
        config = environ.Env.db_url_config(url)
    except Exception as error:  # django-environ raises several types
        raise _bad(name, url, str(error)) from error
    return config


def read_email(name: str) -> dict | None:
    url = read_url(name, None, {"smtp", "smtps", "smtp+tls", "smtp+ssl", "consolemail"})
    if url is None:
        return None
    try:
        return environ.Env.email_url_config(url)
    except Exception as error:
        raise _bad(name, url, str(error)) from error


def read_time_zone(name: str, default: str) -> str:
    value = os.environ.get(name, default)
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as error:
        raise _bad(
            name, value, "use an IANA time zone such as Europe/Berlin."
        ) from error
    return value


def read_secret_key(name: str, key_file: Path) -> str:
    """Use SECRET_KEY, or a random key kept in var/ so a self-hosted instance never
    runs on a well-known default and sessions survive restarts."""
    value = os.environ.get(name)
    if value is not None:
        if len(value) < 50 or len(set(value)) < 5:
            raise _bad(
                name,
                "<hidden>",
                "use at least 50 random characters (see .env.example).",
            )
        return value
    if key_file.exists():
        return key_file.read_text().strip()
    key_file.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    key_file.write_text(key)
    key_file.chmod(0o600)
    return key
