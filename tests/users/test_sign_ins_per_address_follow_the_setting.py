"""How many sign-ins one address may make a minute is the operator's
SIGN_INS_PER_MINUTE (30 unless set): past it, a sign-in is answered 429, and a
value that is not a number stops start-up with its name."""

import pytest
from django.core.cache import cache

from tests.config.settings_probe import run_django

pytestmark = pytest.mark.embedded


def test_the_setting_is_allauths_sign_in_limit_per_address():
    read = "import django; django.setup(); from django.conf import settings; "
    read += "print(settings.ACCOUNT_RATE_LIMITS['login'])"

    default = run_django(read, {})
    raised = run_django(read, {"SIGN_INS_PER_MINUTE": "400"})
    bad = run_django(read, {"SIGN_INS_PER_MINUTE": "plenty"})

    assert default.stdout.split() == ["30/m/ip"], default.stderr
    assert raised.stdout.split() == ["400/m/ip"], raised.stderr
    assert bad.returncode != 0
    assert "SIGN_INS_PER_MINUTE=" in bad.stderr


@pytest.mark.django_db
def test_past_the_limit_a_sign_in_is_refused_with_429(
    client, alice, password, settings
):
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": False, "login": "2/m/ip"}
    cache.clear()
    form = {"login": alice.email, "password": password}

    answers = []
    for _ in range(3):
        answers.append(client.post("/accounts/login/", form).status_code)
        client.logout()

    assert answers == [302, 302, 429]
