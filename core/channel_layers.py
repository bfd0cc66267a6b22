"""Channel layers that never drop a message in silence.

channels' in-memory layer (embedded mode) drops a group message to a socket whose
inbox is full without a word; this one logs each drop as a warning and counts it.
The pad's sockets also notice a lost relay themselves (each relayed update names
the row it follows) and have their client resync at once (docs/live-room.md)."""

import asyncio
import logging

from channels.exceptions import ChannelFull
from channels.layers import InMemoryChannelLayer
from channels_redis.pubsub import RedisPubSubChannelLayer

logger = logging.getLogger(__name__)


class CountingInMemoryChannelLayer(InMemoryChannelLayer):
    dropped = 0

    async def group_send(self, group, message):
        assert isinstance(message, dict), "Message is not a dict"
        self.require_valid_group_name(group)
        self._clean_expired()
        channels = list(self.groups.get(group, {}).keys())
        results = await asyncio.gather(
            *(self.send(channel, message) for channel in channels),
            return_exceptions=True,
        )
        for channel, result in zip(channels, results, strict=True):
            if isinstance(result, ChannelFull):
                self.dropped += 1
                logger.warning(
                    "Channel layer over capacity: a %s message to %s was dropped "
                    "(%d dropped so far)",
                    message.get("type"),
                    channel,
                    self.dropped,
                )
            elif isinstance(result, BaseException):
                raise result


async def group_listeners(layer, group: str) -> int | None:
    """How many channel-layer clients (one per process, or per event loop) listen to
    `group` now, for Redis Pub/Sub: the subscribers Redis counts on the group's
    channel. None where the layer cannot tell (the in-memory layer of one process).
    Reads channels-redis 4's group channel name and shard, which are not part of
    its API: tests/rooms/test_pad_publishes_only_what_another_process_hears.py
    fails if they change."""
    if not isinstance(layer, RedisPubSubChannelLayer):
        return None
    here = layer._get_layer()
    channel = here._get_group_channel_name(group)
    shard = here._get_shard(channel)
    shard._ensure_redis()
    [(_, count)] = await shard._redis.pubsub_numsub(channel)
    return count
