"""Any number of web processes serve one room through channels-redis: two separate
servers on one Redis, the interviewer on one and the candidate on the other, see
each other's typing and the room's changes; and a Redis restart mid-round loses
nothing: the pad's log is in PostgreSQL, the clients reconnect and converge."""

import asyncio
import importlib
from datetime import timedelta

import pytest
from django.apps import apps as django_apps
from django.conf import settings
from django.test import Client
from django.utils import timezone

from interviews.models import RoundQuestion
from rooms.models import PadKind
from rooms.services.pads import pad_text, round_pads_ensure
from tests.factories import UserFactory
from tests.interviews.sessions_support import book
from tests.questions.factories import QuestionFactory
from tests.rooms.asgi_sockets import run
from tests.rooms.room_clients import PadPeer, RoomPeer
from tests.server_process import RedisServer, ServerProcess

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def builtin_formats(transactional_db):
    migration = importlib.import_module("interviews.migrations.0002_builtin_formats")
    migration.add_builtin_formats(django_apps, None)


def cookie_of(user) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


@pytest.fixture
def mock():
    alice = UserFactory(email="alice@example.com", display_name="Alice")
    bob = UserFactory(email="bob@example.com", display_name="Bob")
    session = book(
        host=alice,
        partner=bob,
        host_role="interviewer",
        starts_at=timezone.now() + timedelta(minutes=2),
    )
    chosen = RoundQuestion.objects.create(
        round=session.rounds.get(),
        segment=session.format.segments.get(kind="coding"),
        position=0,
        question=QuestionFactory(title="Merge the bookings", hints=["Sort first."]),
    )
    shared = round_pads_ensure(round_=session.rounds.get(order=0))[PadKind.SHARED]
    return session, chosen, shared, cookie_of(alice), cookie_of(bob)


@pytest.fixture
def two_servers(tmp_path):
    first = ServerProcess(tmp_path, redis_url=settings.REDIS_URL).start()
    second = ServerProcess(tmp_path, redis_url=settings.REDIS_URL).start()
    yield first, second
    first.stop()
    second.stop()


def test_two_processes_serve_one_room_through_redis(mock, two_servers):
    session, chosen, shared, alice_cookie, bob_cookie = mock
    first, second = two_servers

    async def scenario():
        alice_room = await RoomPeer(first.url, session.pk, alice_cookie).open()
        bob_room = await RoomPeer(second.url, session.pk, bob_cookie).open()
        alice_pad = await PadPeer(first.url, str(shared.pk), alice_cookie).open()
        bob_pad = await PadPeer(second.url, str(shared.pk), bob_cookie).open()
        await alice_room.wait_for(lambda: alice_room.state is not None)
        await alice_room.send({"type": "reveal", "question": chosen.pk})
        revealed = await bob_room.wait_for(
            lambda: bob_room.state and bob_room.state["round"]["questions"]
        )
        await alice_pad.type("alice on server one\n")
        await bob_pad.type("bob on server two\n")
        both = "alice on server one", "bob on server two"
        converged = [
            await peer.wait_for(lambda p=peer: all(t in p.client.content for t in both))
            for peer in (alice_pad, bob_pad)
        ]
        texts = alice_pad.client.content, bob_pad.client.content
        for peer in (alice_room, bob_room, alice_pad, bob_pad):
            await peer.close()
        return revealed, converged, texts

    revealed, converged, texts = run(scenario())

    assert revealed
    assert converged == [True, True]
    assert texts[0] == texts[1]
    assert pad_text(pad_id=shared.pk) == texts[0]


def test_a_redis_restart_mid_round_loses_nothing(mock, tmp_path):
    session, _, shared, alice_cookie, bob_cookie = mock
    private = RedisServer(tmp_path).start()
    first = ServerProcess(tmp_path, redis_url=private.url).start()
    second = ServerProcess(tmp_path, redis_url=private.url).start()

    async def scenario():
        alice = await PadPeer(first.url, str(shared.pk), alice_cookie).open()
        bob = await PadPeer(second.url, str(shared.pk), bob_cookie).open()
        await alice.type("before the restart\n")
        await bob.wait_for(lambda: "before the restart" in bob.client.content)
        private.stop()
        private.start()
        # The sockets whose relay died are closed by the servers; clients come back
        # (as y-websocket does) with what they have, and sync from the database.
        for peer in (alice, bob):
            await peer.close()
        alice2 = await reopen(alice)
        bob2 = await reopen(bob)
        await alice2.type("alice after the restart\n")
        await bob2.type("bob after the restart\n")
        # No line is part of another: each found is that peer's own.
        lines = "before the restart", "alice after the restart", "bob after the restart"
        converged = [
            await peer.wait_for(
                lambda p=peer: all(t in p.client.content for t in lines)
            )
            for peer in (alice2, bob2)
        ]
        texts = alice2.client.content, bob2.client.content
        for peer in (alice2, bob2):
            await peer.close()
        return converged, texts

    async def reopen(peer):
        fresh = PadPeer(peer.server_url, str(shared.pk), peer.cookie)
        fresh.client = peer.client  # the same document, as a browser keeps it
        for _ in range(50):
            try:
                return await fresh.open()
            except OSError:
                await asyncio.sleep(0.2)
        return await fresh.open()

    try:
        converged, texts = run(scenario())
    finally:
        first.stop()
        second.stop()
        private.stop()

    assert converged == [True, True]
    assert texts[0] == texts[1] == pad_text(pad_id=shared.pk)
