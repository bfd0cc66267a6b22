"""The weekly brag reminder: opt-in, at the weekday and hour the person picked in
their own time zone, through the outbox, once a week however often the sweep
runs."""

import datetime as dt

import pytest
import time_machine
from django.core import mail

from career.services.brag import brag_reminders_send, brag_settings_save
from career.tasks import career_brag_reminders_task
from notifications.models import Message
from notifications.services import messages_drain
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

# Friday 6 March 2026, 15:00 UTC: 16:00 in Berlin.
FRIDAY_4PM_BERLIN = dt.datetime(2026, 3, 6, 15, 0, tzinfo=dt.UTC)


def person(*, on=True, weekday=4, hour=16, time_zone="Europe/Berlin"):
    user = UserFactory(time_zone=time_zone)
    brag_settings_save(user=user, reminder_on=on, weekday=weekday, hour=hour)
    return user


def reminders_of(user):
    return list(Message.objects.filter(user=user, kind="Brag document reminder"))


def test_the_reminder_comes_at_the_persons_day_and_hour_once_a_week():
    ann = person()
    assert brag_reminders_send(now=FRIDAY_4PM_BERLIN - dt.timedelta(minutes=1)) == 0
    assert brag_reminders_send(now=FRIDAY_4PM_BERLIN) == 1
    # The sweep again, later that day and twice at once: nothing more.
    assert brag_reminders_send(now=FRIDAY_4PM_BERLIN + dt.timedelta(hours=2)) == 0
    assert brag_reminders_send(now=FRIDAY_4PM_BERLIN) == 0

    (reminder,) = reminders_of(ann)
    assert reminder.topic == f"career:brag:{ann.pk}:2026-W10"
    assert reminder.to == ann.email
    assert "/career/brag/" in reminder.body

    # Next Friday is another week.
    assert brag_reminders_send(now=FRIDAY_4PM_BERLIN + dt.timedelta(days=7)) == 1
    assert len(reminders_of(ann)) == 2


def test_no_reminder_for_those_who_did_not_ask_or_on_other_days():
    off = person(on=False)
    monday = person(weekday=0)
    assert brag_reminders_send(now=FRIDAY_4PM_BERLIN) == 0
    assert reminders_of(off) == reminders_of(monday) == []


def test_the_hour_is_the_persons_own():
    tokyo = person(time_zone="Asia/Tokyo", weekday=5, hour=0)
    # 15:00 UTC on Friday is Saturday 00:00 in Tokyo.
    assert brag_reminders_send(now=FRIDAY_4PM_BERLIN) == 1
    assert reminders_of(tokyo)[0].topic.endswith("2026-W10")


def test_the_task_sweeps_and_the_outbox_sends_it_once():
    ann = person()
    with time_machine.travel(FRIDAY_4PM_BERLIN + dt.timedelta(minutes=1), tick=False):
        assert career_brag_reminders_task() == 1
        assert career_brag_reminders_task() == 0
        messages_drain()
        messages_drain()
    assert [m.to for m in mail.outbox] == [[ann.email]]
