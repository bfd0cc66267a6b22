"""The round's clock belongs to the server and its interviewer: it counts only while
running, takes added time, moves through parts and steps, ends; a repeated command
changes nothing; every change is kept with its time; in swap mode both move on to
the next round once the first has ended. Pads start from their kind's outline."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from core.errors import ApplicationError
from interviews.models import Format, Round
from rooms.models import PadKind, RoomEvent
from rooms.services.pads import pad_text, round_pads_ensure
from rooms.services.room import (
    clock_elapsed,
    round_clock_command,
    session_swap,
)
from tests.interviews.sessions_support import book

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

STARTS = datetime(2026, 5, 4, 15, 0, tzinfo=UTC)


@pytest.fixture
def clock():
    with time_machine.travel(STARTS - timedelta(days=1), tick=False) as traveller:
        yield traveller


@pytest.fixture
def swap_session(clock, alice, bob):
    session = book(
        host=alice, partner=bob, host_role="interviewer", swap=True, starts_at=STARTS
    )
    clock.move_to(STARTS)
    return session


def command(round_, by, action, **extra):
    round_.refresh_from_db()
    return round_clock_command(
        round_id=round_.pk, by=by, action=action, version=round_.clock_version, **extra
    )


def test_the_clock_counts_only_while_running(swap_session, clock, alice):
    first = Round.objects.get(session=swap_session, order=0)

    command(first, alice, "start")
    clock.shift(timedelta(minutes=3))
    command(first, alice, "pause")
    clock.shift(timedelta(minutes=10))
    paused = Round.objects.get(pk=first.pk)
    command(first, alice, "resume")
    clock.shift(timedelta(seconds=30))

    first.refresh_from_db()
    assert clock_elapsed(paused, STARTS + timedelta(minutes=13)) == timedelta(minutes=3)
    assert clock_elapsed(first, STARTS + timedelta(minutes=13, seconds=30)) == (
        timedelta(minutes=3, seconds=30)
    )
    assert list(RoomEvent.objects.values_list("kind", "elapsed")) == [
        ("start", timedelta(0)),
        ("pause", timedelta(minutes=3)),
        ("resume", timedelta(minutes=3)),
    ]


def test_parts_and_steps_move_on_and_added_time_extends_the_part(
    swap_session, clock, alice
):
    first = Round.objects.get(session=swap_session, order=0)
    command(first, alice, "start")
    clock.shift(timedelta(minutes=5))
    command(first, alice, "next_segment")  # into coding
    command(first, alice, "add_time", seconds=300)
    for _ in range(5):  # clarify, plan, code, dry run, close: and round again
        command(first, alice, "next_phase")

    first.refresh_from_db()
    assert (first.segment_index, first.phase_index) == (1, 0)
    assert first.segment_started_elapsed == timedelta(minutes=5)
    assert (first.added_seconds, first.segment_added_seconds) == (300, 300)
    with pytest.raises(ApplicationError, match="Add between 1 and 30 minutes"):
        command(first, alice, "add_time", seconds=3600)


def test_a_stale_command_changes_nothing(swap_session, alice):
    first = Round.objects.get(session=swap_session, order=0)
    command(first, alice, "start")

    round_clock_command(round_id=first.pk, by=alice, action="pause", version=0)

    first.refresh_from_db()
    assert first.running_since is not None
    assert RoomEvent.objects.count() == 1


@pytest.mark.parametrize(
    ("who", "message"),
    [("bob", "Only this round's interviewer"), ("alice", "opens 10 minutes before")],
)
def test_the_clock_is_refused_to_the_candidate_and_before_the_room_opens(
    clock, alice, bob, who, message
):
    session = book(host=alice, partner=bob, host_role="interviewer", starts_at=STARTS)
    first = Round.objects.get(session=session, order=0)
    if who == "bob":
        clock.move_to(STARTS)

    with pytest.raises(ApplicationError, match=message):
        command(first, {"alice": alice, "bob": bob}[who], "start")


def test_ending_the_first_round_lets_both_swap_to_the_next(swap_session, alice, bob):
    first, second = Round.objects.filter(session=swap_session).order_by("order")
    with pytest.raises(ApplicationError, match="End this round first"):
        session_swap(session_id=swap_session.pk, by=bob)
    command(first, alice, "start")
    command(first, alice, "end")

    session = session_swap(session_id=swap_session.pk, by=bob)

    assert session.current_round == 1
    assert second.interviewer == bob
    assert set(second.pads.values_list("kind", flat=True)) == {
        "shared",
        "notes",
        "board",
    }
    with pytest.raises(ApplicationError, match="not the round the room is on"):
        command(first, alice, "resume")
    command(second, bob, "start")
    assert RoomEvent.objects.filter(kind="swap", round=second).exists()


def test_each_kind_of_round_starts_from_its_own_pad(clock, alice, bob):
    design = Format.objects.get(slug="onsite-ml-system-design", owner=None)
    coding = Format.objects.get(slug="onsite-coding", owner=None)

    ml_round = book(
        host=alice, partner=bob, format=design, starts_at=STARTS
    ).rounds.get()
    coding_round = book(
        host=alice, partner=bob, format=coding, starts_at=STARTS + timedelta(hours=3)
    ).rounds.get()

    ml_pad = round_pads_ensure(round_=ml_round)[PadKind.SHARED]
    assert pad_text(pad_id=ml_pad.pk).startswith(
        "# ML system design\n\n## Clarify requirements\n"
    )
    assert "## Serving and monitoring" in pad_text(pad_id=ml_pad.pk)
    assert (
        pad_text(pad_id=round_pads_ensure(round_=coding_round)[PadKind.SHARED].pk) == ""
    )
    assert ml_round.pads.filter(kind=PadKind.NOTES).exists()
