"""Two friends invite the same person for overlapping hours, and the person accepts
both at the same moment, on PostgreSQL: the person's row lock lets exactly one
acceptance through; the other is refused with the clash. (Invitations themselves
never check the invitee's calendar: that would tell the host who is busy.)"""

import importlib
import threading
import time as clock
from datetime import timedelta

import pytest
from django.apps import apps as django_apps
from django.db import connection
from django.utils import timezone

from core.errors import ApplicationError
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
    monkeypatch.setattr("core.tasks.task_queue", lambda *args: None)


@pytest.fixture
def slow_checks(monkeypatch):
    """Hold each transaction open a moment after its overlap check, so that without
    the lock both checks would pass before either session exists."""
    check = session_rules.ensure_free

    def slowly(**kwargs):
        check(**kwargs)
        clock.sleep(0.4)

    monkeypatch.setattr(sessions, "ensure_free", slowly)


def test_accepting_two_overlapping_invitations_at_once_accepts_exactly_one(
    slow_checks,
):
    bob = UserFactory(display_name="Bob")
    hosts = [UserFactory(display_name="Alice"), UserFactory(display_name="Carol")]
    phone_screen = Format.objects.get(slug="phone-screen-e4-e5", owner=None)
    starts_at = (timezone.now() + timedelta(days=2)).replace(second=0, microsecond=0)
    invitations = [
        sessions.session_schedule(
            host=host,
            partner=bob,
            format=phone_screen,
            starts_at=starts_at + timedelta(minutes=10 * number),
        )
        for number, host in enumerate(hosts)
    ]
    together = threading.Barrier(len(invitations))
    outcomes: list[str] = []

    def accept(session):
        try:
            together.wait(timeout=10)
            sessions.session_accept(session=session, user=bob)
            outcomes.append("accepted")
        except ApplicationError as error:
            outcomes.append(error.message.split(":")[0])
        finally:
            connection.close()

    threads = [threading.Thread(target=accept, args=(s,)) for s in invitations]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes) == [
        "You already have a session at that time",
        "accepted",
    ]
    assert MockSession.objects.filter(status="scheduled").count() == 1
