"""A pad whose sockets all live in one server process relays between them
directly and publishes nothing to Redis; once a socket of the pad joins in
another process, every keystroke from then on goes through Redis to it (the old
process was told), the newcomer's reach the others (it asked Redis who listens),
and what was typed before is in the pad it loads."""

import asyncio
import time

import pytest
import redis

from rooms.services.pads import pad_text
from tests.rooms.asgi_sockets import run, session_cookie
from tests.rooms.room_clients import PadPeer
from tests.rooms.room_support import room_now
from tests.server_process import RedisServer, ServerProcess

pytestmark = pytest.mark.django_db(transaction=True)


def publishes(url: str) -> int:
    """PUBLISH commands this Redis has run: it serves this test only."""
    stats = redis.Redis.from_url(url).info("commandstats")
    return stats.get("cmdstat_publish", {}).get("calls", 0)


@pytest.fixture
def private_redis(tmp_path):
    server = RedisServer(tmp_path).start()
    yield server
    server.stop()


def test_a_pad_held_in_one_process_publishes_only_once_another_joins(
    private_redis, tmp_path
):
    room = room_now()
    pad = str(room.shared.pk)
    alice, bob = session_cookie(room.interviewer), session_cookie(room.candidate)
    first = ServerProcess(tmp_path, redis_url=private_redis.url).start()
    second = ServerProcess(tmp_path, redis_url=private_redis.url).start()

    async def scenario():
        typist = await PadPeer(first.url, pad, alice).open()
        watcher = await PadPeer(first.url, pad, bob).open()
        # Past what joining publishes: each socket's word that it joined, and its
        # catch-up a second later (a message to itself, through the layer).
        await asyncio.sleep(2)
        before = publishes(private_redis.url)
        await typist.type("all in one process\n")
        alone = await watcher.wait_for(
            lambda: "all in one process" in watcher.client.content
        )
        published_alone = publishes(private_redis.url) - before

        elsewhere = await PadPeer(second.url, pad, bob).open()
        loaded = await elsewhere.wait_for(
            lambda: "all in one process" in elsewhere.client.content
        )
        # Past the catch-up a socket sends a second after joining: what comes
        # now comes through Redis or not at all (the next resync is 15 s away).
        await asyncio.sleep(2)
        before = publishes(private_redis.url)
        started = time.monotonic()
        await typist.type("heard in the other\n")
        heard = await elsewhere.wait_for(
            lambda: "heard in the other" in elsewhere.client.content, timeout=5
        )
        took = time.monotonic() - started
        published_shared = publishes(private_redis.url) - before
        await elsewhere.type("typed in the other\n")
        answered = await typist.wait_for(
            lambda: "typed in the other" in typist.client.content, timeout=5
        ) and await watcher.wait_for(
            lambda: "typed in the other" in watcher.client.content, timeout=5
        )
        # Everything stored before the copies are compared.
        for peer in (typist, watcher, elsewhere):
            await peer.wait_for(peer.client.all_saved)
        texts = [peer.client.content for peer in (typist, watcher, elsewhere)]
        for peer in (typist, watcher, elsewhere):
            await peer.close()
        return (
            alone,
            published_alone,
            loaded,
            heard,
            took,
            published_shared,
            answered,
            texts,
        )

    try:
        found = run(scenario())
    finally:
        first.stop()
        second.stop()

    alone, published_alone, loaded, heard, took, published_shared, answered, texts = (
        found
    )
    assert alone and published_alone == 0
    assert loaded and heard and took < 5
    assert published_shared >= 1
    assert answered
    assert texts[0] == texts[1] == texts[2] == pad_text(pad_id=room.shared.pk)
