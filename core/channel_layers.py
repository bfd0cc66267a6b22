"""Channel layers that never drop a message in silence.

channels' in-memory layer (embedded mode) drops a group message to a socket whose
inbox is full without a word; this one logs each drop as a warning and counts it.
The pad's sockets also notice a lost relay themselves (each relayed update names
the row it follows) and have their client resync at once (docs/live-room.md)."""

import asyncio
import logging

from channels.exceptions import ChannelFull
from channels.layers import InMemoryChannelLayer

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
