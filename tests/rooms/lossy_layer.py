"""A channel layer whose inbox is over capacity exactly when a test says so."""

from channels.exceptions import ChannelFull

from core.channel_layers import CountingInMemoryChannelLayer


class OverCapacityForChosenUpdates(CountingInMemoryChannelLayer):
    """The in-memory layer of embedded mode, but a relayed pad update whose number
    (counting from 1, in the order they are relayed) is in `lost` finds its
    receivers' inboxes full, as a busy server's do."""

    lost: set[int] = set()
    relayed = 0

    async def group_send(self, group, message):
        if message.get("type") == "pad.update":
            type(self).relayed += 1
        await super().group_send(group, message)

    async def send(self, channel, message):
        if (
            message.get("type") == "pad.update"
            and message.get("sender") != channel
            and type(self).relayed in type(self).lost
        ):
            raise ChannelFull(channel)
        await super().send(channel, message)
