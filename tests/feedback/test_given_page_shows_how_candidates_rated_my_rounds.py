"""'Feedback you gave' shows an interviewer how their candidates rated the rounds
they ran, per criterion with a trend (newest rounds against the ones before), and
only the ratings of rounds whose scorecard they submitted."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from feedback.selectors.interviewer_feedback import interviewer_trend_for
from tests.feedback.loop_support import rated_run
from tests.feedback.support import finished_session, rounds_of, write_scorecard

pytestmark = [pytest.mark.embedded, pytest.mark.django_db]


def _rounds(alice, bob, count):
    """`count` rounds Alice interviewed Bob in, a day apart, oldest first."""
    start = timezone.now() - timedelta(days=count + 1)
    return [
        rounds_of(
            finished_session(
                host=alice,
                partner=bob,
                swap=False,
                starts_at=start + timedelta(days=day),
            )
        )[0]
        for day in range(count)
    ]


def test_the_trend_rises_when_the_newest_rounds_rate_higher(alice, bob):
    rounds = _rounds(alice, bob, 5)
    for index, round_ in enumerate(rounds):
        write_scorecard(round_, 3)
        rated_run(
            round_,
            {
                "clarity": 1 if index < 2 else 4,
                "hints": 3,
                "realism": 3,
                "time": 4 if index < 2 else 2,
            },
        )
    trend = {each.key: each for each in interviewer_trend_for(user=alice).criteria}
    assert trend["clarity"].direction == "rising"
    assert trend["clarity"].recent_mean == 4 and trend["clarity"].earlier_mean == 1
    assert trend["hints"].direction == "steady"
    assert trend["time"].direction == "falling"


def test_few_rounds_give_means_but_no_trend(alice, bob):
    (round_,) = _rounds(alice, bob, 1)
    write_scorecard(round_, 3)
    rated_run(round_, 2)
    (clarity, *_) = interviewer_trend_for(user=alice).criteria
    assert clarity.mean == 2
    assert clarity.direction == "too few rounds to tell"


def test_ratings_wait_for_the_scorecard(client, alice, bob):
    first, second = _rounds(alice, bob, 2)
    write_scorecard(first, 3)
    rated_run(first, 4, comment="first")
    rated_run(second, 1, comment="second")
    trend = interviewer_trend_for(user=alice)
    assert [each.round_id for each in trend.received] == [first.pk]
    client.force_login(alice)
    page = client.get(reverse("feedback-given")).content.decode()
    assert page.count('data-testid="round-run-round"') == 1
    assert 'data-key="clarity"' in page
    # The candidate's page never lists ratings they gave as the interviewer's.
    client.force_login(bob)
    page = client.get(reverse("feedback-given")).content.decode()
    assert 'data-testid="round-run-empty"' in page
