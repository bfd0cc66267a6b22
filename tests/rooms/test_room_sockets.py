"""The room's sockets through the real ASGI routing and channel layer: who may hold
them, the clock the interviewer owns, reveals and hints that reach the candidate
only when given, the pad's log, and bad input refused with the room serving on."""

import asyncio
import importlib
import re
from datetime import timedelta

import pytest
from channels.routing import URLRouter
from channels.testing import WebsocketCommunicator
from django.apps import apps as django_apps
from django.db import connections
from django.utils import timezone

from interviews.models import Round, RoundQuestion
from interviews.services.sessions import session_cancel
from rooms.models import PadKind, PadUpdate, RoomEvent
from rooms.routing import websocket_urlpatterns
from rooms.services.pads import pad_text, round_pads_ensure
from tests.factories import UserFactory
from tests.interviews.sessions_support import book
from tests.questions.factories import QuestionFactory
from tests.rooms.asgi_sockets import closes, frames, frames_until, run, texts
from tests.rooms.yclient import SYNC_STEP2, YClient, is_sync_step

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.embedded]

HINTS = ["Sort by start first.", "Merge while you sweep."]


def socket(user, path: str) -> WebsocketCommunicator:
    communicator = WebsocketCommunicator(URLRouter(websocket_urlpatterns), path)
    communicator.scope["user"] = user
    return communicator


def states(outputs) -> list[dict]:
    return [m["state"] for m in texts(outputs) if m["type"] == "state"]


async def until_applied(communicator, client, done, *, within: float = 10.0) -> None:
    """Hand the pad socket's frames to `client` until `done(client)` holds, or
    `within` seconds have passed."""
    deadline = asyncio.get_running_loop().time() + within
    while not done(client) and asyncio.get_running_loop().time() < deadline:
        for output in await frames(communicator, seconds=0.1, first_within=0.5):
            client.handle(output["bytes"])


@pytest.fixture(autouse=True)
def builtin_formats(transactional_db):
    # A transactional test empties every table when it ends, the formats of the
    # data migration too: put them back for each test.
    migration = importlib.import_module("interviews.migrations.0002_builtin_formats")
    migration.add_builtin_formats(django_apps, None)


@pytest.fixture
def room(db):
    """Alice interviews Bob now; she chose a question with two hints."""
    alice = UserFactory(email="alice@example.com", display_name="Alice")
    bob = UserFactory(email="bob@example.com", display_name="Bob")
    session = book(
        host=alice,
        partner=bob,
        host_role="interviewer",
        starts_at=timezone.now() + timedelta(minutes=5),
    )
    round_ = Round.objects.get(session=session, order=0)
    question = QuestionFactory(
        title="Merge the bookings",
        statement="Merge **overlapping** bookings.",
        hints=HINTS,
        solution_outline="Sort, then sweep once.",
    )
    coding = session.format.segments.get(kind="coding")
    chosen = RoundQuestion.objects.create(
        round=round_, segment=coding, position=0, question=question
    )
    return session, round_, chosen, alice, bob


def test_only_the_sessions_people_hold_its_sockets(room):
    session, round_, _, alice, _ = room
    stranger = UserFactory(email="eve@example.com")
    shared = round_pads_ensure(round_=round_)[PadKind.SHARED]

    async def scenario():
        results = {}
        for name, user, path in [
            ("alice room", alice, f"/ws/sessions/{session.pk}/"),
            ("eve room", stranger, f"/ws/sessions/{session.pk}/"),
            ("eve pad", stranger, f"/ws/pads/{shared.pk}"),
        ]:
            communicator = socket(user, path)
            connected, _ = await communicator.connect()
            outputs = await frames(communicator)
            results[name] = (connected, outputs)
            await communicator.disconnect()
        return results

    results = run(scenario())

    assert states(results["alice room"][1])[0]["round"]["role"] == "interviewer"
    for name in ("eve room", "eve pad"):
        outputs = results[name][1]
        assert outputs[-1] == {"type": "websocket.close", "code": 4403}
        assert not any(o.get("bytes") or o.get("text") for o in outputs)


def test_the_candidate_reads_a_question_and_a_hint_only_once_given(room):
    session, round_, chosen, alice, bob = room
    path = f"/ws/sessions/{session.pk}/"

    async def scenario():
        interviewer, candidate = socket(alice, path), socket(bob, path)
        await interviewer.connect()
        await candidate.connect()
        heard = await frames(candidate)
        first = states(await frames(interviewer))[-1]
        await interviewer.send_json_to(
            {"type": "clock", "action": "start", "round": round_.pk, "version": 0}
        )
        heard += await frames(candidate)
        await interviewer.send_json_to({"type": "reveal", "question": chosen.pk})
        heard += await frames(candidate)
        revealed = len(heard)
        await interviewer.send_json_to(
            {"type": "hint", "question": chosen.pk, "number": 1}
        )
        heard += await frames(candidate)
        await interviewer.disconnect()
        await candidate.disconnect()
        return first, heard, revealed

    first, heard, revealed = run(scenario())

    assert first["round"]["questions"][0]["hints"] == HINTS
    every_frame = " ".join(o.get("text", "") for o in heard)
    assert "Sort, then sweep once" not in every_frame  # the outline, never
    assert HINTS[1] not in every_frame  # hint 2, never given
    before = " ".join(o.get("text", "") for o in heard[: revealed - 1])
    assert "Merge the bookings" not in before and HINTS[0] not in before
    last = states(heard)[-1]["round"]
    assert last["questions"][0]["statement_html"] == (
        "<p>Merge <strong>overlapping</strong> bookings.</p>"
    )
    [given] = last["questions"][0]["hints_given"]
    assert (given["number"], given["text"]) == (1, HINTS[0])
    assert re.fullmatch(r"\d+:\d\d", given["at"])  # when, on the round's clock
    assert "hints" not in last["questions"][0]
    assert last["clock"]["running_since"] is not None
    assert list(RoomEvent.objects.values_list("kind", flat=True)) == [
        "start",
        "reveal",
        "hint",
    ]


def test_a_repeated_clock_command_changes_nothing_and_the_candidate_cannot_run_it(
    room,
):
    session, round_, _, alice, bob = room
    path = f"/ws/sessions/{session.pk}/"

    async def scenario():
        interviewer, candidate = socket(alice, path), socket(bob, path)
        await interviewer.connect()
        await candidate.connect()
        start = {"type": "clock", "action": "start", "round": round_.pk, "version": 0}
        await interviewer.send_json_to(start)
        await interviewer.send_json_to(start)  # a double click
        add = {"type": "clock", "action": "add_time", "round": round_.pk}
        await interviewer.send_json_to({**add, "version": 1, "seconds": 300})
        await interviewer.send_json_to({**add, "version": 1, "seconds": 300})
        await frames(interviewer)
        await candidate.send_json_to({**add, "version": 2, "seconds": 600})
        refused = texts(
            await frames_until(
                candidate, lambda got: any(m["type"] == "error" for m in texts(got))
            )
        )
        await interviewer.disconnect()
        await candidate.disconnect()
        return refused

    refused = run(scenario())

    round_.refresh_from_db()
    assert (round_.clock_version, round_.added_seconds) == (2, 300)
    assert {
        "type": "error",
        "message": "Only this round's interviewer runs its clock.",
    } in (refused)
    assert RoomEvent.objects.count() == 2


@pytest.mark.parametrize(
    ("frame", "message"),
    [
        ("not json at all", 'Send a JSON object with a "type".'),
        ("[1, 2]", 'Send a JSON object with a "type".'),
        ('{"type": "teleport"}', "Unknown message type 'teleport'."),
        ('{"type": "hint", "question": "x", "number": 1}', 'Give "question" as a'),
        ("x" * 5000, "Send JSON text frames of at most 4 KiB."),
    ],
)
def test_bad_room_frames_get_an_error_frame_and_the_room_serves_on(
    room, frame, message
):
    session, _, _, alice, _ = room

    async def scenario():
        communicator = socket(alice, f"/ws/sessions/{session.pk}/")
        await communicator.connect()
        await frames(communicator)
        await communicator.send_to(text_data=frame)
        answer = texts(await frames(communicator))
        await communicator.send_json_to({"type": "ping", "sent_at": 1})
        pong = texts(await frames(communicator))
        await communicator.disconnect()
        return answer, pong

    answer, pong = run(scenario())

    assert answer[0]["type"] == "error"
    assert answer[0]["message"].startswith(message)
    assert pong[0]["type"] == "pong" and pong[0]["sent_at"] == 1


def test_the_pad_stores_every_update_before_relaying_it(room):
    _, round_, _, alice, bob = room
    shared = round_pads_ensure(round_=round_)[PadKind.SHARED]
    path = f"/ws/pads/{shared.pk}"

    def both(client) -> bool:
        return "def merge(a):" in client.content and "# Bob was here" in client.content

    async def scenario():
        sockets = [socket(alice, path), socket(bob, path)]
        clients = [YClient(), YClient()]
        for each, client in zip(sockets, clients, strict=True):
            await each.connect()
            await each.send_to(bytes_data=client.hello())
        for each, client in zip(sockets, clients, strict=True):
            for output in await frames(each):
                reply = client.handle(output["bytes"])
                if reply:
                    await each.send_to(bytes_data=reply)
        for message in clients[0].type(0, "def merge(a):\n"):
            await sockets[0].send_to(bytes_data=message)
        for message in clients[1].type(0, "# Bob was here\n"):
            await sockets[1].send_to(bytes_data=message)
        # Until each has the other's typing and its own "saved", which a busy
        # machine sends later than one quiet of `frames`.
        for each, client in zip(sockets, clients, strict=True):
            await until_applied(each, client, lambda c: c.all_saved() and both(c))
        for each in sockets:
            await each.disconnect()
        return clients

    alice_pad, bob_pad = run(scenario())

    assert alice_pad.content == bob_pad.content
    assert {"def merge(a):\n", "# Bob was here\n"} <= {
        alice_pad.content[: len("def merge(a):\n")],
        alice_pad.content[-len("# Bob was here\n") :],
        alice_pad.content[: len("# Bob was here\n")],
        alice_pad.content[-len("def merge(a):\n") :],
    }
    assert pad_text(pad_id=shared.pk) == alice_pad.content
    assert alice_pad.all_saved() and bob_pad.all_saved()
    assert set(PadUpdate.objects.values_list("author__email", flat=True)) == {
        "alice@example.com",
        "bob@example.com",
    }


@pytest.mark.parametrize(
    ("message", "code"),
    [
        (b"\x00\x02\x05garbage", 4400),
        (b"\x00\x07", 4400),
        (b"\x00\x02" + b"\x80\x80\x40" + b"x" * (1024 * 1024), 4413),
    ],
    ids=["garbage update", "unknown sync step", "over the size cap"],
)
def test_bad_pad_messages_close_the_socket_and_leave_the_pad_intact(
    room, message, code
):
    _, round_, _, alice, bob = room
    shared = round_pads_ensure(round_=round_)[PadKind.SHARED]
    path = f"/ws/pads/{shared.pk}"

    async def scenario():
        good, bad = socket(bob, path), socket(alice, path)
        client = YClient()
        await good.connect()
        await good.send_to(bytes_data=client.hello())
        for output in await frames(good):
            client.handle(output["bytes"])
        for update in client.type(0, "kept"):
            await good.send_to(bytes_data=update)
        await bad.connect()
        await frames(bad)
        await bad.send_to(bytes_data=message)
        closed = (await frames(bad))[-1]
        for update in client.type(4, " and more"):
            await good.send_to(bytes_data=update)
        await frames(good)
        await good.disconnect()
        return closed

    closed = run(scenario())

    assert closed == {"type": "websocket.close", "code": code}
    assert pad_text(pad_id=shared.pk) == "kept and more"


def test_the_notes_pad_is_the_interviewers_alone(room):
    _, round_, _, alice, bob = room
    notes = round_pads_ensure(round_=round_)[PadKind.NOTES]

    async def scenario():
        outcome = {}
        for user in (alice, bob):
            communicator = socket(user, f"/ws/pads/{notes.pk}")
            await communicator.connect()
            outcome[user.display_name] = (await frames(communicator))[-1]
            await communicator.disconnect()
        return outcome

    outcome = run(scenario())

    assert is_sync_step(outcome["Alice"]["bytes"], 0)
    assert outcome["Bob"] == {"type": "websocket.close", "code": 4403}


def test_logging_out_closes_the_persons_sockets(room, client):
    session, round_, _, alice, _ = room
    shared = round_pads_ensure(round_=round_)[PadKind.SHARED]
    client.force_login(alice)

    async def scenario():
        room_socket = socket(alice, f"/ws/sessions/{session.pk}/")
        pad_socket = socket(alice, f"/ws/pads/{shared.pk}")
        await room_socket.connect()
        await pad_socket.connect()
        await frames(room_socket)
        await frames(pad_socket)

        def log_out():
            client.post("/accounts/logout/")
            connections.close_all()

        await asyncio.get_running_loop().run_in_executor(None, log_out)
        # What the room said on joining may still be arriving: read to the close.
        return (
            (await frames_until(room_socket, closes))[-1],
            (await frames_until(pad_socket, closes))[-1],
        )

    closed_room, closed_pad = run(scenario())

    assert closed_room == {"type": "websocket.close", "code": 4401}
    assert closed_pad == {"type": "websocket.close", "code": 4401}


def test_a_sync_step_one_is_answered_from_the_database(room):
    _, round_, _, alice, _ = room
    shared = round_pads_ensure(round_=round_)[PadKind.SHARED]
    writer = YClient()
    writer.type(0, "stored before anyone connected")
    from rooms.services.pads import pad_update_append

    for message in [writer.doc.get_update()]:
        pad_update_append(pad_id=shared.pk, data=message, author_id=alice.pk)

    async def scenario():
        communicator = socket(alice, f"/ws/pads/{shared.pk}")
        reader = YClient()
        await communicator.connect()
        await communicator.send_to(bytes_data=reader.hello())
        for output in await frames(communicator):
            reader.handle(output["bytes"])
        await communicator.disconnect()
        return reader

    reader = run(scenario())

    assert reader.content == "stored before anyone connected"
    assert SYNC_STEP2 == 1


def test_commands_about_another_sessions_questions_and_pads_are_refused(room):
    session, _, _, alice, bob = room
    carol = UserFactory(email="carol@example.com", display_name="Carol")
    other = book(
        host=carol,
        partner=bob,
        host_role="interviewer",
        starts_at=timezone.now() + timedelta(minutes=50),
    )
    theirs = RoundQuestion.objects.create(
        round=other.rounds.get(),
        segment=other.format.segments.get(kind="coding"),
        position=0,
        question=QuestionFactory(title="Carol's secret", hints=["Carol's hint"]),
    )
    their_pad = round_pads_ensure(round_=other.rounds.get(order=0))[PadKind.SHARED]

    async def scenario():
        communicator = socket(alice, f"/ws/sessions/{session.pk}/")
        await communicator.connect()
        await frames(communicator)
        for command in (
            {"type": "reveal", "question": theirs.pk},
            {"type": "hint", "question": theirs.pk, "number": 1},
            {"type": "language", "pad": str(their_pad.pk), "language": "python"},
        ):
            await communicator.send_json_to(command)
        answers = texts(await frames(communicator))
        await communicator.disconnect()
        return answers

    answers = run(scenario())

    assert [a["message"] for a in answers if a["type"] == "error"] == [
        "There is no such question in this session.",
        "Only the round's interviewer gives its hints.",
        "There is no such pad.",
    ]
    theirs.refresh_from_db()
    their_pad.refresh_from_db()
    assert theirs.revealed_at is None and not theirs.given_hints.exists()
    assert their_pad.language == "plain"
    assert "Carol" not in str(answers)


def test_the_candidate_cannot_reveal_or_give_hints(room):
    session, _, chosen, _, bob = room

    async def scenario():
        communicator = socket(bob, f"/ws/sessions/{session.pk}/")
        await communicator.connect()
        await frames(communicator)
        await communicator.send_json_to({"type": "reveal", "question": chosen.pk})
        await communicator.send_json_to(
            {"type": "hint", "question": chosen.pk, "number": 1}
        )
        answers = texts(await frames(communicator))
        await communicator.disconnect()
        return answers

    answers = run(scenario())

    assert [a["message"] for a in answers] == [
        "Only the round's interviewer reveals its questions.",
        "Only the round's interviewer gives its hints.",
    ]
    chosen.refresh_from_db()
    assert chosen.revealed_at is None


def test_a_cancelled_session_closes_its_sockets(room):
    session, round_, _, alice, bob = room
    shared = round_pads_ensure(round_=round_)[PadKind.SHARED]

    async def scenario():
        room_socket = socket(bob, f"/ws/sessions/{session.pk}/")
        pad_socket = socket(bob, f"/ws/pads/{shared.pk}")
        await room_socket.connect()
        await pad_socket.connect()
        await frames(room_socket)
        await frames(pad_socket)

        def cancel():
            session_cancel(session=session, by=alice, reason="Something came up")
            connections.close_all()

        await asyncio.get_running_loop().run_in_executor(None, cancel)
        return (await frames(room_socket))[-1], (await frames(pad_socket))[-1]

    closed_room, closed_pad = run(scenario())

    assert closed_room == {"type": "websocket.close", "code": 4403}
    assert closed_pad == {"type": "websocket.close", "code": 4403}
