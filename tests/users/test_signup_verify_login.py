import re

import pytest
from django.core import mail

from users.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def mandatory_verification(settings):
    settings.ACCOUNT_EMAIL_VERIFICATION = "mandatory"


def sign_up(client, email, password, time_zone="Europe/Berlin"):
    return client.post(
        "/accounts/signup/",
        {
            "email": email,
            "password1": password,
            "password2": password,
            "display_name": "Carol",
            "time_zone": time_zone,
        },
    )


def test_sign_up_then_verify_then_log_in(client, password, mandatory_verification):
    response = sign_up(client, "carol@example.com", password)

    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    carol = User.objects.get(email="carol@example.com")
    assert carol.display_name == "Carol"
    assert carol.time_zone == "Europe/Berlin"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["carol@example.com"]

    # Before verifying, logging in leads back to "verify your e-mail".
    client.logout()
    response = client.post(
        "/accounts/login/", {"login": "carol@example.com", "password": password}
    )
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    assert "_auth_user_id" not in client.session

    link = re.search(
        r"https?://\S+/accounts/confirm-email/(\S+)/", mail.outbox[-1].body
    )
    confirm_path = f"/accounts/confirm-email/{link.group(1)}/"
    assert client.get(confirm_path).status_code == 200
    response = client.post(confirm_path)
    assert response.status_code == 302

    client.logout()
    response = client.post(
        "/accounts/login/", {"login": "carol@example.com", "password": password}
    )
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.get("/").context["user"].email == "carol@example.com"


def test_sign_up_with_a_taken_email_says_so(client, alice, password):
    response = sign_up(client, "Alice@Example.com", password)

    assert response.status_code == 200
    assert "already registered" in response.content.decode()
    assert User.objects.filter(email__iexact="alice@example.com").count() == 1


def test_sign_up_with_an_unknown_time_zone_is_refused(client, password):
    response = sign_up(client, "dave@example.com", password, time_zone="Moon/Base")

    assert response.status_code == 200
    assert "Moon/Base” is not a time zone we know" in response.content.decode()
    assert not User.objects.filter(email="dave@example.com").exists()


def test_log_out_ends_the_session(client, alice, password):
    client.post("/accounts/login/", {"login": alice.email, "password": password})
    assert "_auth_user_id" in client.session

    client.post("/accounts/logout/")

    assert "_auth_user_id" not in client.session


def test_password_reset_sends_a_link_that_sets_a_new_password(client, alice):
    client.post("/accounts/password/reset/", {"email": alice.email})

    assert len(mail.outbox) == 1
    link = re.search(
        r"https?://[^/\s]+(/accounts/password/reset/key/\S+)", mail.outbox[0].body
    )
    response = client.get(link.group(1), follow=True)
    form_path = (
        response.redirect_chain[-1][0] if response.redirect_chain else link.group(1)
    )
    response = client.post(
        form_path,
        {"password1": "a-new-long-secret-7", "password2": "a-new-long-secret-7"},
    )
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.check_password("a-new-long-secret-7")
