"""config.asgi_http serves a WSGI application under ASGI as a WSGI server would:
the request's body and headers reach it, its answer goes out whole (or piece by
piece when large), and it is closed after, so Django returns its connection."""

import asyncio
from concurrent.futures import ThreadPoolExecutor

import pytest
from asgiref.testing import ApplicationCommunicator

from config.asgi_http import STREAM_ABOVE, WsgiOnOneCrossing

pytestmark = pytest.mark.embedded


class EchoApp:
    """Answers with the request's method, path, a header and its body."""

    def __init__(self, *, size: int = 0):
        self.size = size
        self.closed = False

    def __call__(self, environ, start_response):
        body = environ["wsgi.input"].read()
        start_response("201 Created", [("Content-Type", "text/plain")])
        if self.size:
            return _Closing(self, [b"x" * 65536] * (self.size // 65536))
        head = f"{environ['REQUEST_METHOD']} {environ['PATH_INFO']} "
        head += f"{environ.get('HTTP_X_NAME', '')} {environ['QUERY_STRING']} "
        return _Closing(self, [head.encode(), body])


class _Closing(list):
    def __init__(self, app, pieces):
        super().__init__(pieces)
        self.app = app

    def close(self):
        self.app.closed = True


def call(app, *, body: bytes = b"", headers=()) -> tuple[list[dict], bool]:
    async def run():
        scope = {
            "type": "http",
            "method": "POST",
            "path": "/api/thing/",
            "query_string": b"a=1",
            "http_version": "1.1",
            "headers": [(b"x-name", b"Ada"), *headers],
            "client": ("192.0.2.7", 5000),
            "server": ("127.0.0.1", 8000),
        }
        communicator = ApplicationCommunicator(WsgiOnOneCrossing(app), scope)
        half = len(body) // 2
        await communicator.send_input(
            {"type": "http.request", "body": body[:half], "more_body": True}
        )
        await communicator.send_input({"type": "http.request", "body": body[half:]})
        messages = [await communicator.receive_output(timeout=10)]
        while True:
            messages.append(await communicator.receive_output(timeout=10))
            if not messages[-1].get("more_body"):
                break
        await communicator.wait(timeout=10)
        return messages

    # A thread of its own: browser tests in the same process leave a loop running.
    with ThreadPoolExecutor(1) as thread:
        return thread.submit(asyncio.run, run()).result()


def test_a_request_reaches_the_wsgi_app_and_its_answer_goes_out_whole():
    app = EchoApp()

    start, body = call(app, body=b"hello, world")

    assert start["type"] == "http.response.start"
    assert start["status"] == 201
    assert (b"content-type", b"text/plain") in start["headers"]
    assert body["body"] == b"POST /api/thing/ Ada a=1 hello, world"
    assert not body.get("more_body")
    assert app.closed


def test_a_large_answer_goes_out_piece_by_piece():
    app = EchoApp(size=2 * STREAM_ABOVE)

    start, *pieces = call(app)

    assert start["status"] == 201
    assert sum(len(piece.get("body", b"")) for piece in pieces) == 2 * STREAM_ABOVE
    assert len(pieces) > 2 and pieces[-1] == {"type": "http.response.body"}
    assert app.closed


def test_a_large_answer_streams_through_a_send_that_returns_a_future():
    """granian's send is not a coroutine function: it returns an awaitable."""
    app = EchoApp(size=2 * STREAM_ABOVE)
    sent = []

    async def run():
        loop = asyncio.get_running_loop()
        requests = [{"type": "http.request", "body": b""}]

        async def receive():
            return requests.pop()

        def send(message):
            sent.append(message)
            done = loop.create_future()
            done.set_result(None)
            return done

        scope = {"type": "http", "method": "GET", "path": "/static/big.wasm"}
        scope |= {"query_string": b"", "headers": [], "http_version": "1.1"}
        await WsgiOnOneCrossing(app)(scope, receive, send)

    with ThreadPoolExecutor(1) as thread:
        thread.submit(asyncio.run, run()).result()

    assert sent[0]["status"] == 201
    assert sum(len(piece.get("body", b"")) for piece in sent[1:]) == 2 * STREAM_ABOVE
    assert sent[-1] == {"type": "http.response.body"}


def test_too_many_repeated_headers_is_a_400():
    start, body = call(EchoApp(), headers=[(b"x-many", b"1")] * 101)

    assert start["status"] == 400
    assert b"too many repeated headers" in body["body"]
