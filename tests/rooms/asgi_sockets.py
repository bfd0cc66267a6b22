"""Sockets through the real ASGI application (origin check, session cookie, routing,
channel layer), as a browser reaches them, for consumer tests."""

import asyncio
import json
from concurrent.futures import ThreadPoolExecutor

from asgiref.sync import SyncToAsync
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.db import connections
from django.test import Client

from config.asgi import application
from tests.rooms.yclient import YClient

ORIGIN = b"http://127.0.0.1:8000"
MESSAGE_NOTICE = 101


def run(coroutine):
    """Run a scenario on a loop of its own, on a thread of its own (browser tests
    may leave a loop running here), closing the database connections the
    consumers opened in their worker thread, or the test database stays in use."""

    async def and_close():
        try:
            return await coroutine
        finally:
            await database_sync_to_async(connections.close_all)()
            # And any the scenario opened itself on this thread.
            connections.close_all()

    with ThreadPoolExecutor(1) as thread:
        result = thread.submit(asyncio.run, and_close()).result()
    # A consumer's last call may have finished after the scenario did: close what
    # the thread of database_sync_to_async holds once everything has settled.
    SyncToAsync.single_thread_executor.submit(connections.close_all).result()
    return result


def session_cookie(user) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def app_socket(cookie: str | None, path: str) -> WebsocketCommunicator:
    headers = [(b"origin", ORIGIN), (b"host", b"127.0.0.1:8000")]
    if cookie:
        headers.append((b"cookie", f"{settings.SESSION_COOKIE_NAME}={cookie}".encode()))
    return WebsocketCommunicator(application, path, headers=headers)


async def frames(
    communicator, *, seconds: float = 0.25, first_within: float = 10.0
) -> list:
    """Every frame that arrives until `seconds` of quiet, the first awaited for up to
    `first_within`: a busy machine may take longer than the quiet to answer at all,
    and a test that read nothing then would fail for the machine, not the code. The
    frames of one answer leave together once the first has, so the quiet after it
    can be short."""
    got = []
    if first_within > seconds and await communicator.receive_nothing(
        timeout=first_within
    ):
        return got
    # receive_nothing waits without stopping the application, as a timed-out
    # receive_output would.
    while not await communicator.receive_nothing(timeout=seconds):
        got.append(await communicator.receive_output())
    return got


async def frames_until(communicator, arrived, *, within: float = 10.0) -> list:
    """Frames until `arrived(frames read so far)` holds, or `within` seconds have
    passed: an answer that comes after others (broadcasts of what a peer did) may
    come later than a quiet of `frames` on a busy machine. `arrived` is asked
    again after each frame, and every tenth of a second while none comes."""
    got: list = []
    deadline = asyncio.get_running_loop().time() + within
    while not arrived(got) and asyncio.get_running_loop().time() < deadline:
        if not await communicator.receive_nothing(timeout=0.1):
            got.append(await communicator.receive_output())
    return got


def texts(outputs) -> list[dict]:
    return [json.loads(o["text"]) for o in outputs if o.get("text")]


def notices(outputs) -> list[dict]:
    """The pad socket's notices: why the server refused something."""
    found = []
    for output in outputs:
        data = output.get("bytes")
        if data and data[0] == MESSAGE_NOTICE:
            # One byte of length is enough for the short notices the server sends
            # when it is under 128; otherwise skip the var-uint.
            body = data[1:]
            while body[0] & 0x80:
                body = body[1:]
            found.append(json.loads(body[1:]))
    return found


def closes(outputs) -> list[int]:
    return [o["code"] for o in outputs if o.get("type") == "websocket.close"]


class PadSocket:
    """A YClient on a pad socket: connects, syncs, types, and keeps every frame."""

    def __init__(self, cookie: str, pad_id):
        self.socket = app_socket(cookie, f"/ws/pads/{pad_id}")
        self.client = YClient()
        self.outputs: list[dict] = []

    async def open(self, seconds: float = 0.3) -> "PadSocket":
        """Connect, say hello, and read until the pad's first message (its sync
        step 1) or a close, then for `seconds` more. A busy machine may send that
        message later than a pump's quiet, and a client that types before it came
        sends its typing again in its answer, which the server relays again."""
        connected, _ = await self.socket.connect()
        assert connected
        await self.socket.send_to(bytes_data=self.client.hello())
        await self.pump_until(
            lambda got: any(
                (output.get("bytes") or b"")[:2] == b"\0\0"
                or output.get("type") == "websocket.close"
                for output in got
            )
        )
        await self.pump(seconds)
        return self

    async def pump(self, seconds: float = 0.3) -> list[dict]:
        """Read what arrived, apply it, answer what needs an answer."""
        got = await frames(self.socket, seconds=seconds, first_within=0)
        for output in got:
            await self._take(output)
        return got

    async def pump_until(self, arrived, *, within: float = 10.0) -> list[dict]:
        """Pump until `arrived(frames read so far)` holds, or `within` seconds have
        passed: for an answer a busy machine may give later than a pump's quiet.
        `arrived` is asked again after each frame, and every tenth of a second
        while none comes."""
        got: list[dict] = []
        deadline = asyncio.get_running_loop().time() + within
        while not arrived(got) and asyncio.get_running_loop().time() < deadline:
            if not await self.socket.receive_nothing(timeout=0.1):
                output = await self.socket.receive_output()
                got.append(output)
                await self._take(output)
        return got

    async def _take(self, output: dict) -> None:
        self.outputs.append(output)
        if output.get("bytes"):
            reply = self.client.handle(output["bytes"])
            if reply:
                await self.socket.send_to(bytes_data=reply)

    async def send(self, message: bytes) -> None:
        await self.socket.send_to(bytes_data=message)

    async def type(self, at: int, text: str) -> None:
        for message in self.client.type(at, text):
            await self.send(message)

    async def close(self) -> None:
        await self.socket.disconnect()
