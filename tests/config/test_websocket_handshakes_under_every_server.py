"""Under every ASGI server the project starts (granian in production and make run,
daphne in Channels' test tools) and in the ASGI app itself: a websocket path nobody
serves is refused at the handshake with 403, not a server error; an oversized pad
message closes with 4413 and no traceback in the server's log."""

import asyncio

import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed, InvalidStatus

from tests.rooms.asgi_sockets import app_socket, run, session_cookie
from tests.rooms.room_support import room_now
from tests.server_process import ServerProcess

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.embedded]

UNKNOWN = ["/ws/nothing/here/", "/ws/pads/not-a-uuid", "/favicon.ico", "/ws/"]


def test_the_asgi_app_refuses_unknown_paths_at_the_handshake(transactional_db):
    async def scenario():
        answers = []
        for path in UNKNOWN:
            socket = app_socket(None, path)
            answers.append(await socket.connect())
        return answers

    assert all(connected is False for connected, _ in run(scenario()))


@pytest.mark.parametrize("server", ["granian", "daphne"])
def test_real_servers_refuse_unknown_paths_and_close_big_messages_cleanly(
    transactional_db, tmp_path, server
):
    room = room_now()
    pad_id = room.shared.pk
    cookie = session_cookie(room.candidate)
    process = ServerProcess(tmp_path, server=server).start()
    ws = process.url.replace("http", "ws", 1)
    headers = {"Origin": process.url}

    async def scenario():
        statuses = []
        for path in UNKNOWN:
            try:
                async with connect(ws + path, additional_headers=headers):
                    statuses.append("open")
            except InvalidStatus as refused:
                statuses.append(refused.response.status_code)
        async with connect(
            f"{ws}/ws/pads/{pad_id}",
            additional_headers={**headers, "Cookie": f"sessionid={cookie}"},
            max_size=None,
        ) as pad:
            await pad.recv()  # the server's sync step 1
            await pad.send(b"\x00\x02" + b"\x80\x80\x40" + b"x" * (600 * 1024))
            try:
                while True:
                    await asyncio.wait_for(pad.recv(), 5)
            except ConnectionClosed as closed:
                code = closed.rcvd.code if closed.rcvd else None
        return statuses, code

    try:
        statuses, code = run(scenario())
    finally:
        process.stop()

    assert statuses == [403] * len(UNKNOWN)
    assert code == 4413
    assert "Traceback" not in process.log()
