"""Django's pages and API under the ASGI server, at the speed of a WSGI server.

Django's own ASGI handler runs each request's synchronous code in a thread of its
own, with a PostgreSQL connection each, and hops between threads at every middleware
that is not async: measured on this machine it ran PostgreSQL out of connections at
16 concurrent requests and served half what gunicorn does. asgiref's WsgiToAsgi runs
the WSGI application on one thread but crosses back to the event loop for each piece
of the answer (four crossings a request): 0.80-0.93 of gunicorn under uvicorn. Here
each request crosses once: the WSGI application runs whole on a thread of this
process, as under gunicorn, and hands back the finished answer, which the event loop
sends. Only an answer larger than STREAM_ABOVE is sent piece by piece as it is
produced. Under granian this serves as fast as gunicorn (0.96-0.98), with one
PostgreSQL connection per process for pages and one for websockets.
(docs/benchmarks.md, "HTTP servers under load".)
"""

import asyncio
from concurrent.futures import ThreadPoolExecutor
from tempfile import SpooledTemporaryFile

from asgiref.wsgi import WsgiToAsgiInstance

STREAM_ABOVE = 1024 * 1024
BAD_HEADERS = [
    {
        "type": "http.response.start",
        "status": 400,
        "headers": [(b"content-type", b"text/plain; charset=utf-8")],
    },
    {"type": "http.response.body", "body": b"Bad request: too many repeated headers."},
]


class WsgiOnOneCrossing:
    """An ASGI application that answers HTTP with a WSGI application run on
    `threads` threads of this process (each keeps its own database connection)."""

    def __init__(self, wsgi_application, *, threads: int = 1):
        self.wsgi_application = wsgi_application
        self.executor = ThreadPoolExecutor(threads, thread_name_prefix="wsgi")

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            raise ValueError(f"{type(self).__name__} serves HTTP, not {scope['type']}")
        request = _Request(self.wsgi_application)
        request.scope = scope
        with SpooledTemporaryFile(max_size=65536) as body:
            while True:
                message = await receive()
                if message["type"] == "http.disconnect":
                    return
                body.write(message.get("body", b""))
                if not message.get("more_body"):
                    break
            body.seek(0)
            loop = asyncio.get_running_loop()
            messages = await loop.run_in_executor(
                self.executor, request.run, body, loop, send
            )
        for message in messages:
            await send(message)


class _Request(WsgiToAsgiInstance):
    """One request: asgiref's environ and start_response, run on a worker thread."""

    def run(self, body, loop, send) -> list[dict]:
        """The answer's messages, or none left when a large answer went out as it
        was produced."""
        try:
            environ = self.build_environ(self.scope, body)
        except ValueError:
            return BAD_HEADERS
        chunks, size = [], 0
        result = self.wsgi_application(environ, self.start_response)
        try:
            pieces = iter(result)
            for piece in pieces:
                chunks.append(piece)
                size += len(piece)
                if size > STREAM_ABOVE:
                    self._stream(loop, send, chunks, pieces)
                    return []
        finally:
            # Django's answer closes here, sending request_finished: that is when
            # it returns the database connection (CONN_MAX_AGE, health checks).
            if hasattr(result, "close"):
                result.close()
        return [
            self.response_start,
            {"type": "http.response.body", "body": b"".join(chunks)},
        ]

    def _stream(self, loop, send, chunks, pieces) -> None:
        async def sent(message: dict) -> None:
            # granian's send returns an awaitable that is not a coroutine, which
            # run_coroutine_threadsafe refuses (every answer past 1 MiB was a 500).
            await send(message)

        def now(message: dict) -> None:
            asyncio.run_coroutine_threadsafe(sent(message), loop).result()

        now(self.response_start)
        for piece in (*chunks, *pieces):
            now({"type": "http.response.body", "body": piece, "more_body": True})
        now({"type": "http.response.body"})
