"""Room and pad clients over real websockets, signed in with a session cookie, for
tests and benchmarks that talk to running servers."""

import asyncio
import json

from websockets.asyncio.client import connect

from tests.rooms.yclient import YClient


def headers(server_url: str, session_cookie: str) -> dict:
    return {"Cookie": f"sessionid={session_cookie}", "Origin": server_url}


class PadPeer:
    """A person typing in a pad through one server: a YClient on a socket."""

    def __init__(self, server_url: str, pad_id: str, session_cookie: str):
        self.url = server_url.replace("http", "ws", 1) + f"/ws/pads/{pad_id}"
        self.server_url = server_url
        self.cookie = session_cookie
        self.client = YClient()
        self.socket = None
        self.reader = None
        self.changed = asyncio.Event()

    async def open(self) -> "PadPeer":
        self.socket = await connect(
            self.url,
            additional_headers=headers(self.server_url, self.cookie),
            open_timeout=10,
        )
        await self.socket.send(self.client.hello())
        self.reader = asyncio.ensure_future(self._read())
        return self

    async def _read(self):
        async for message in self.socket:
            if isinstance(message, str):
                continue
            reply = self.client.handle(message)
            if reply:
                await self.socket.send(reply)
            self.changed.set()

    async def type(self, text: str) -> None:
        for message in self.client.type(len(self.client.content), text):
            await self.socket.send(message)

    async def wait_for(self, condition, timeout: float = 10) -> bool:
        deadline = asyncio.get_running_loop().time() + timeout
        while not condition():
            left = deadline - asyncio.get_running_loop().time()
            if left <= 0:
                return False
            self.changed.clear()
            try:
                await asyncio.wait_for(self.changed.wait(), left)
            except TimeoutError:
                return condition()
        return True

    async def close(self) -> None:
        if self.reader:
            self.reader.cancel()
        if self.socket:
            await self.socket.close()


class RoomPeer:
    """A person's room socket: the states it receives, and commands to send."""

    def __init__(self, server_url: str, session_id: int, session_cookie: str):
        self.url = server_url.replace("http", "ws", 1) + f"/ws/sessions/{session_id}/"
        self.server_url = server_url
        self.cookie = session_cookie
        self.frames: list[dict] = []
        self.socket = None
        self.reader = None

    async def open(self) -> "RoomPeer":
        self.socket = await connect(
            self.url, additional_headers=headers(self.server_url, self.cookie)
        )
        self.reader = asyncio.ensure_future(self._read())
        return self

    async def _read(self):
        async for message in self.socket:
            self.frames.append(json.loads(message))

    @property
    def state(self) -> dict | None:
        states = [f["state"] for f in self.frames if f["type"] == "state"]
        return states[-1] if states else None

    async def send(self, message: dict) -> None:
        await self.socket.send(json.dumps(message))

    async def wait_for(self, condition, timeout: float = 10) -> bool:
        for _ in range(int(timeout * 20)):
            if condition():
                return True
            await asyncio.sleep(0.05)
        return condition()

    async def close(self) -> None:
        if self.reader:
            self.reader.cancel()
        if self.socket:
            await self.socket.close()
