"""Which rounds make a loop: a candidate's rounds of one loop format, in the order
they started, fill a loop one part each; a round of a part the loop already holds
starts the next loop. Solo, cancelled and never-started sessions are no part of it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from feedback.selectors.loops import loops_of
from interviews.models import MockSession, SessionStatus
from tests.factories import UserFactory
from tests.feedback.loop_support import held_loop, held_round, three_round_loop

pytestmark = [pytest.mark.embedded, pytest.mark.django_db]


def _ids(loops):
    return [[each.pk for each in loop] for loop in loops]


def test_three_parts_with_different_friends_make_one_loop(alice, bob):
    carol = UserFactory(display_name="Carol")
    loop = three_round_loop(alice)
    rounds = held_loop(candidate=alice, interviewers=[bob, bob, carol], loop=loop)
    assert _ids(loops_of(candidate_id=alice.pk, format_id=loop.pk)) == [
        [each.pk for each in rounds]
    ]


def test_a_part_held_again_starts_the_next_loop(alice, bob):
    loop = three_round_loop(alice)
    first = held_round(candidate=alice, interviewer=bob, loop=loop, part=0)
    again = held_round(
        candidate=alice,
        interviewer=bob,
        loop=loop,
        part=0,
        starts_at=first.started_at + timedelta(hours=5),
    )
    later = held_round(
        candidate=alice,
        interviewer=bob,
        loop=loop,
        part=1,
        starts_at=first.started_at + timedelta(hours=6),
    )
    assert _ids(loops_of(candidate_id=alice.pk, format_id=loop.pk)) == [
        [first.pk],
        [again.pk, later.pk],
    ]


def test_order_is_when_rounds_started_not_when_they_were_booked(alice, bob):
    loop = three_round_loop(alice)
    base = timezone.now() - timedelta(days=3)
    behavioral = held_round(
        candidate=alice, interviewer=bob, loop=loop, part=2, starts_at=base
    )
    coding = held_round(
        candidate=alice,
        interviewer=bob,
        loop=loop,
        part=0,
        starts_at=base + timedelta(days=1),
    )
    assert _ids(loops_of(candidate_id=alice.pk, format_id=loop.pk)) == [
        [behavioral.pk, coding.pk]
    ]


def test_cancelled_solo_and_never_started_rounds_are_left_out(alice, bob):
    loop = three_round_loop(alice)
    kept = held_round(candidate=alice, interviewer=bob, loop=loop, part=0)
    cancelled = held_round(candidate=alice, interviewer=bob, loop=loop, part=1)
    MockSession.objects.filter(pk=cancelled.session_id).update(
        status=SessionStatus.CANCELLED
    )
    solo = held_round(candidate=alice, interviewer=bob, loop=loop, part=1)
    MockSession.objects.filter(pk=solo.session_id).update(is_solo=True)
    missed = held_round(candidate=alice, interviewer=bob, loop=loop, part=2)
    missed.started_at = None
    missed.save()
    assert _ids(loops_of(candidate_id=alice.pk, format_id=loop.pk)) == [[kept.pk]]


def test_another_candidate_rounds_are_their_own_loop(alice, bob):
    loop = three_round_loop(alice)
    held_round(candidate=alice, interviewer=bob, loop=loop, part=0)
    assert loops_of(candidate_id=bob.pk, format_id=loop.pk) == []
