import pytest

from tests.config.settings_probe import PRODUCTION_ENV, run_django, settings_for


def test_without_variables_mockloop_runs_embedded():
    found = settings_for({})

    assert found["engine"] == "django.db.backends.sqlite3"
    assert found["database_name"].endswith("var/db.sqlite3")
    assert found["channel_layer"] == "core.channel_layers.CountingInMemoryChannelLayer"
    assert found["broker"].startswith("filesystem://")
    assert found["email_backend"] == "notifications.mail_files.OutboxEmailBackend"
    assert found["verification"] == "optional"
    assert found["secure_cookies"] is False
    assert found["debug"] is False
    assert found["time_zone"] == "UTC"


def test_with_production_variables_mockloop_uses_postgres_redis_and_smtp():
    found = settings_for({**PRODUCTION_ENV, "TIME_ZONE": "Europe/Berlin"})

    assert found["engine"] == "django.db.backends.postgresql"
    assert found["database_name"] == "mockloop"
    assert (
        found["channel_layer"] == "core.channel_layers.PipelinedRedisPubSubChannelLayer"
    )
    assert found["broker"] == "redis://cache.internal:6379/0"
    assert found["email_backend"] == "django.core.mail.backends.smtp.EmailBackend"
    assert found["verification"] == "mandatory"
    assert found["secure_cookies"] is True
    assert found["hsts"] >= 31_536_000
    assert found["time_zone"] == "Europe/Berlin"


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("DATABASE_URL", "mysql://root@localhost/mockloop"),
        ("REDIS_URL", "localhost:6379"),
        ("EMAIL_URL", "smtp://"),
        ("DEBUG", "perhaps"),
        ("TIME_ZONE", "Mars/Olympus_Mons"),
        ("SITE_URL", "ftp://mockloop.example.org"),
        ("SECRET_KEY", "too-short"),
    ],
)
def test_a_bad_variable_stops_start_up_with_its_name(name, value):
    result = run_django("import django; django.setup()", {name: value})

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert f"{name}=" in result.stderr


def test_deploy_check_is_clean_with_production_values():
    result = run_django(
        "from django.core.management import call_command;"
        "import django; django.setup();"
        "call_command('check', deploy=True, fail_level='WARNING')",
        PRODUCTION_ENV,
    )

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout + result.stderr
