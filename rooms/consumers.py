"""The live room's sockets, thin adapters over services and selectors.

RoomConsumer (/ws/sessions/<id>/) speaks JSON: it sends the person's whole view of
the room on connect and after every change, relays presence, answers clock pings,
and turns commands into service calls. PadConsumer (/ws/pads/<uuid>) speaks the
y-websocket protocol for one Yjs document; the database is the truth: an update is
relayed once it applied to the pad as the socket has it (the log and the socket's
own edits on their way to it), and is said saved once committed
(docs/live-room.md).

Anyone who may not be there is accepted, then closed with 4403 (y-websocket stops
retrying on 44xx; a refused handshake makes it retry for ever).
"""

import asyncio
import json
import logging
import math
import time

from channels.consumer import get_handler_name
from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from pycrdt import (
    YMessageType,
    YSyncMessageType,
    create_sync_message,
    create_update_message,
    read_message,
    write_var_uint,
)

from core.errors import ApplicationError
from rooms import events
from rooms.budgets import Verdict, pad_socket_budget, room_socket_budget
from rooms.commands import FRAME_COST_BYTES, CommandRefused, command_parse
from rooms.local_relay import local_pads
from rooms.pad_writer import pad_writer
from rooms.relay import (
    GAP_SECONDS,
    AwarenessEntry,
    AwarenessRefused,
    RelayFollower,
    awareness_entries,
    awareness_message,
)
from rooms.selectors.room import pad_for_socket, room_closed_reason, room_view_for
from rooms.services.pads import (
    MAX_UPDATE_BYTES,
    RULES_FRESH_SECONDS,
    PadReadOnly,
    UpdateAheadOfPad,
    UpdateRefused,
    pad_lacks_what_client_has,
    pad_replica_load,
    pad_rules,
    pad_snapshot_if_due,
    pad_sync_answer,
    pad_update_try_early,
)
from rooms.services.room import (
    pad_language_choose,
    room_enter,
    round_clock_command,
    round_question_hint_give,
    round_question_reveal_by_id,
    session_swap,
)
from rooms.services.runs import round_run_record

logger = logging.getLogger(__name__)

# Custom y-websocket messages. SAVED: the stored state vector, so the page can tell
# what of its own edits the server has stored ("all changes saved"). NOTICE: why the
# server refused something, as JSON {"kind", "message"}; kinds are "read_only" (the
# pad takes no edits now), "refused" (that update), "slow_down" and "flood"; and
# "resync": a relayed update was lost, send sync step 1 now.
MESSAGE_SAVED = 100
MESSAGE_NOTICE = 101
SAVED_DEBOUNCE_SECONDS = 0.2
SNAPSHOT_CHECK_EVERY = 100
# Awareness carries a name, a colour and a cursor: a few hundred bytes.
MAX_AWARENESS_BYTES = 16 * 1024
MAX_AWARENESS_CLIENTS = 16
# A socket held back hears "slow down" at most this often (seconds).
SLOW_DOWN_EVERY = 5.0
# A socket relays its cursors at most this often; the latest of each waits.
AWARENESS_EVERY = 0.1
# y-websocket closes a socket that heard nothing for 30 s; one that heard nothing
# for this long gets its own cursor back as a sign of life.
KEEPALIVE_SECONDS = 10.0
# A client whose updates build on edits the pad lacks is sent the pad's state at
# most this often (seconds): it answers with all it has that the pad lacks.
ASK_FOR_MISSING_EVERY = 1.0
# A socket that joined sends its client, this long after, what was stored since it
# loaded the pad: an update relayed before it joined, and stored after, reaches it
# then rather than at the client's resync 15 s later.
JOIN_CATCH_UP_SECONDS = 1.0
# The senders a socket follows the relay numbers of (rooms.relay): a pad has two
# or three people, each with a socket per tab and reconnection.
MOST_FOLLOWED = 64
# A typing socket reads its pad's rules again once they are this old, before
# they go stale.
RULES_READ_AFTER = RULES_FRESH_SECONDS / 2
OOPS = "Something went wrong on our side; that message was not taken."


def _sync_step2(update: bytes) -> bytes:
    return (
        bytes([YMessageType.SYNC, YSyncMessageType.SYNC_STEP2])
        + write_var_uint(len(update))
        + update
    )


def _dumps(data: dict) -> str:
    return json.dumps(data, cls=DjangoJSONEncoder)


class DispatchWithoutDatabaseHop:
    """channels runs close_old_connections on the database thread before every
    handler, each relayed keystroke and cursor included. That hop waits behind
    whatever the thread is storing, which made a relay wait for the batch of
    stores in flight. Every database call of these consumers goes through
    database_sync_to_async, which closes old connections itself, on that thread."""

    async def dispatch(self, message):
        handler = getattr(self, get_handler_name(message), None)
        if handler is None:
            raise ValueError(f"No handler for message type {message['type']}")
        await handler(message)


class RoomConsumer(DispatchWithoutDatabaseHop, AsyncWebsocketConsumer):
    async def connect(self):
        self.user = self.scope["user"]
        self.session_id = int(self.scope["url_route"]["kwargs"]["session_id"])
        self.groups_joined = []
        self.budget = room_socket_budget(settings)
        self.slow_down_told_at = -SLOW_DOWN_EVERY
        self.closing = False
        await self.accept()
        await database_sync_to_async(room_enter)(
            session_id=self.session_id, user=self.user
        )
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
        if self.closing or not await self._within_budget(len(text_data or "")):
            return
        try:
            command = command_parse(text_data)
        except CommandRefused as refused:
            await self._refuse(refused.message)
            return
        try:
            await COMMANDS[command.type](self, command.fields)
        except Exception:
            # A bug of ours must not end the socket with 1011: say so and go on.
            logger.exception("Room %s: %s failed", self.session_id, command.type)
            await self._refuse(OOPS)

    async def _within_budget(self, size: int) -> bool:
        # A frame past 8 KiB (a run's output) costs a command per 8 KiB it holds.
        verdict, wait = self.budget.spend(
            size, cost=max(1, math.ceil(size / FRAME_COST_BYTES))
        )
        if verdict == Verdict.GO:
            return True
        if verdict == Verdict.CLOSE:
            await self._refuse("Too many commands, too fast: this socket is closed.")
            await self.close(code=events.CLOSE_FLOOD)
            return False
        if time.monotonic() - self.slow_down_told_at >= SLOW_DOWN_EVERY:
            self.slow_down_told_at = time.monotonic()
            await self._refuse("Slow down: too many commands at once.")
        await asyncio.sleep(wait)
        return True

    # Commands ----------------------------------------------------------------------
    async def _ping(self, fields):
        await self.send(
            _dumps(
                {
                    "type": "pong",
                    "sent_at": fields["sent_at"],
                    "server_time": timezone.now().timestamp() * 1000,
                }
            )
        )

    async def _presence_beat(self, fields):
        # Group memberships live in Redis: after it restarts they are gone, and the
        # heartbeat puts this socket back (adding it again changes nothing).
        await self._join()
        await self._presence("here")

    async def _refresh(self, fields):
        """The page asks for its whole view again (after a gap it may have missed
        a change)."""
        await self.room_changed({})

    async def _run(self, service, **kwargs):
        try:
            await database_sync_to_async(service)(by=self.user, **kwargs)
        except ApplicationError as error:
            await self._refuse(error.message)

    async def _clock(self, fields):
        await self._run(
            round_clock_command,
            round_id=fields["round"],
            action=fields["action"],
            version=fields["version"],
            seconds=fields["seconds"],
        )

    async def _reveal(self, fields):
        await self._run(
            round_question_reveal_by_id,
            session_id=self.session_id,
            round_question_id=fields["question"],
        )

    async def _hint(self, fields):
        await self._run(
            round_question_hint_give,
            round_question_id=fields["question"],
            number=fields["number"],
        )

    async def _swap(self, fields):
        await self._run(session_swap, session_id=self.session_id)

    async def _language(self, fields):
        await self._run(
            pad_language_choose, pad_id=fields["pad"], language=fields["language"]
        )

    async def _code_run(self, fields):
        await self._run(
            round_run_record,
            round_id=fields["round"],
            language=fields["language"],
            exit=fields["exit"],
            duration_ms=fields["duration_ms"],
            output=fields["output"],
            truncated=fields["truncated"],
            round_question_id=fields["question"],
            passed=fields["passed"],
        )

    # Group events ------------------------------------------------------------------
    async def room_changed(self, event):
        view = await database_sync_to_async(room_view_for)(
            user=self.user, session_id=self.session_id
        )
        if view is None:
            # Cancelled (or left) while this page was open: it says who and when,
            # then the socket closes.
            reason = await database_sync_to_async(room_closed_reason)(
                user=self.user, session_id=self.session_id
            )
            await self.send(_dumps({"type": "closed", "message": reason}))
            await self.close(code=events.CLOSE_NOT_ALLOWED)
            return
        await self.send(_dumps({"type": "state", "state": view}))

    async def room_presence(self, event):
        await self.send(_dumps({"type": "presence", **event["presence"]}))

    async def close(self, code=None, reason=None):
        self.closing = True
        await super().close(code=code, reason=reason)

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


COMMANDS = {
    "ping": RoomConsumer._ping,
    "presence": RoomConsumer._presence_beat,
    "refresh": RoomConsumer._refresh,
    "clock": RoomConsumer._clock,
    "reveal": RoomConsumer._reveal,
    "hint": RoomConsumer._hint,
    "swap": RoomConsumer._swap,
    "language": RoomConsumer._language,
    "run": RoomConsumer._code_run,
}


class PadConsumer(DispatchWithoutDatabaseHop, AsyncWebsocketConsumer):
    """One Yjs document over the y-websocket protocol: sync step 1 and 2, updates
    and awareness. The socket keeps a replica of the pad as stored; each update is
    tried on it, relayed once it applied, stored in the process's next batch
    and said saved once committed. An update the replica cannot judge alone waits
    for the pad's lock, where the replica catches up, and is relayed from there.
    Within its budgets only: too much too fast is slowed, then closed; a pad that
    takes no edits says so."""

    # Relayed updates this process's pad sockets found lost (logged as warnings).
    relay_losses = 0

    async def connect(self):
        self.user = self.scope["user"]
        self.groups_joined = []
        self.awareness_clients: dict[int, int] = {}
        self.saved_task = None
        self.rules_task = None
        self.saved_pending = False
        self.appended = 0
        self.pad = None
        self.budget = pad_socket_budget(settings)
        self.slow_down_told_at = -SLOW_DOWN_EVERY
        self.told_read_only = ""
        self.asked_for_missing_at = -ASK_FOR_MISSING_EVERY
        # Relay bookkeeping (rooms.relay): the updates this socket relayed, those
        # of each sender the client has, cursors waiting to be relayed, the
        # clients this socket heard of from its peers.
        self.relayed = 0
        self.followers: dict[str, RelayFollower] = {}
        self.gap_task = None
        self.catch_up_task = None
        self.awareness_pending: dict[int, AwarenessEntry] = {}
        self.awareness_relayed_at = 0.0
        self.awareness_task = None
        self.foreign_clients: set[int] = set()
        # Relays on their way (asyncio keeps only weak references to tasks).
        self.relays_in_flight: set[asyncio.Task] = set()
        self.sent_at = time.monotonic()
        # Frames already on their way after the socket was closed are not read.
        self.closing = False
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
        if settings.PAD_RELAY_IN_PROCESS:
            local_pads().join(self.pad.pk, self)
        if settings.PAD_RELAY_IN_PROCESS and settings.PAD_PUBLISH_ONLY_WHEN_HEARD:
            # Processes holding the pad's other sockets publish to the layer from
            # now on (rooms.local_relay).
            await self.channel_layer.group_send(
                events.pad_group(self.pad.pk),
                {"type": "pad.here", "process": local_pads().token},
            )
        self.replica = await database_sync_to_async(pad_replica_load)(
            pad_id=self.pad.pk
        )
        # Joined first, then loaded: every update relayed after the join is heard
        # here, and one relayed before it and stored after the load is sent a
        # moment later (pad_catch_up).
        self.loaded_state = self.replica.doc.get_state()
        self.saved_state = self.loaded_state
        self.catch_up_task = asyncio.ensure_future(self._catch_up_later())
        await self.send(bytes_data=create_sync_message(self.replica.doc))
        # That was the ask for what the client has and the pad lacks.
        self.asked_for_missing_at = time.monotonic()
        # A pad whose round is over says so before anyone types (one that opens
        # later says so when typed in: its page stays ready for the start).
        self.replica.rules = rules = await database_sync_to_async(pad_rules)(
            pad_id=self.pad.pk
        )
        if rules.round_ended or timezone.now() > rules.closes_at:
            await self._read_only(rules.closed_because)

    async def disconnect(self, code):
        if self.awareness_clients and self.groups_joined:
            # Remove this connection's cursors at once, not after 30 s.
            leaving = [
                AwarenessEntry(client, clock + 1, "null")
                for client, clock in self.awareness_clients.items()
            ]
            await self._awareness_relay(leaving)
        for group in self.groups_joined:
            await self.channel_layer.group_discard(group, self.channel_name)
        if self.pad is not None:
            local_pads().leave(self.pad.pk, self)
        for task in (
            self.saved_task,
            self.rules_task,
            self.gap_task,
            self.awareness_task,
            self.catch_up_task,
        ):
            if task is not None:
                task.cancel()

    async def receive(self, text_data=None, bytes_data=None):
        if self.pad is None or self.closing:
            return
        if bytes_data is None:
            await self._reject("The pad speaks y-websocket's binary protocol.")
            return
        if len(bytes_data) > MAX_UPDATE_BYTES + 64:
            await self._reject(
                f"That edit is larger than {MAX_UPDATE_BYTES // 1024} KiB, the most "
                "one message may carry.",
                code=events.CLOSE_TOO_BIG,
            )
            return
        if not await self._within_budget(len(bytes_data)):
            return
        try:
            kind = bytes_data[0]
            if kind == YMessageType.SYNC:
                await self._sync_message(bytes_data[1:])
            elif kind == YMessageType.AWARENESS:
                await self._awareness(bytes_data)
            # Anything else (an awareness query, an auth message) needs no answer.
        except PadReadOnly as refusal:
            await self._read_only(refusal.message)
        except UpdateAheadOfPad:
            await self._ask_for_missing()
        except (UpdateRefused, ApplicationError) as error:
            await self._reject(error.message)
        except (IndexError, ValueError, RuntimeError, AssertionError, OverflowError):
            await self._reject("That message does not follow the y-websocket protocol.")
        except Exception:
            # A bug of ours must not end the socket with 1011: the client reconnects
            # (45xx is "try again later") and syncs from the database.
            logger.exception("Pad %s: a message failed", self.pad.pk)
            await self._notice("refused", OOPS)
            await self.close(code=events.CLOSE_TRY_AGAIN)

    async def _within_budget(self, size: int) -> bool:
        verdict, wait = self.budget.spend(size)
        if verdict == Verdict.GO:
            return True
        if verdict == Verdict.CLOSE:
            logger.warning("Pad %s, user %s: flood closed", self.pad.pk, self.user.pk)
            await self._notice(
                "flood", "Too many edits, too fast: this connection was closed."
            )
            await self.close(code=events.CLOSE_FLOOD)
            return False
        if time.monotonic() - self.slow_down_told_at >= SLOW_DOWN_EVERY:
            self.slow_down_told_at = time.monotonic()
            await self._notice("slow_down", "Slow down: edits are arriving too fast.")
        await asyncio.sleep(wait)
        return True

    async def _sync_message(self, message: bytes):
        step = message[0]
        if step == YSyncMessageType.SYNC_STEP1:
            # The client says what it has (at connect, and every resync interval):
            # answer from the database, the truth, and rejoin the groups in case
            # Redis restarted and forgot them.
            await self._join()
            state_vector = read_message(message[1:])
            missing = await database_sync_to_async(pad_sync_answer)(
                self.replica, state_vector
            )
            await self.send(bytes_data=_sync_step2(missing))
            # The client has the pad as stored: what it waited for is in it, or
            # comes with the next relays.
            for follower in self.followers.values():
                follower.skip()
            self._saved_soon()
            # Edits it made that the pad refused while they built on others it
            # lacked: at its resync, at the latest, the client is asked for them.
            if pad_lacks_what_client_has(self.replica, state_vector):
                await self._ask_for_missing()
            return
        if step not in (YSyncMessageType.SYNC_STEP2, YSyncMessageType.SYNC_UPDATE):
            raise UpdateRefused("Unknown sync message.")
        update = read_message(message[1:])
        if update == b"\x00\x00":
            return

        early = settings.PAD_RELAY_BEFORE_STORE and pad_update_try_early(
            self.replica, update, now=timezone.now()
        )
        if early:
            self._relay_update(update)
            self._rules_read_if_aging()
        try:
            await pad_writer().store(
                replica=self.replica,
                data=update,
                author_id=self.user.pk,
                # Else once it applied under the pad's lock: still before the
                # batch's commit ("saved" waits for that).
                on_applied=None if early else lambda: self._relay_update(update),
                tried=early,
            )
        except ApplicationError:
            # Refused after all (the round ended meanwhile, the log filled up): the
            # replica holds it, the log does not.
            self.replica.damaged = self.replica.damaged or early
            raise
        self._saved_soon()
        self.appended += 1
        if self.appended % SNAPSHOT_CHECK_EVERY == 0:
            await database_sync_to_async(pad_snapshot_if_due)(pad_id=self.pad.pk)

    def _rules_read_if_aging(self):
        """Read when the pad takes edits again while they are still fresh: a
        keystroke that finds them stale is relayed only once it applied under the
        pad's lock, after the batch before its own (pad_update_try_early)."""
        rules = self.replica.rules
        if rules is None or time.monotonic() - rules.checked_at < RULES_READ_AFTER:
            return
        if self.rules_task is None or self.rules_task.done():
            self.rules_task = asyncio.ensure_future(self._rules_read())

    async def _rules_read(self):
        # Reads run one at a time on the database thread, in the order asked: a
        # read the room asked for later (room_changed) is set after this one.
        self.replica.rules = await database_sync_to_async(pad_rules)(pad_id=self.pad.pk)

    async def _ask_for_missing(self):
        """An update that builds on edits the pad lacks: its client typed while
        its socket reconnected, before its sync answer brought what it made
        offline, or the server died before committing edits its peer had
        already relayed. Closing would leave a person's pad dead on a flaky
        network; the update is not stored, and the client is sent the pad's state
        (sync step 1), which it answers with everything the pad lacks."""
        now = time.monotonic()
        if now - self.asked_for_missing_at < ASK_FOR_MISSING_EVERY:
            return
        self.asked_for_missing_at = now
        await self.send(bytes_data=create_sync_message(self.replica.doc))

    async def _awareness(self, message: bytes):
        if len(message) > MAX_AWARENESS_BYTES:
            raise UpdateRefused("That cursor message is too large.")
        try:
            entries = awareness_entries(
                read_message(message[1:]), most=MAX_AWARENESS_CLIENTS
            )
        except AwarenessRefused as error:
            raise UpdateRefused(str(error)) from None
        # y-websocket sends on every cursor it hears: its peers' come back here and
        # go no further.
        own = [e for e in entries if e.client not in self.foreign_clients]
        self._remember_awareness(own)
        if own and time.monotonic() - self.sent_at > KEEPALIVE_SECONDS:
            await self.send(bytes_data=message)
        for entry in own:
            self.awareness_pending[entry.client] = entry
        if not own or (self.awareness_task and not self.awareness_task.done()):
            return
        if time.monotonic() - self.awareness_relayed_at >= AWARENESS_EVERY:
            await self._awareness_relay_pending()
        else:
            self.awareness_task = asyncio.ensure_future(self._awareness_relay_later())

    async def _awareness_relay_later(self):
        await asyncio.sleep(
            self.awareness_relayed_at + AWARENESS_EVERY - time.monotonic()
        )
        await self._awareness_relay_pending()

    async def _awareness_relay_pending(self):
        entries = list(self.awareness_pending.values())
        self.awareness_pending.clear()
        self.awareness_relayed_at = time.monotonic()
        await self._awareness_relay(entries)

    async def _awareness_relay(self, entries: list[AwarenessEntry]):
        if entries:
            await self._relay(
                {
                    "type": "pad.awareness",
                    "data": awareness_message(entries),
                    "clients": [entry.client for entry in entries],
                }
            )

    def _relay_update(self, update: bytes) -> None:
        self.relayed += 1
        event = {"type": "pad.update", "data": update, "number": self.relayed}
        # Handed to this process's sockets now, not in a task of its own: under
        # load each hop through the event loop cost milliseconds.
        self._deliver_here(event)
        if self._publish_needed() is False:
            return
        task = asyncio.ensure_future(self._publish(event))
        self.relays_in_flight.add(task)
        task.add_done_callback(self.relays_in_flight.discard)

    async def _relay(self, event: dict):
        """To this pad's sockets in this process directly, and to the others
        through the channel layer (rooms.local_relay)."""
        self._deliver_here(event)
        await self._publish(event)

    def _deliver_here(self, event: dict) -> None:
        event["sender"] = self.channel_name
        if settings.PAD_RELAY_IN_PROCESS:
            here = local_pads()
            event["process"] = here.token
            direct = {**event, "direct": True}
            here.deliver(self.pad.pk, self, get_handler_name(event), direct)

    def _publish_needed(self) -> bool | None:
        """Whether another process listens to the pad, if known now; None when
        only Redis can tell."""
        if not (settings.PAD_RELAY_IN_PROCESS and settings.PAD_PUBLISH_ONLY_WHEN_HEARD):
            return True
        return local_pads().heard_elsewhere_known(self.pad.pk)

    async def _publish(self, event: dict):
        group = events.pad_group(self.pad.pk)
        needed = self._publish_needed()
        if needed is None:
            needed = await local_pads().heard_elsewhere(
                self.pad.pk, self.channel_layer, group
            )
        if needed:
            await self.channel_layer.group_send(group, event)

    def _relayed_here_already(self, event: dict) -> bool:
        return event["sender"] == self.channel_name or (
            settings.PAD_RELAY_IN_PROCESS
            and event.get("process") == local_pads().token
            and not event.get("direct")
        )

    def _follow(self, sender: str, number: int):
        follower = self.followers.get(sender)
        if follower is None:
            # The first relay heard from that socket: what it relayed before is
            # in the pad as loaded, or in the catch-up after joining.
            if len(self.followers) >= MOST_FOLLOWED:
                del self.followers[next(iter(self.followers))]
            follower = self.followers[sender] = RelayFollower(last=number - 1)
        follower.arrived(seq=number, now=time.monotonic())
        if follower.gap_since() is not None and (
            self.gap_task is None or self.gap_task.done()
        ):
            self.gap_task = asyncio.ensure_future(self._gap_watch())

    def _gap_since(self) -> float | None:
        waits = [f.gap_since() for f in self.followers.values()]
        return min((since for since in waits if since is not None), default=None)

    async def _gap_watch(self):
        """An update that waits for the one its sender relayed before it for
        GAP_SECONDS means that one was lost on the way: say so, and have the
        client resync now."""
        while (since := self._gap_since()) is not None:
            wait = since + GAP_SECONDS - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
                continue
            PadConsumer.relay_losses += 1
            logger.warning(
                "Pad %s: a relayed update was lost on its way to user %s (%d lost "
                "in this process); the client resyncs",
                self.pad.pk,
                self.user.pk,
                PadConsumer.relay_losses,
            )
            # The client's sync step 1 brings it everything: the updates in
            # between are not waited for.
            for follower in self.followers.values():
                follower.skip()
            await self._notice("resync", "Some edits were lost on the way.")

    # Group events ------------------------------------------------------------------
    async def pad_update(self, event):
        # The replica follows the log, not the relay: it catches up from the
        # database before the next store or sync answer.
        if self._relayed_here_already(event):
            return
        await self.send(bytes_data=create_update_message(event["data"]))
        self._follow(event["sender"], event["number"])

    async def _catch_up_later(self):
        await asyncio.sleep(JOIN_CATCH_UP_SECONDS)
        # Through the consumer's own queue: the replica is used by one handler
        # at a time.
        await self.channel_layer.send(self.channel_name, {"type": "pad.catch_up"})

    async def pad_catch_up(self, event):
        missing = await database_sync_to_async(pad_sync_answer)(
            self.replica, self.loaded_state
        )
        if missing != b"\x00\x00":
            await self.send(bytes_data=create_update_message(missing))

    async def pad_here(self, event):
        if event["process"] != local_pads().token:
            local_pads().joined_elsewhere(self.pad.pk)

    async def pad_awareness(self, event):
        if self._relayed_here_already(event):
            return
        self.foreign_clients.update(event["clients"])
        await self.send(bytes_data=event["data"])

    async def room_changed(self, event):
        # A cancelled session, or one left, closes its pads too.
        allowed = await database_sync_to_async(pad_for_socket)(
            user=self.user, pad_id=self.pad.pk
        )
        if allowed is None:
            await self.close(code=events.CLOSE_NOT_ALLOWED)
            return
        # A round that ended changes when the pad takes edits: its page stops
        # taking them now, not when the grace for edits in flight is over.
        self.replica.rules = rules = await database_sync_to_async(pad_rules)(
            pad_id=self.pad.pk
        )
        if rules.round_ended:
            await self._read_only(rules.closed_because)

    async def room_presence(self, event):
        pass

    async def socket_close(self, event):
        await self.close(code=event["code"])

    # Helpers -----------------------------------------------------------------------
    async def _join(self):
        for group in self.groups_joined:
            await self.channel_layer.group_add(group, self.channel_name)

    def _saved_soon(self):
        """Say saved what the replica holds now, all of it stored: the next
        update may be in it before it is (pad_update_try_early)."""
        self.saved_state = self.replica.doc.get_state()
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
            state = self.saved_state
            await self.send(
                bytes_data=bytes([MESSAGE_SAVED]) + write_var_uint(len(state)) + state
            )

    def _remember_awareness(self, entries: list[AwarenessEntry]):
        """The client ids this connection speaks for, and their clocks: removed at
        once when it closes."""
        for entry in entries:
            if entry.state == "null":
                self.awareness_clients.pop(entry.client, None)
            elif (
                entry.client in self.awareness_clients
                or len(self.awareness_clients) < MAX_AWARENESS_CLIENTS
            ):
                self.awareness_clients[entry.client] = entry.clock

    async def _notice(self, kind: str, message: str):
        body = json.dumps({"kind": kind, "message": message}).encode()
        await self.send(
            bytes_data=bytes([MESSAGE_NOTICE]) + write_var_uint(len(body)) + body
        )

    async def _read_only(self, message: str):
        """The pad takes no edits now: say so once; the socket stays for reading."""
        if self.told_read_only != message:
            self.told_read_only = message
            await self._notice("read_only", message)

    async def _reject(self, message: str, code: int = events.CLOSE_BAD_MESSAGE):
        logger.info("Pad %s, user %s: %s", self.pad.pk, self.user.pk, message)
        await self._notice("refused", message)
        await self.close(code=code)

    async def send(self, text_data=None, bytes_data=None, close=False):
        self.sent_at = time.monotonic()
        await super().send(text_data=text_data, bytes_data=bytes_data, close=close)

    async def close(self, code=None, reason=None):
        self.closing = True
        await super().close(code=code, reason=reason)
