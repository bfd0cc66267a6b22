"""The production channel layer publishes what piles up while a round trip is on its
way in one pipeline, instead of one message per round trip behind a lock: every
message still arrives, in the order it was sent, and a publish that cannot reach
Redis fails at once for its caller instead of waiting forever."""

import asyncio
import uuid

import pytest
from django.conf import settings
from redis.asyncio.client import Pipeline
from redis.exceptions import ConnectionError as RedisConnectionError

from core.channel_layers import PipelinedRedisPubSubChannelLayer
from tests.rooms.asgi_sockets import run


def layer_on(address: str, prefix: str) -> PipelinedRedisPubSubChannelLayer:
    return PipelinedRedisPubSubChannelLayer(
        hosts=[{"address": address, "socket_timeout": None}], prefix=prefix
    )


def test_a_burst_arrives_whole_and_in_order_in_few_round_trips(monkeypatch):
    executed = []
    original = Pipeline.execute

    async def counted(self, *args, **kwargs):
        executed.append(len(self.command_stack))
        return await original(self, *args, **kwargs)

    monkeypatch.setattr(Pipeline, "execute", counted)
    prefix = f"test-{uuid.uuid4().hex}"

    async def scenario():
        sender = layer_on(settings.REDIS_URL, prefix)
        listener = layer_on(settings.REDIS_URL, prefix)
        channel = await listener.new_channel()
        await listener.group_add("pad", channel)
        # Sent all at once, as a busy process's relays are.
        await asyncio.gather(
            *(sender.group_send("pad", {"type": "n", "n": n}) for n in range(300))
        )
        received = [
            (await asyncio.wait_for(listener.receive(channel), 5))["n"]
            for _ in range(300)
        ]
        await sender.flush()
        await listener.flush()
        return received

    assert run(scenario()) == list(range(300))
    assert sum(executed) == 300
    assert len(executed) < 30


def test_a_publish_to_an_unreachable_redis_fails_for_its_caller():
    async def scenario():
        layer = layer_on("redis://127.0.0.1:1/0", "unreachable")
        with pytest.raises(RedisConnectionError):
            await asyncio.wait_for(layer.group_send("pad", {"type": "n"}), 10)
        # And the next one tries again rather than waiting behind the first.
        with pytest.raises(RedisConnectionError):
            await asyncio.wait_for(layer.group_send("pad", {"type": "n"}), 10)

    run(scenario())
