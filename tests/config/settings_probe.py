"""Starts Django in a fresh process with a given environment, as start-up would."""

import json
import os
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "k" * 10 + "9f8Q2xLw0pZr7TnVb3YcMd6HsJu1AeKo4GiRqWlXyN5tBvCzE8aS",
    "SITE_URL": "https://mockloop.example.org",
    "ALLOWED_HOSTS": "mockloop.example.org",
    "DATABASE_URL": "postgres://mockloop:secret@db.internal:5432/mockloop",
    "REDIS_URL": "redis://cache.internal:6379/0",
    "EMAIL_URL": "smtp+tls://mailer:secret@smtp.example.org:587",
}


def run_django(code: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {
        key: os.environ[key] for key in ("PATH", "HOME", "LANG") if key in os.environ
    }
    clean["DJANGO_SETTINGS_MODULE"] = "config.settings"
    clean["SECRET_KEY"] = PRODUCTION_ENV["SECRET_KEY"]
    clean.update(env)
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


SETTINGS_DUMP = """
import json, django
from django.conf import settings
django.setup()
from config.celery import app
print(json.dumps({
    "engine": settings.DATABASES["default"]["ENGINE"],
    "database_name": str(settings.DATABASES["default"]["NAME"]),
    "channel_layer": settings.CHANNEL_LAYERS["default"]["BACKEND"],
    "broker": app.conf.broker_url,
    "email_backend": settings.EMAIL_BACKEND,
    "verification": settings.ACCOUNT_EMAIL_VERIFICATION,
    "secure_cookies": settings.SESSION_COOKIE_SECURE,
    "hsts": settings.SECURE_HSTS_SECONDS,
    "debug": settings.DEBUG,
    "time_zone": settings.TIME_ZONE,
}))
"""


def settings_for(env: dict[str, str]) -> dict:
    result = run_django(SETTINGS_DUMP, env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])
