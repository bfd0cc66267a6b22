"""The live room's sockets, thin adapters over services and selectors.

RoomConsumer (/ws/sessions/<id>/) speaks JSON: it sends the person's whole view of
the room on connect and after every change, relays presence, answers clock pings,
and turns commands into service calls. PadConsumer (/ws/pads/<uuid>) speaks the
y-websocket protocol for one Yjs document; it keeps no state the database does not
have: every update is stored before it is relayed (LIVE-ROOM.md).

Anyone who may not be there is accepted, then closed with 4403 (y-websocket stops
retrying on 44xx; a refused handshake makes it retry for ever).
"""

import asyncio
import json
import logging

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from pycrdt import (
    Decoder,
    Doc,
    YMessageType,
    YSyncMessageType,
    create_awareness_message,
    create_sync_message,
    create_update_message,
    handle_sync_message,
    read_message,
    write_var_uint,
)

from config.errors import ApplicationError
from interviews import events
from interviews.selectors.room import pad_for_socket, room_view_for
from interviews.services.pads import (
    MAX_UPDATE_BYTES,
    pad_document,
    pad_snapshot_if_due,
    pad_update_append,
    update_check,
)
from interviews.services.room import (
    pad_language_choose,
    round_clock_command,
    round_question_hint_give,
    session_swap,
)
from interviews.services.rounds import round_question_reveal_by_id

logger = logging.getLogger(__name__)

MAX_ROOM_FRAME = 4096
# A custom y-websocket message: the stored state vector, so the page can tell what
# of its own edits the server has stored ("all changes saved").
MESSAGE_SAVED = 100
SAVED_DEBOUNCE_SECONDS = 0.2
SNAPSHOT_CHECK_EVERY = 100


def _dumps(data: dict) -> str:
    return json.dumps(data, cls=DjangoJSONEncoder)


class RoomConsumer(AsyncWebsocketConsumer):
    async def connect(self):
        self.user = self.scope["user"]
        self.session_id = int(self.scope["url_route"]["kwargs"]["session_id"])
        self.groups_joined = []
        await self.accept()
        view = await database_sync_to_async(room_view_for)(
            user=self.user, session_id=self.session_id
        )
        if view is None:
            logger.info("Room %s refused to user %s", self.session_id, self.user.pk)
            await self.close(code=events.CLOSE_NOT_ALLOWED)
            return
        self.groups_joined = [
            events.session_group(self.session_id),
            events.user_group(self.user.pk),
        ]
        await self._join()
        await self.send(_dumps({"type": "state", "state": view}))
        await self._presence("here")

    async def _join(self):
        for group in self.groups_joined:
            await self.channel_layer.group_add(group, self.channel_name)

    async def disconnect(self, code):
        if self.groups_joined:
            await self._presence("left")
        for group in self.groups_joined:
            await self.channel_layer.group_discard(group, self.channel_name)

    async def receive(self, text_data=None, bytes_data=None):
        if text_data is None or len(text_data) > MAX_ROOM_FRAME:
            await self._refuse("Send JSON text frames of at most 4 KiB.")
            return
        try:
            message = json.loads(text_data)
            kind = message["type"]
        except (ValueError, TypeError, KeyError):
            await self._refuse('Send a JSON object with a "type".')
            return
        handler = COMMANDS.get(kind) if isinstance(kind, str) else None
        if handler is None:
            await self._refuse(f"Unknown message type {kind!r}."[:200])
            return
        try:
            await handler(self, message)
        except (TypeError, ValueError):
            await self._refuse("That command is missing a field, or has a wrong one.")

    # Commands ----------------------------------------------------------------------
    async def _ping(self, message):
        await self.send(
            _dumps(
                {
                    "type": "pong",
                    "sent_at": message.get("sent_at"),
                    "server_time": timezone.now().timestamp() * 1000,
                }
            )
        )

    async def _presence_beat(self, message):
        # Group memberships live in Redis: after it restarts they are gone, and the
        # heartbeat puts this socket back (adding it again changes nothing).
        await self._join()
        await self._presence("here")

    async def _refresh(self, message):
        """The page asks for its whole view again (after a gap it may have missed
        a change)."""
        await self.room_changed({})

    async def _run(self, service, **kwargs):
        try:
            await database_sync_to_async(service)(by=self.user, **kwargs)
        except ApplicationError as error:
            await self._refuse(error.message)

    async def _clock(self, message):
        seconds = message.get("seconds")
        await self._run(
            round_clock_command,
            round_id=_int(message.get("round")),
            action=str(message.get("action", "")),
            version=_int(message.get("version")),
            seconds=_int(seconds) if seconds is not None else None,
        )

    async def _reveal(self, message):
        await self._run(
            round_question_reveal_by_id,
            session_id=self.session_id,
            round_question_id=_int(message.get("question")),
        )

    async def _hint(self, message):
        await self._run(
            round_question_hint_give,
            round_question_id=_int(message.get("question")),
            number=_int(message.get("number")),
        )

    async def _swap(self, message):
        await self._run(session_swap, session_id=self.session_id)

    async def _language(self, message):
        await self._run(
            pad_language_choose,
            pad_id=str(message.get("pad", "")),
            language=str(message.get("language", "")),
        )

    # Group events ------------------------------------------------------------------
    async def room_changed(self, event):
        view = await database_sync_to_async(room_view_for)(
            user=self.user, session_id=self.session_id
        )
        if view is None:
            await self.close(code=events.CLOSE_NOT_ALLOWED)
            return
        await self.send(_dumps({"type": "state", "state": view}))

    async def room_presence(self, event):
        await self.send(_dumps({"type": "presence", **event["presence"]}))

    async def socket_close(self, event):
        await self.close(code=event["code"])

    async def _presence(self, status: str):
        await self.channel_layer.group_send(
            events.session_group(self.session_id),
            {
                "type": "room.presence",
                "presence": {
                    "user": self.user.pk,
                    "status": status,
                    "at": timezone.now().timestamp() * 1000,
                },
            },
        )

    async def _refuse(self, message: str):
        logger.info("Room %s, user %s: %s", self.session_id, self.user.pk, message)
        await self.send(_dumps({"type": "error", "message": message}))


def _int(value) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError("not a whole number")
    return value


COMMANDS = {
    "ping": RoomConsumer._ping,
    "presence": RoomConsumer._presence_beat,
    "refresh": RoomConsumer._refresh,
    "clock": RoomConsumer._clock,
    "reveal": RoomConsumer._reveal,
    "hint": RoomConsumer._hint,
    "swap": RoomConsumer._swap,
    "language": RoomConsumer._language,
}


class PadConsumer(AsyncWebsocketConsumer):
    """One Yjs document over the y-websocket protocol: sync step 1 and 2, updates
    and awareness. Updates are checked and stored before they are relayed; the
    document kept here only answers the client and is reloaded from the database
    whenever the client asks to sync."""

    async def connect(self):
        self.user = self.scope["user"]
        self.groups_joined = []
        self.awareness_clients: dict[int, int] = {}
        self.saved_task = None
        self.saved_pending = False
        self.appended = 0
        self.pad = None
        await self.accept()
        self.pad = await database_sync_to_async(pad_for_socket)(
            user=self.user, pad_id=self.scope["url_route"]["kwargs"]["pad_id"]
        )
        if self.pad is None:
            logger.info("Pad refused to user %s", self.user.pk)
            await self.close(code=events.CLOSE_NOT_ALLOWED)
            return
        self.groups_joined = [
            events.pad_group(self.pad.pk),
            events.session_group(self.pad.round.session_id),
            events.user_group(self.user.pk),
        ]
        await self._join()
        self.doc = await self._stored()
        await self.send(bytes_data=create_sync_message(self.doc))

    async def disconnect(self, code):
        if self.awareness_clients and self.groups_joined:
            # Remove this connection's cursors at once, not after 30 s.
            await self.channel_layer.group_send(
                events.pad_group(self.pad.pk),
                {"type": "pad.awareness", "data": self._awareness_removal()},
            )
        for group in self.groups_joined:
            await self.channel_layer.group_discard(group, self.channel_name)
        if self.saved_task is not None:
            self.saved_task.cancel()

    async def receive(self, text_data=None, bytes_data=None):
        if self.pad is None:
            return
        if bytes_data is None:
            await self._reject("The pad speaks y-websocket's binary protocol.")
            return
        if len(bytes_data) > MAX_UPDATE_BYTES + 64:
            await self._reject("That message is too large.", code=events.CLOSE_TOO_BIG)
            return
        try:
            kind = bytes_data[0]
            if kind == YMessageType.SYNC:
                await self._sync_message(bytes_data[1:])
            elif kind == YMessageType.AWARENESS:
                await self._awareness(bytes_data)
            # Anything else (an awareness query, an auth message) needs no answer.
        except ApplicationError as error:
            await self._reject(error.message)
        except (IndexError, ValueError, RuntimeError, AssertionError):
            await self._reject("That message does not follow the y-websocket protocol.")

    async def _sync_message(self, message: bytes):
        step = message[0]
        if step == YSyncMessageType.SYNC_STEP1:
            # The client says what it has (at connect, and every resync interval):
            # answer from the database, the truth, and rejoin the groups in case
            # Redis restarted and forgot them.
            await self._join()
            self.doc = await self._stored()
            reply = handle_sync_message(message, self.doc)
            await self.send(bytes_data=reply)
            self._saved_soon()
            return
        if step not in (YSyncMessageType.SYNC_STEP2, YSyncMessageType.SYNC_UPDATE):
            raise ApplicationError("Unknown sync message.")
        update = read_message(message[1:])
        if update == b"\x00\x00":
            return
        update_check(update)
        await database_sync_to_async(pad_update_append)(
            pad_id=self.pad.pk, data=update, author_id=self.user.pk
        )
        self.doc.apply_update(update)
        await self.channel_layer.group_send(
            events.pad_group(self.pad.pk),
            {"type": "pad.update", "data": update, "sender": self.channel_name},
        )
        self._saved_soon()
        self.appended += 1
        if self.appended % SNAPSHOT_CHECK_EVERY == 0:
            await database_sync_to_async(pad_snapshot_if_due)(pad_id=self.pad.pk)

    async def _awareness(self, message: bytes):
        self._remember_awareness(read_message(message[1:]))
        # To everyone, the sender too: y-websocket takes the echo as a keep-alive.
        await self.channel_layer.group_send(
            events.pad_group(self.pad.pk), {"type": "pad.awareness", "data": message}
        )

    # Group events ------------------------------------------------------------------
    async def pad_update(self, event):
        if event["sender"] == self.channel_name:
            return
        self.doc.apply_update(event["data"])
        await self.send(bytes_data=create_update_message(event["data"]))

    async def pad_awareness(self, event):
        await self.send(bytes_data=event["data"])

    async def room_changed(self, event):
        # A cancelled session, or one left, closes its pads too.
        allowed = await database_sync_to_async(pad_for_socket)(
            user=self.user, pad_id=self.pad.pk
        )
        if allowed is None:
            await self.close(code=events.CLOSE_NOT_ALLOWED)

    async def room_presence(self, event):
        pass

    async def socket_close(self, event):
        await self.close(code=event["code"])

    # Helpers -----------------------------------------------------------------------
    async def _join(self):
        for group in self.groups_joined:
            await self.channel_layer.group_add(group, self.channel_name)

    async def _stored(self) -> Doc:
        return await database_sync_to_async(pad_document)(pad_id=self.pad.pk)

    def _saved_soon(self):
        self.saved_pending = True
        if self.saved_task is None or self.saved_task.done():
            self.saved_task = asyncio.ensure_future(self._send_saved())

    async def _send_saved(self):
        # An update stored while the last state was on its way sets the flag again
        # and gets a message of its own; without the loop it would wait for the
        # next edit to be shown saved.
        while self.saved_pending:
            await asyncio.sleep(SAVED_DEBOUNCE_SECONDS)
            self.saved_pending = False
            state = self.doc.get_state()
            await self.send(
                bytes_data=bytes([MESSAGE_SAVED]) + write_var_uint(len(state)) + state
            )

    def _remember_awareness(self, update: bytes):
        """The client ids this connection speaks for, and their clocks."""
        decoder = Decoder(update)
        for _ in range(decoder.read_var_uint()):
            client, clock = decoder.read_var_uint(), decoder.read_var_uint()
            state = decoder.read_var_string()
            if state == "null":
                self.awareness_clients.pop(client, None)
            else:
                self.awareness_clients[client] = clock

    def _awareness_removal(self) -> bytes:
        parts = [write_var_uint(len(self.awareness_clients))]
        for client, clock in self.awareness_clients.items():
            parts += [write_var_uint(client), write_var_uint(clock + 1)]
            parts += [write_var_uint(4), b"null"]
        return create_awareness_message(b"".join(parts))

    async def _reject(self, message: str, code: int = 4400):
        logger.info("Pad %s, user %s: %s", self.pad.pk, self.user.pk, message)
        await self.close(code=code)
