"""One set per person per day of their own calendar: building again the same day
(a double click, a second tab, two requests at once) gives the same set; their
next day, in their time zone, gets a new one. "Build again" replaces it until one
of its questions is started."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from core.errors import ApplicationError
from practice.models import DailySet, DailySetItem
from practice.services.solo import solo_practice_start
from practice.services.today import daily_set_build
from tests.practice.today_support import aim, asked
from tests.threads import run_together

NOW = dt.datetime(2026, 12, 7, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def bank(alice):
    aim(alice, size=2)
    for number in range(4):
        asked(f"Question {number}", at="Meta", frequency=90 - number)


@pytest.mark.django_db
@pytest.mark.embedded
def test_the_same_day_gives_the_same_set(alice, bank):
    first = daily_set_build(user=alice, size=2, now=NOW)
    again = daily_set_build(user=alice, size=3, now=NOW + dt.timedelta(hours=8))

    assert again.pk == first.pk
    assert again.items.count() == 2
    assert DailySet.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.embedded
def test_the_day_is_the_persons_own(alice, bank):
    alice.time_zone = "America/Los_Angeles"
    alice.save()
    # 06:00 UTC on the 7th is still the 6th in Los Angeles; 09:00 UTC is the 7th.
    evening = daily_set_build(user=alice, size=2, now=NOW - dt.timedelta(hours=3))
    morning = daily_set_build(user=alice, size=2, now=NOW + dt.timedelta(hours=6))

    assert evening.day == dt.date(2026, 12, 6)
    assert morning.day == dt.date(2026, 12, 7)
    assert evening.pk != morning.pk


@pytest.mark.django_db
@pytest.mark.embedded
def test_build_again_replaces_the_set_until_a_question_is_started(alice, bank):
    first = daily_set_build(user=alice, size=2, now=NOW)
    again = daily_set_build(user=alice, size=3, now=NOW, rebuild=True)

    assert again.pk == first.pk
    assert again.items.count() == 3
    item = again.items.first()
    solo_practice_start(user=alice, question=item.question, daily_set_item=item)
    with pytest.raises(ApplicationError, match="stays as it is until tomorrow"):
        daily_set_build(user=alice, size=2, now=NOW, rebuild=True)
    assert again.items.count() == 3


@pytest.mark.django_db
@pytest.mark.embedded
def test_a_size_other_than_two_or_three_is_refused(alice, bank):
    for size in (0, 1, 4, -2):
        with pytest.raises(ApplicationError, match="two or three"):
            daily_set_build(user=alice, size=size, now=NOW)
    assert not DailySet.objects.exists()


@pytest.mark.django_db
@pytest.mark.embedded
def test_without_a_size_the_practice_settings_size_is_used(alice, bank):
    aim(alice, size=3)

    assert daily_set_build(user=alice, size=None, now=NOW).items.count() == 3


@pytest.mark.django_db(transaction=True)
def test_two_builds_at_once_make_one_set(alice, bank, password):
    clients = [Client(), Client()]
    for client in clients:
        client.force_login(alice)

    def click(client):
        return lambda: client.post(reverse("practice-today"), {"size": "2"})

    answers = run_together(*(click(client) for client in clients))

    assert [answer.status_code for answer in answers] == [302, 302]
    assert DailySet.objects.count() == 1
    assert DailySetItem.objects.count() == 2
