"""Every room command goes through one schema: whatever a participant sends, the
room socket answers a bad command with an error frame a person can read and goes
on serving; nothing ends it with a server error. The notes pad is its
interviewer's alone, language included; a burst of commands is slowed."""

import json

import pytest
from django.test import override_settings
from hypothesis import given, settings
from hypothesis import strategies as st

from rooms.commands import SCHEMAS, CommandRefused, command_parse
from rooms.models import Pad
from tests.rooms.asgi_sockets import (
    app_socket,
    closes,
    frames,
    run,
    session_cookie,
    texts,
)
from tests.rooms.room_support import room_now

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=False)
    | st.text(max_size=60),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=10,
)
commands = st.fixed_dictionaries(
    {"type": st.sampled_from(sorted(SCHEMAS)) | st.text(max_size=10)},
    optional={
        name: json_values
        for name in {"round", "action", "version", "seconds", "question", "number"}
        | {"pad", "language", "sent_at", "extra"}
    },
)


@settings(max_examples=400, deadline=None)
@given(command=commands)
def test_any_json_command_parses_or_is_refused_with_a_message(command):
    try:
        parsed = command_parse(json.dumps(command))
    except CommandRefused as refused:
        assert refused.message and len(refused.message) < 200
        return
    assert parsed.type in SCHEMAS
    assert set(parsed.fields) == set(SCHEMAS[parsed.type])


@settings(max_examples=500, deadline=None)
@given(frame=st.text(max_size=5000) | st.binary(max_size=100).map(repr))
def test_any_text_frame_parses_or_is_refused_with_a_message(frame):
    try:
        command_parse(frame)
    except CommandRefused as refused:
        assert refused.message


@pytest.mark.embedded
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("frame", "message"),
    [
        ("[" * 1000 + "]" * 1000, "That JSON is nested too deeply."),
        (
            '{"type": "language", "pad": "not-a-uuid", "language": "python"}',
            'Give "pad" as the id the room sent you.',
        ),
        (
            '{"type": "clock", "action": "start", "round": 1e400, "version": 0}',
            'Give "round" as a whole number.',
        ),
        (
            '{"type": "hint", "question": 99999999999999999999999, "number": 1}',
            'Give "question" as a whole number from 1 to 9007199254740991.',
        ),
        ('{"type": "reveal", "question": 1, "admin": true}', 'A "reveal" command'),
        ('{"type": "clock", "action": {"$gt": ""}, "round": 1, "version": 0}', "Give"),
    ],
    ids=["deep nesting", "pad id", "huge float", "huge int", "extra field", "object"],
)
def test_bad_commands_get_an_error_frame_and_the_room_serves_on(frame, message):
    room = room_now()
    cookie = session_cookie(room.interviewer)
    path = f"/ws/sessions/{room.session.pk}/"

    async def scenario():
        socket = app_socket(cookie, path)
        await socket.connect()
        await frames(socket)
        await socket.send_to(text_data=frame)
        answer = await frames(socket)
        await socket.send_json_to({"type": "ping", "sent_at": 1})
        pong = texts(await frames(socket))
        await socket.disconnect()
        return answer, pong

    answer, pong = run(scenario())

    assert closes(answer) == []
    # The room's own frames after joining (who is here, its state) may come late
    # on a busy machine, after the quiet that ended the read of the first ones.
    [error] = [frame for frame in texts(answer) if frame["type"] == "error"]
    assert error["type"] == "error" and error["message"].startswith(message)
    assert [frame["sent_at"] for frame in pong if frame["type"] == "pong"] == [1]


@pytest.mark.embedded
@pytest.mark.django_db(transaction=True)
def test_the_candidate_cannot_change_the_notes_pads_language():
    room = room_now()
    notes, shared = room.notes, room.shared
    cookie = session_cookie(room.candidate)

    async def scenario():
        socket = app_socket(cookie, f"/ws/sessions/{room.session.pk}/")
        await socket.connect()
        await frames(socket)
        for pad in (notes, shared):
            await socket.send_json_to(
                {"type": "language", "pad": str(pad.pk), "language": "python"}
            )
        answers = texts(await frames(socket))
        await socket.disconnect()
        return answers

    answers = run(scenario())

    assert [a["message"] for a in answers if a["type"] == "error"] == [
        "There is no such pad."
    ]
    assert Pad.objects.get(pk=notes.pk).language == "plain"
    assert Pad.objects.get(pk=shared.pk).language == "python"


@pytest.mark.embedded
@pytest.mark.django_db(transaction=True)
@override_settings(ROOM_COMMANDS_PER_SECOND=5, ROOM_COMMANDS_BURST=5)
def test_a_burst_of_commands_is_slowed_and_each_still_answered():
    room = room_now()
    cookie = session_cookie(room.candidate)

    async def scenario():
        socket = app_socket(cookie, f"/ws/sessions/{room.session.pk}/")
        await socket.connect()
        await frames(socket)
        for number in range(12):
            await socket.send_json_to({"type": "ping", "sent_at": number})
        answers = texts(await frames(socket, seconds=2))
        await socket.disconnect()
        return answers

    answers = run(scenario())

    assert [a["message"] for a in answers if a["type"] == "error"] == [
        "Slow down: too many commands at once."
    ]
    assert [a["sent_at"] for a in answers if a["type"] == "pong"] == list(range(12))
