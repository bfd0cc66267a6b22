"""The pad's budgets and its update check, measured through the production server.

    .venv/bin/python bench/pad_budgets.py [--rooms 10 --seconds 20 --no-write]

One web process (granian, as compose runs each worker) on PostgreSQL (DATABASE_URL,
default its own database mockloop_bench_room) and Redis (REDIS_URL), with the
default budgets (PAD_MESSAGES_PER_SECOND 50, burst 300, 4 MiB a minute, closed after
10 s held back). Clients are pycrdt documents speaking y-websocket from this
process. Four things a person does, and one a hostile participant does:
- typing: `--rooms` rooms, each a typist at 10 characters a second who sends a
  cursor update with every keystroke, and a peer watching;
- a 100 KB paste into a pad, and an offline client's 300 KB batch coming back as one
  sync message: both must be stored, untouched by the budget;
- a flood: 2,000 updates sent at once into a room where the peer types 5
  characters a second: how many are stored, how long until the server closes the
  flood, and what the peer's keystrokes cost meanwhile;
- the check every update now passes before it is stored (read in Python against
  the pad's state, applied, text read back), beside pycrdt's bare apply, on one
  document of 10,000 keystrokes: the ratio is what the check costs.

The table replaces the generated part of the "## Pad budgets" section of
docs/benchmarks.md; its "### Notes" are kept.
"""

import argparse
import asyncio
import datetime
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault(
    "DATABASE_URL", "postgres://postgres@127.0.0.1:5432/mockloop_bench_room"
)
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/0")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

import question_list_api as list_bench  # noqa: E402
from django.conf import settings  # noqa: E402
from pycrdt import Doc, Text, write_var_uint  # noqa: E402
from room_latency import percentile, rooms_prepare  # noqa: E402

from rooms.crdt import update_apply  # noqa: E402
from rooms.services.pads import pad_text  # noqa: E402
from tests.rooms.room_clients import PadPeer  # noqa: E402
from tests.server_process import ServerProcess  # noqa: E402

HEADING = "## Pad budgets"
MESSAGE_NOTICE = 101


class WatchedPeer(PadPeer):
    """A PadPeer that keeps the server's notices and the close code."""

    def __init__(self, *args):
        super().__init__(*args)
        self.notices: list[str] = []
        self.closed_with = None

    async def _read(self):
        try:
            async for message in self.socket:
                if isinstance(message, bytes) and message[0] == MESSAGE_NOTICE:
                    body = message[1:]
                    while body[0] & 0x80:
                        body = body[1:]
                    self.notices.append(json.loads(body[1:])["kind"])
                    continue
                if isinstance(message, str):
                    continue
                reply = self.client.handle(message)
                if reply:
                    await self.socket.send(reply)
                self.changed.set()
        finally:
            self.closed_with = self.socket.close_code
            self.changed.set()


def arrivals(peer: PadPeer, arrived: dict[int, float]):
    def watch(event):
        now = time.perf_counter()
        for index in range(len(arrived), len(str(peer.client.text))):
            arrived[index] = now

    return peer.client.text.observe(watch)


async def typing_room(server, room, seconds: float, keys: float) -> dict:
    pad_id, interviewer_cookie, candidate_cookie = room
    typist = await WatchedPeer(server.url, pad_id, interviewer_cookie).open()
    peer = await WatchedPeer(server.url, pad_id, candidate_cookie).open()
    await asyncio.sleep(1)
    sent, arrived = [], {}
    subscription = arrivals(peer, arrived)
    count = int(seconds * keys)
    started = time.perf_counter()
    for index in range(count):
        await asyncio.sleep(max(0, started + index / keys - time.perf_counter()))
        sent.append(time.perf_counter())
        await typist.type("abcdefghijklmnopqrstuvwxyz"[index % 26])
        await typist.socket.send(typist.client.awareness_message(index + 1, "{}"))
    await peer.wait_for(lambda: len(arrived) >= count, timeout=30)
    peer.client.text.unobserve(subscription)
    await typist.wait_for(typist.client.all_saved, timeout=10)
    await typist.close()
    await peer.close()
    return {
        "latencies": [(arrived[i] - sent[i]) * 1000 for i in arrived],
        "lost": count - len(arrived),
        "notices": typist.notices + peer.notices,
    }


async def paste_and_batch(server, room) -> dict:
    pad_id, interviewer_cookie, _ = room
    paster = await WatchedPeer(server.url, pad_id, interviewer_cookie).open()
    await asyncio.sleep(0.5)
    page = ("x = [i * i for i in range(100)]  # a long pasted line\n" * 2000)[:100_000]
    started = time.perf_counter()
    await paster.type(page)
    await paster.wait_for(paster.client.all_saved, timeout=30)
    paste_ms = (time.perf_counter() - started) * 1000
    await paster.close()
    offline = Doc()
    text = offline.get("pad", type=Text)
    for number in range(6000):
        text.insert(len(text), f"offline line {number:05}\n"[:50])
    batch = offline.get_update()
    returning = await WatchedPeer(server.url, pad_id, interviewer_cookie).open()
    await asyncio.sleep(0.5)
    started = time.perf_counter()
    await returning.socket.send(
        bytes([0, 1]) + write_var_uint(len(batch)) + batch  # sync step 2
    )
    stored = await asyncio.to_thread(_wait_stored, pad_id, str(text), 30)
    batch_ms = (time.perf_counter() - started) * 1000
    await returning.close()
    return {
        "paste_ms": paste_ms,
        "paste_saved": paster.client.all_saved(),
        "batch_bytes": len(batch),
        "batch_ms": batch_ms,
        "batch_stored": stored,
        "notices": paster.notices + returning.notices,
    }


def _wait_stored(pad_id, expected_part: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if expected_part in pad_text(pad_id=pad_id):
            return True
        time.sleep(0.2)
    return False


async def flood(server, room, updates: int) -> dict:
    pad_id, attacker_cookie, peer_cookie = room
    attacker = await WatchedPeer(server.url, pad_id, attacker_cookie).open()
    peer = await WatchedPeer(server.url, pad_id, peer_cookie).open()
    await asyncio.sleep(1)
    started = time.perf_counter()
    for _ in range(updates):
        for message in attacker.client.type(len(attacker.client.content), "."):
            await attacker.socket.send(message)
    sent_in = time.perf_counter() - started
    for index in range(60):  # the peer types through it, 5 a second for 12 s
        await asyncio.sleep(0.2)
        await peer.type(f"<{index}>")
    # Until the server closes the flood (or gives up on it).
    await attacker.wait_for(lambda: attacker.closed_with is not None, timeout=40)
    closed_after = time.perf_counter() - started
    await peer.wait_for(peer.client.all_saved, timeout=10)
    # Resync, as the browser does every 15 s: what the relay dropped comes back.
    await peer.socket.send(peer.client.hello())
    await asyncio.sleep(1)
    peer_text = peer.client.content
    await peer.close()
    await attacker.close()
    stored = await asyncio.to_thread(pad_text, pad_id=pad_id)
    return {
        "sent": updates,
        "sent_in_ms": sent_in * 1000,
        "stored": stored.count("."),
        "closed_with": attacker.closed_with,
        "notices": attacker.notices,
        "peer_whole": peer_text == stored and stored.count("<") == 60,
        "closed_after_s": closed_after,
    }


def check_cost(keystrokes: int = 10_000, repeats: int = 3) -> dict:
    """Per-update cost of the check beside a bare apply, on a growing document."""
    source = Doc()
    text = source.get("pad", type=Text)
    updates = []
    source.observe(lambda event: updates.append(event.update))
    for index in range(keystrokes):
        text.insert(len(text) if index % 10 else 0, "abcdefghij"[index % 10])
    timings = {"bare": [], "checked": []}
    for _ in range(repeats):
        for label in timings:
            doc = Doc()
            started = time.perf_counter()
            for update in updates:
                if label == "bare":
                    doc.apply_update(update)
                else:
                    update_apply(doc, update)
            timings[label].append((time.perf_counter() - started) / len(updates))
    bare = min(timings["bare"]) * 1e6
    checked = min(timings["checked"]) * 1e6
    return {"bare_us": bare, "checked_us": checked, "ratio": checked / bare}


async def measure(server, rooms, args):
    typing = await asyncio.gather(
        *(typing_room(server, room, args.seconds, 10) for room in rooms[: args.rooms])
    )
    pasted = await paste_and_batch(server, rooms[args.rooms])
    flooded = await flood(server, rooms[args.rooms + 1], 2000)
    return typing, pasted, flooded


def report(args, typing, pasted, flooded, cost, machine, started, loads) -> str:
    latencies = [ms for room in typing for ms in room["latencies"]]
    notices = sum(len(room["notices"]) for room in typing)
    lost = sum(room["lost"] for room in typing)
    return "\n".join(
        [
            HEADING,
            "",
            f"Measured {started:%Y-%m-%d %H:%M} on {machine}. Load average "
            f"{loads[0]:.1f} when measuring began and {loads[1]:.1f} when it ended.",
            "`.venv/bin/python bench/pad_budgets.py "
            f"--rooms {args.rooms} --seconds {args.seconds}`: one granian process, "
            "PostgreSQL, Redis, default budgets.",
            "",
            "| what | result |",
            "| --- | --- |",
            f"| typing, {args.rooms} rooms × 10 characters a second with a cursor "
            f"update each, {args.seconds} s | p50 "
            f"{statistics.median(latencies):.1f} ms, p99 "
            f"{percentile(latencies, 0.99):.1f} ms to the peer; {lost} lost; "
            f"{notices} notices |",
            f"| a 100 KB paste | saved in {pasted['paste_ms']:.0f} ms; "
            f"saved: {pasted['paste_saved']} |",
            f"| an offline batch of {pasted['batch_bytes'] / 1024:.0f} KB as one "
            f"sync message | stored in {pasted['batch_ms']:.0f} ms: "
            f"{pasted['batch_stored']} |",
            f"| notices to the paste and the batch | {len(pasted['notices'])} |",
            f"| a flood of {flooded['sent']:,} updates sent in "
            f"{flooded['sent_in_ms']:.0f} ms | {flooded['stored']:,} stored; notices "
            f"{', '.join(flooded['notices']) or 'none'}; closed with "
            f"{flooded['closed_with']} after {flooded['closed_after_s']:.1f} s |",
            "| the peer typing 5 characters a second through the flood | its pad "
            f"whole and equal to the stored one: {flooded['peer_whole']} |",
            f"| the check per update on a 10,000-keystroke document | "
            f"{cost['checked_us']:.1f} µs against {cost['bare_us']:.1f} µs for "
            f"pycrdt's bare apply ({cost['ratio']:.1f}×) |",
            "",
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rooms", type=int, default=10)
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    list_bench.database_prepare()
    rooms = rooms_prepare(args.rooms + 2)
    folder = Path(tempfile.mkdtemp(prefix="mockloop-bench-budgets-"))
    server = ServerProcess(folder, redis_url=settings.REDIS_URL).start()
    started = datetime.datetime.now()
    loads = [os.getloadavg()[0]]
    try:
        typing, pasted, flooded = asyncio.run(measure(server, rooms, args))
    finally:
        server.stop()
    loads.append(os.getloadavg()[0])
    cost = check_cost()
    section = report(
        args, typing, pasted, flooded, cost, list_bench.machine(), started, loads
    )
    print(section)
    if not args.no_write:
        list_bench.docs_write(section, heading=HEADING)


if __name__ == "__main__":
    main()
