"""The daily digest of due reviews: written to the outbox at the person's hour, in
their time zone, once a day at most, never on a day with nothing due or for a person
who did not ask; after downtime, the first sweep back writes today's one digest."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.db import transaction

from notifications.models import Message, Notification
from notifications.services import messages_drain
from practice.models import PracticeSettings
from practice.services.digest import digest_sweep, digests_owed, digests_write
from practice.tasks import practice_digest_sweep_task
from questions.models import Progress
from questions.services import progress_mark_for_review
from tests.factories import UserFactory
from tests.questions.factories import QuestionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

# Monday 2 March 2026; Berlin is UTC+1.
BERLIN_8AM = dt.datetime(2026, 3, 2, 7, 0, tzinfo=dt.UTC)


def person(*, hour: int | None = 8, time_zone="Europe/Berlin", due=1, **fields):
    user = UserFactory(time_zone=time_zone, **fields)
    PracticeSettings.objects.create(user=user, digest_hour=hour)
    for n in range(due):
        question = QuestionFactory(title=f"Question {user.pk}-{n}")
        progress_mark_for_review(
            user=user, question=question, now=BERLIN_8AM - dt.timedelta(days=1)
        )
    return user


def sweep(now: dt.datetime) -> int:
    """What beat's minute does, with the tasks run here."""
    return sum(
        digests_write(user_ids=batch, now=now) for batch in digest_sweep(now=now)
    )


def digests_of(user) -> list[Message]:
    return list(Message.objects.filter(user=user, kind="Daily digest"))


def test_the_digest_comes_at_the_persons_hour_not_before():
    ann = person(hour=8)

    assert sweep(BERLIN_8AM - dt.timedelta(minutes=1)) == 0
    assert sweep(BERLIN_8AM) == 1

    (digest,) = digests_of(ann)
    assert digest.topic == f"practice:digest:{ann.pk}:2026-03-02"
    assert digest.to == ann.email
    assert digest.subject == "1 question to review today (Mon 2 Mar)"
    assert f"Question {ann.pk}-0" in digest.body
    assert "/questions/due/" in digest.body
    assert "/practice/settings/" in digest.body
    assert digest.bell_url == "/questions/due/"
    # Not sent once the person's day is over: tomorrow has its own.
    assert digest.expires_at == dt.datetime(2026, 3, 2, 23, 0, tzinfo=dt.UTC)


def test_a_sweep_run_again_and_again_writes_one_digest_a_day():
    ann = person(hour=8, due=7)

    for minute in range(0, 180, 1):
        sweep(BERLIN_8AM + dt.timedelta(minutes=minute))

    (digest,) = digests_of(ann)
    assert digest.subject.startswith("7 questions to review today")
    assert "and 2 more." in digest.body


def test_a_batch_written_twice_writes_nothing_the_second_time():
    ann = person(hour=8)
    batches = digest_sweep(now=BERLIN_8AM)

    assert digests_write(user_ids=batches[0], now=BERLIN_8AM) == 1
    # The same batch delivered again by the broker, or run by a second worker.
    assert digests_write(user_ids=batches[0], now=BERLIN_8AM) == 0
    assert len(digests_of(ann)) == 1


def test_a_batch_killed_before_its_commit_leaves_nothing_and_the_next_sweep_writes():
    ann = person(hour=8)
    batches = digest_sweep(now=BERLIN_8AM)

    with pytest.raises(RuntimeError), transaction.atomic():
        digests_write(user_ids=batches[0], now=BERLIN_8AM)
        raise RuntimeError("the worker died before the COMMIT")

    assert digests_of(ann) == []
    assert sweep(BERLIN_8AM + dt.timedelta(minutes=1)) == 1
    assert len(digests_of(ann)) == 1


def test_nothing_due_means_no_digest():
    ann = person(hour=8, due=0)
    # Due tomorrow only: nothing today.
    progress = Progress.objects.create(
        user=ann, question=QuestionFactory(), due_at=BERLIN_8AM + dt.timedelta(days=1)
    )

    assert digests_owed(now=BERLIN_8AM) == []
    assert sweep(BERLIN_8AM) == 0
    assert digests_write(user_ids=[ann.pk], now=BERLIN_8AM) == 0

    # Due later today, in the person's zone: that is today's review.
    progress.due_at = BERLIN_8AM + dt.timedelta(hours=15, minutes=30)  # 23:30 there
    progress.save(update_fields=["due_at"])
    assert sweep(BERLIN_8AM) == 1


def test_no_digest_for_those_who_did_not_ask_or_turned_it_off():
    person(hour=None)
    UserFactory()  # no settings at all
    inactive = person(hour=8)
    inactive.is_active = False
    inactive.save(update_fields=["is_active"])

    assert sweep(BERLIN_8AM + dt.timedelta(hours=3)) == 0
    assert not Message.objects.exists()


def test_after_downtime_the_first_sweep_back_writes_todays_one_digest():
    # The workers were down from 07:00 to 15:00 Berlin time: the first sweep back
    # writes one digest for today, not one per missed minute or hour.
    ann = person(hour=8)

    assert sweep(BERLIN_8AM + dt.timedelta(hours=8)) == 1
    assert sweep(BERLIN_8AM + dt.timedelta(hours=8, minutes=1)) == 0
    assert len(digests_of(ann)) == 1


def test_a_day_missed_entirely_is_not_caught_up_and_the_next_day_gets_its_own():
    ann = person(hour=8)
    sweep(BERLIN_8AM)
    # Down from Monday 09:00 until Wednesday 07:00 Berlin: Tuesday's hour passed.
    wednesday_7am = BERLIN_8AM + dt.timedelta(days=2) - dt.timedelta(hours=1)
    assert sweep(wednesday_7am) == 0
    assert sweep(wednesday_7am + dt.timedelta(hours=1)) == 1

    assert [m.topic.rsplit(":", 1)[1] for m in digests_of(ann)] == [
        "2026-03-02",
        "2026-03-04",
    ]


def test_each_person_gets_theirs_at_their_own_hour_and_zone():
    berlin = person(hour=8)
    tokyo = person(hour=8, time_zone="Asia/Tokyo")  # 08:00 Tokyo is 23:00 UTC
    new_york = person(hour=2, time_zone="America/New_York")  # 02:00 is 07:00 UTC

    # 23:00 UTC on Sunday: Monday 08:00 in Tokyo, Sunday 18:00 in New York.
    assert sweep(dt.datetime(2026, 3, 1, 23, 0, tzinfo=dt.UTC)) == 2
    # 07:00 UTC on Monday: 08:00 in Berlin, 02:00 in New York.
    assert sweep(BERLIN_8AM) == 2

    def days(user):
        return [m.topic.rsplit(":", 1)[1] for m in digests_of(user)]

    assert days(tokyo) == ["2026-03-02"]
    assert days(berlin) == ["2026-03-02"]
    assert sorted(days(new_york)) == ["2026-03-01", "2026-03-02"]


def test_the_outbox_sends_it_once_by_e_mail_and_bell():
    ann = person(hour=8)
    with time_machine.travel(BERLIN_8AM + dt.timedelta(minutes=1), tick=False):
        assert practice_digest_sweep_task() == 1
        # The task queued the batch's writer; run it as the worker would.
        digests_write(user_ids=[ann.pk], now=BERLIN_8AM + dt.timedelta(minutes=1))
        messages_drain()
        messages_drain()

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [ann.email]
    assert mail.outbox[0].subject.startswith("[Mockloop] 1 question to review today")
    assert Notification.objects.filter(user=ann).count() == 1
