"""A Yjs client in Python (pycrdt) that speaks y-websocket's protocol, for tests and
benchmarks: over channels' WebsocketCommunicator, or over a real socket."""

import json

from pycrdt import (
    Decoder,
    Doc,
    Text,
    YMessageType,
    YSyncMessageType,
    create_awareness_message,
    create_sync_message,
    create_update_message,
    handle_sync_message,
    read_message,
    write_var_uint,
)

MESSAGE_SAVED = 100
MESSAGE_NOTICE = 101


class YClient:
    """A document, its text at "pad", and the messages it sends and understands."""

    def __init__(self):
        self.doc = Doc()
        self.text = self.doc.get("pad", type=Text)
        self.sent_updates: list[bytes] = []
        self.saved_state: bytes | None = None
        self.awareness: list[bytes] = []
        self._subscription = self.doc.observe(self._on_update)
        self._applying = False
        self.resyncs = 0

    def _on_update(self, event) -> None:
        if not self._applying:
            self.sent_updates.append(event.update)

    def hello(self) -> bytes:
        return create_sync_message(self.doc)

    def type(self, at: int, text: str) -> list[bytes]:
        """Insert text; the update messages to send."""
        self.text.insert(at, text)
        return self.pending_updates()

    def pending_updates(self) -> list[bytes]:
        updates, self.sent_updates = self.sent_updates, []
        return [create_update_message(update) for update in updates]

    def handle(self, message: bytes) -> bytes | None:
        """Apply a message from the server; the reply to send, if any."""
        kind = message[0]
        if kind == YMessageType.SYNC:
            self._applying = True
            try:
                return handle_sync_message(message[1:], self.doc)
            finally:
                self._applying = False
        if kind == YMessageType.AWARENESS:
            self.awareness.append(read_message(message[1:]))
        elif kind == MESSAGE_SAVED:
            self.saved_state = read_message(message[1:])
        elif (
            kind == MESSAGE_NOTICE
            and json.loads(read_message(message[1:]))["kind"] == "resync"
        ):
            # As the room's pad.js does: a lost relay is asked for again at once.
            self.resyncs += 1
            return self.hello()
        return None

    def all_saved(self) -> bool:
        """Whether the server said it stored every edit of this client."""
        if self.saved_state is None:
            return False
        return _clock_of(self.saved_state, self.doc.client_id) >= _clock_of(
            self.doc.get_state(), self.doc.client_id
        )

    def awareness_message(self, clock: int, state: str) -> bytes:
        body = write_var_uint(1) + write_var_uint(self.doc.client_id)
        body += write_var_uint(clock) + write_var_uint(len(state)) + state.encode()
        return create_awareness_message(body)

    @property
    def content(self) -> str:
        return str(self.text)


def _clock_of(state: bytes, client: int) -> int:
    decoder = Decoder(state)
    for _ in range(decoder.read_var_uint()):
        who, clock = decoder.read_var_uint(), decoder.read_var_uint()
        if who == client:
            return clock
    return 0


def is_sync_step(message: bytes, step: int) -> bool:
    return message[0] == YMessageType.SYNC and message[1] == step


SYNC_STEP1 = YSyncMessageType.SYNC_STEP1
SYNC_STEP2 = YSyncMessageType.SYNC_STEP2
