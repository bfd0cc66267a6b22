"""The deletion page says what goes and what stays, asks for the password again, and
with a wrong one (or none) deletes nothing and says why; with the right one the
person is signed out and told their account is gone."""

import pytest

from users.models import User

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


def test_a_wrong_password_is_refused_with_a_message(client, alice):
    client.force_login(alice)
    page = client.get("/me/data/delete/").content.decode()
    assert "What stays, for the people you practised with" in page

    for password in ("", "wrong password", "x" * 5000, "\x00"):
        response = client.post("/me/data/delete/", {"password": password})
        assert response.status_code in (200, 400)
    refused = client.post("/me/data/delete/", {"password": "wrong password"})
    assert "That is not your password." in refused.content.decode()
    assert User.objects.get(pk=alice.pk).email == alice.email


def test_the_right_password_deletes_and_signs_out(client, alice, password):
    client.force_login(alice)

    response = client.post("/me/data/delete/", {"password": password}, follow=True)

    assert "Your account and your personal data are deleted." in (
        response.content.decode()
    )
    assert not response.context["user"].is_authenticated
    assert not User.objects.get(pk=alice.pk).is_active
    assert client.get("/me/").status_code == 302  # to the log-in page
