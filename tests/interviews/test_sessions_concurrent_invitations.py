"""Two friends invite the same person for the same hour at the same moment, on
PostgreSQL: the person's row lock lets exactly one invitation through; the other host
is told that the time is taken."""

import importlib
import threading
import time as clock
from datetime import timedelta

import pytest
from django.apps import apps as django_apps
from django.db import connection
from django.utils import timezone

from config.errors import ApplicationError
from interviews import tasks
from interviews.models import Format, MockSession
from interviews.services import session_rules, sessions
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def builtin_formats(transactional_db):
    # A transactional test empties every table when it ends, the built-in formats
    # of the data migration included.
    migration = importlib.import_module("interviews.migrations.0002_builtin_formats")
    migration.add_builtin_formats(django_apps, None)


@pytest.fixture(autouse=True)
def no_broker(monkeypatch):
    monkeypatch.setattr(tasks.session_email_task, "delay", lambda *a, **k: None)


@pytest.fixture
def slow_checks(monkeypatch):
    """Hold each transaction open a moment after its overlap check, so that without
    the lock both checks would pass before either session exists."""
    check = session_rules.ensure_free

    def slowly(**kwargs):
        check(**kwargs)
        clock.sleep(0.4)

    monkeypatch.setattr(sessions, "ensure_free", slowly)


def test_two_invitations_for_one_person_at_once_make_exactly_one_session(
    slow_checks,
):
    bob = UserFactory(display_name="Bob")
    hosts = [UserFactory(display_name="Alice"), UserFactory(display_name="Carol")]
    phone_screen = Format.objects.get(slug="phone-screen-e4-e5", owner=None)
    starts_at = (timezone.now() + timedelta(days=2)).replace(second=0, microsecond=0)
    together = threading.Barrier(len(hosts))
    outcomes: list[str] = []

    def invite(host):
        try:
            together.wait(timeout=10)
            sessions.session_schedule(
                host=host,
                partner=bob,
                format=phone_screen,
                starts_at=starts_at + timedelta(minutes=10 * hosts.index(host)),
            )
            outcomes.append("invited")
        except ApplicationError as error:
            outcomes.append(error.message)
        finally:
            connection.close()

    threads = [threading.Thread(target=invite, args=(host,)) for host in hosts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes) == [
        "Bob already has a session at that time. Pick another time.",
        "invited",
    ]
    assert MockSession.objects.count() == 1
