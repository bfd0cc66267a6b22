"""A run of the pad's code happens in a browser; its report goes through the room's
one schema and budget like every command, is kept only in a runnable part of a
round still going, and both people then see the same run, which the replay marks.
Whatever a client sends as a run, the socket refuses it with a message or keeps it
whole; nothing past 64 KiB of output is kept."""

import json

import pytest
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from core.errors import ApplicationError
from rooms.commands import MAX_RUN_FRAME, RUN_OUTPUT, CommandRefused, command_parse
from rooms.models import RoomEvent, RoomRun
from rooms.selectors.replay import round_replay
from rooms.selectors.room import room_view
from rooms.services.runs import round_run_record
from tests.rooms.asgi_sockets import app_socket, frames, run, session_cookie, texts
from tests.rooms.room_support import room_now

EXAMPLES = {
    "function": "merge",
    "cases": [{"args": [[1, 2]], "expected": 3}, {"args": [[0]], "expected": 0}],
}

run_fields = st.fixed_dictionaries(
    {"type": st.just("run")},
    optional={
        "round": st.integers(-5, 2**60) | st.text(max_size=5) | st.none(),
        "language": st.sampled_from(["python", "javascript", "ruby", ""]) | st.none(),
        "exit": st.sampled_from(["ok", "error", "timeout", "passed", "bogus"]),
        "duration_ms": st.integers(-1, 10**7) | st.floats() | st.booleans(),
        "output": st.text(max_size=200) | st.integers(),
        "truncated": st.booleans() | st.integers(0, 1),
        "question": st.integers(0, 10) | st.none(),
        "passed": st.text(alphabet="PFX", max_size=25) | st.lists(st.booleans()),
        "extra": st.integers(),
    },
)


@settings(max_examples=400, deadline=None)
@given(command=run_fields)
def test_any_run_command_parses_whole_or_is_refused_with_a_message(command):
    try:
        parsed = command_parse(json.dumps(command))
    except CommandRefused as refused:
        assert refused.message and len(refused.message) < 200
        return
    fields = parsed.fields
    assert isinstance(fields["output"], str) and len(fields["output"]) <= RUN_OUTPUT
    assert fields["truncated"] in (True, False)
    assert fields["passed"] is None or all(v in (True, False) for v in fields["passed"])


def test_only_a_run_may_pass_4_kib_and_none_96_kib():
    big = "x" * (RUN_OUTPUT)
    frame = {"type": "run", "round": 1, "language": "python", "exit": "ok"}
    frame |= {"duration_ms": 5, "output": big, "truncated": True}
    assert command_parse(json.dumps(frame)).fields["output"] == big

    with pytest.raises(CommandRefused, match="under 65537 characters"):
        command_parse(json.dumps(frame | {"output": big + "x"}))
    with pytest.raises(CommandRefused, match="at most 4 KiB"):
        command_parse(json.dumps({"type": "swap", "x": "y" * 5000}))
    with pytest.raises(CommandRefused, match="at most 4 KiB"):
        command_parse(json.dumps(frame | {"extra": "y" * MAX_RUN_FRAME}))
    with pytest.raises(CommandRefused, match="at most 4 KiB"):
        command_parse(json.dumps({"output": big, **frame}))


def runnable_room():
    room = room_now()
    room.session.format.segments.update(runnable=True)
    room.chosen.question.examples = EXAMPLES
    room.chosen.question.save()
    return room


def record(room, **fields):
    fields = {
        "round_id": room.round.pk,
        "by": room.candidate,
        "language": "python",
        "exit": "ok",
        "duration_ms": 120,
        "output": "hello\n",
        "truncated": False,
    } | fields
    return round_run_record(**fields)


@pytest.mark.django_db
def test_code_is_not_run_in_a_part_that_is_not_runnable():
    room = room_now()

    with pytest.raises(ApplicationError, match="not run in this part"):
        record(room)
    assert not RoomRun.objects.exists()
    assert room_view(session=room.session, user=room.candidate)["round"]["runs"] == {
        "runnable": False,
        "last": None,
        "history": [],
    }


@pytest.mark.django_db
def test_both_people_see_the_same_run_and_the_replay_marks_it():
    room = runnable_room()

    record(room, exit="timeout", output="Stopped after 10 s.\x00", duration_ms=10000)

    views = [
        room_view(session=room.session, user=user)["round"]["runs"]
        for user in (room.interviewer, room.candidate)
    ]
    assert views[0] == views[1]
    last = views[0]["last"]
    assert (last["who"], last["exit"], last["exit_label"]) == (
        "Bob",
        "timeout",
        "Stopped after 10 s",
    )
    assert last["output"] == "Stopped after 10 s.\ufffd"
    # Run before the clock started: no moment on the round's clock.
    assert last["at"] == ""
    assert views[0]["runnable"] is True
    markers = round_replay(round_=room.round)["events"]
    assert [m["label"] for m in markers if m["label"].startswith("Run")] == [
        "Run: Stopped after 10 s"
    ]


@pytest.mark.django_db
def test_run_examples_keeps_a_verdict_per_example_that_matches_its_exit():
    room = runnable_room()
    room.chosen.revealed_at = timezone.now()
    room.chosen.save()

    kept = record(
        room, exit="failed", round_question_id=room.chosen.pk, passed=[True, False]
    )

    assert kept.examples == [True, False]
    for wrong, message in [
        ({"exit": "passed", "passed": [True, False]}, "Every example passes"),
        ({"exit": "failed", "passed": [True]}, "a verdict for every example"),
        ({"exit": "ok", "passed": [True, True, True]}, "has 2 example"),
        ({"exit": "passed", "round_question_id": None}, "Report a verdict"),
    ]:
        with pytest.raises(ApplicationError, match=message):
            record(room, **({"round_question_id": room.chosen.pk} | wrong))
    assert RoomRun.objects.count() == 1


@pytest.mark.django_db
def test_a_run_after_the_rounds_end_or_by_a_stranger_is_refused():
    room = runnable_room()
    from tests.factories import UserFactory

    with pytest.raises(ApplicationError, match="not part of this session"):
        record(room, by=UserFactory())
    room.round.ended_at = timezone.now()
    room.round.save()
    with pytest.raises(ApplicationError, match="has ended"):
        record(room)
    assert not RoomEvent.objects.filter(kind="run").exists()


async def until_a_run_is_shown(socket, *, rounds: int = 20) -> list[dict]:
    """What the socket hears until a view showing a run comes (a busy machine may
    take longer than one pause of quiet to send it), for ten seconds at most."""
    heard = []
    for _ in range(rounds):
        heard += texts(await frames(socket))
        if any(
            answer["type"] == "state" and answer["state"]["round"]["runs"]["last"]
            for answer in heard
        ):
            break
    return heard


@pytest.mark.embedded
@pytest.mark.django_db(transaction=True)
def test_a_full_run_over_the_socket_reaches_both_people():
    room = runnable_room()
    output = "é\n" * (RUN_OUTPUT // 2)
    frame = {"type": "run", "round": room.round.pk, "language": "javascript"}
    frame |= {"exit": "ok", "duration_ms": 42, "output": output, "truncated": True}
    path = f"/ws/sessions/{room.session.pk}/"

    async def scenario():
        bob = app_socket(session_cookie(room.candidate), path)
        alice = app_socket(session_cookie(room.interviewer), path)
        for socket in (bob, alice):
            await socket.connect()
            await frames(socket)
        await bob.send_to(text_data=json.dumps(frame, ensure_ascii=False))
        heard = [await until_a_run_is_shown(socket) for socket in (bob, alice)]
        for socket in (bob, alice):
            await socket.disconnect()
        return heard

    heard = run(scenario())

    for answers in heard:
        [state] = [a for a in answers if a["type"] == "state"][-1:]
        last = state["state"]["round"]["runs"]["last"]
        assert (last["output"], last["truncated"], last["who"]) == (output, True, "Bob")
