"""The log-in lockout counts the address the trusted proxies saw, never one the client
wrote into X-Forwarded-For: a new header every few tries does not buy more guesses,
through the Django stack and through the production web server alike."""

import os
import shlex
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
import yaml
from axes.models import AccessAttempt
from django.conf import settings

from tests.interviews.celery_worker_process import database_url

BASE_DIR = Path(__file__).resolve().parents[2]


def token_attempt(client, email, password, forwarded_for):
    return client.post(
        "/api/auth/token/",
        {"username": email, "password": password},
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


@pytest.mark.django_db
def test_a_new_forwarded_address_every_try_still_locks_the_api(client, alice, password):
    for n in range(5):
        token_attempt(client, alice.email, "wrong", f"198.51.100.{n}")

    response = token_attempt(client, alice.email, password, "203.0.113.99")

    assert response.status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {
        "127.0.0.1"
    }


@pytest.mark.django_db
def test_a_new_forwarded_address_every_try_still_locks_the_page(
    client, alice, password
):
    for n in range(5):
        client.post(
            "/accounts/login/",
            {"login": alice.email, "password": "wrong"},
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n}",
        )

    response = client.post(
        "/accounts/login/",
        {"login": alice.email, "password": password},
        HTTP_X_FORWARDED_FOR="203.0.113.99",
    )

    assert response.status_code == 429


@pytest.mark.django_db
def test_behind_one_proxy_only_the_address_it_appended_counts(
    client, alice, password, settings
):
    settings.TRUSTED_PROXIES = 1
    # The client writes anything it likes on the left; the proxy appends the
    # address it saw, 192.0.2.10, on the right.
    for n in range(5):
        token_attempt(client, alice.email, "wrong", f"198.51.100.{n}, 192.0.2.10")

    locked = token_attempt(client, alice.email, password, "203.0.113.99, 192.0.2.10")
    elsewhere = token_attempt(client, alice.email, password, "192.0.2.11")

    assert locked.status_code == 429
    assert elsewhere.status_code == 200
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {
        "192.0.2.10"
    }


@pytest.mark.django_db
def test_a_request_that_skipped_the_proxy_counts_as_its_socket(
    client, alice, password, settings
):
    settings.TRUSTED_PROXIES = 2
    token_attempt(client, alice.email, "wrong", "198.51.100.1")

    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == [
        "127.0.0.1"
    ]


def compose_web_server_command() -> list[str]:
    """The server part of the compose web command, as compose would run it."""
    compose = yaml.safe_load((BASE_DIR / "docker-compose.yml").read_text())
    command = compose["services"]["web"]["command"]
    server = command.split("&&")[-1].strip().rstrip('"')
    return shlex.split(server)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.django_db(transaction=True)
def test_the_production_web_server_does_not_take_the_clients_word_for_its_address(
    alice, password, tmp_path
):
    argv = compose_web_server_command()
    port = free_port()
    argv = [str(Path(sys.executable).parent / argv[0]), *argv[1:]]
    argv[argv.index("--host") + 1] = "127.0.0.1"
    argv[argv.index("--port") + 1] = str(port)
    argv[argv.index("--workers") + 1] = "1"
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("PYTEST")},
        "DATABASE_URL": database_url(settings.DATABASES["default"]),
        "DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    env.pop("TRUSTED_PROXIES", None)
    log = (tmp_path / "web.log").open("wb")
    server = subprocess.Popen(
        argv, cwd=BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT
    )
    base = f"http://127.0.0.1:{port}"

    def attempt(secret: str, forwarded_for: str) -> int:
        request = urllib.request.Request(
            f"{base}/api/auth/token/",
            data=urllib.parse.urlencode(
                {"username": alice.email, "password": secret}
            ).encode(),
            headers={"X-Forwarded-For": forwarded_for},
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=2)
                break
            except (urllib.error.URLError, ConnectionError):
                assert time.monotonic() < deadline, (tmp_path / "web.log").read_text()
                time.sleep(0.3)
        tries = [attempt("wrong", f"198.51.100.{n}, 127.0.0.1") for n in range(5)]
        assert tries[:4] == [400] * 4
        assert attempt(password, "203.0.113.99") == 429
    finally:
        server.terminate()
        server.wait(timeout=20)
