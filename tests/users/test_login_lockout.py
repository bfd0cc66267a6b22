import pytest
from axes.models import AccessAttempt

pytestmark = pytest.mark.django_db


def test_repeated_wrong_passwords_lock_the_login_page(client, alice, password):
    for _ in range(5):
        client.post("/accounts/login/", {"login": alice.email, "password": "wrong"})

    response = client.post(
        "/accounts/login/", {"login": alice.email, "password": password}
    )

    assert response.status_code == 429
    assert "Too many failed log-ins" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_repeated_wrong_passwords_lock_the_token_api(client, alice, password):
    for _ in range(5):
        client.post("/api/auth/token/", {"username": alice.email, "password": "wrong"})

    response = client.post(
        "/api/auth/token/", {"username": alice.email, "password": password}
    )

    assert response.status_code == 429
    assert "Too many failed log-ins" in response.json()["detail"]
    assert AccessAttempt.objects.filter(username=alice.email).exists()


def test_the_token_api_answers_a_token_that_authenticates(client, alice, password):
    response = client.post(
        "/api/auth/token/", {"username": alice.email, "password": password}
    )

    token = response.json()["token"]
    me = client.get("/api/me/", HTTP_AUTHORIZATION=f"Token {token}")
    assert me.json()["email"] == alice.email


def test_the_lockout_counts_one_account_from_one_address(client, alice, bob, password):
    for _ in range(5):
        client.post("/accounts/login/", {"login": alice.email, "password": "wrong"})

    response = client.post(
        "/accounts/login/", {"login": bob.email, "password": password}
    )

    assert response.status_code == 302
