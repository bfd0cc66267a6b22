"""Channel layers that never drop a message in silence.

channels' in-memory layer (embedded mode) drops a group message to a socket whose
inbox is full without a word; this one logs each drop as a warning and counts it.
The pad's sockets also notice a lost relay themselves (each relayed update names
the row it follows) and have their client resync at once (docs/live-room.md)."""

import asyncio
import logging

from channels.exceptions import ChannelFull
from channels.layers import InMemoryChannelLayer
from channels_redis.pubsub import (
    RedisPubSubChannelLayer,
    RedisPubSubLoopLayer,
    RedisSingleShardConnection,
)
from channels_redis.utils import _wrap_close, decode_hosts

logger = logging.getLogger(__name__)

# The most messages one pipeline carries: bounds what one failure loses.
MOST_PER_PIPELINE = 500


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


class PipelinedShardConnection(RedisSingleShardConnection):
    """Publishes in pipelines: channels-redis publishes one message per round trip
    behind a lock, so a process that relays many pads' keystrokes queues them one
    behind another. Here every publish that arrives while a pipeline is on its way
    goes in the next one, and each caller still waits for its own message to be
    sent (docs/live-room.md, "Publish in pipelines")."""

    def __init__(self, host, channel_layer):
        super().__init__(host, channel_layer)
        self._outbox: list[tuple[str, bytes, asyncio.Future]] = []
        self._sending: asyncio.Task | None = None

    async def publish(self, channel, message):
        self._ensure_redis()
        sent = asyncio.get_running_loop().create_future()
        self._outbox.append((channel, message, sent))
        if self._sending is None or self._sending.done():
            self._sending = asyncio.ensure_future(self._send_outbox())
        await sent

    async def _send_outbox(self):
        while self._outbox:
            batch, self._outbox = (
                self._outbox[:MOST_PER_PIPELINE],
                self._outbox[MOST_PER_PIPELINE:],
            )
            try:
                pipeline = self._redis.pipeline(transaction=False)
                for channel, message, _ in batch:
                    pipeline.publish(channel, message)
                await pipeline.execute()
            except Exception as error:
                for _, _, sent in batch:
                    if not sent.done():
                        sent.set_exception(error)
            else:
                for _, _, sent in batch:
                    if not sent.done():
                        sent.set_result(None)

    async def flush(self):
        await super().flush()
        # A flushed layer starts like new; what was queued goes to a new connection.
        self._sending = None


class PipelinedRedisPubSubLoopLayer(RedisPubSubLoopLayer):
    def __init__(self, *args, hosts=None, **kwargs):
        super().__init__(*args, hosts=hosts, **kwargs)
        self._shards = [
            PipelinedShardConnection(host, self) for host in decode_hosts(hosts)
        ]


class PipelinedRedisPubSubChannelLayer(RedisPubSubChannelLayer):
    """channels-redis's Pub/Sub layer, publishing in pipelines
    (PipelinedShardConnection)."""

    def _get_layer(self):
        loop = asyncio.get_running_loop()
        layer = self._layers.get(loop)
        if layer is None:
            layer = self._layers[loop] = PipelinedRedisPubSubLoopLayer(
                *self._args, **self._kwargs, channel_layer=self
            )
            _wrap_close(self, loop)
        return layer
