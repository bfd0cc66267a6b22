"""The live room under load: keystroke-to-peer latency with 10 rooms typing, and the
room page's JavaScript on first load.

    .venv/bin/python bench/room_latency.py [--rooms 10 --seconds 30 --keys 8 \\
      --no-write]

Two web processes (granian, each as compose runs it with one worker, on separate
ports) serve the rooms on PostgreSQL (DATABASE_URL, default its own database
mockloop_bench_room, created and migrated if missing) and Redis (REDIS_URL, default
redis://127.0.0.1:6379/0). In each room the interviewer's pad client is connected to
the first process and the candidate's to the second, so every keystroke is stored in
PostgreSQL by one process and relayed through Redis to the other. The typist sends
one Yjs update per keystroke (`--keys` per second); the peer notes when each one
arrives. All clients are pycrdt documents speaking y-websocket in this process (on
the same 2-core machine as the servers, as the prototype's generator was).

It then checks that every room's stored text is exactly what was typed, and sums
the gzipped JavaScript the room page loads first (room.js, what it imports, and the
pad's chunk; language modes load later, on demand) from static/dist/meta.json,
built by `node build.mjs`.

The table replaces the generated part of the "## Live room" section of
docs/benchmarks.md; its "### Notes" are kept.
"""

import argparse
import asyncio
import datetime
import gzip
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
from bundles import bundle_outputs, room_javascript  # noqa: E402
from django.conf import settings  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from interviews.models import Format  # noqa: E402
from interviews.services.sessions import session_accept, session_schedule  # noqa: E402
from rooms.models import PadKind  # noqa: E402
from rooms.services.pads import pad_text, round_pads_ensure  # noqa: E402
from tests.rooms.room_clients import PadPeer  # noqa: E402
from tests.server_process import ServerProcess  # noqa: E402
from users.models import User  # noqa: E402

HEADING = "## Live room"
BUDGET_KB = 200


def rooms_prepare(count: int) -> list[tuple[str, str, str]]:
    """(pad id, interviewer's cookie, candidate's cookie) for `count` fresh rooms."""
    phone_screen = Format.objects.get(slug="onsite-coding", owner=None)
    stamp = int(time.time())
    rooms = []
    for number in range(count):
        people = [
            User.objects.create_user(
                f"bench-{stamp}-{number}-{role}@mockloop.test",
                None,
                display_name=f"{role.title()} {number}",
            )
            for role in ("interviewer", "candidate")
        ]
        session = session_schedule(
            host=people[0],
            partner=people[1],
            format=phone_screen,
            host_role="interviewer",
            # Within the next minutes: pads take edits from 10 minutes before.
            starts_at=timezone.now() + datetime.timedelta(minutes=2),
        )
        session_accept(session=session, user=people[1])
        pad = round_pads_ensure(round_=session.rounds.get(order=0))[PadKind.SHARED]
        cookies = []
        for person in people:
            client = Client()
            client.force_login(person)
            cookies.append(client.cookies["sessionid"].value)
        rooms.append((str(pad.pk), *cookies))
    return rooms


async def one_room(first, second, room, seconds: float, keys: float, results):
    pad_id, interviewer_cookie, candidate_cookie = room
    typist = await PadPeer(first.url, pad_id, interviewer_cookie).open()
    peer = await PadPeer(second.url, pad_id, candidate_cookie).open()
    await asyncio.sleep(1)  # both synced
    sent: list[float] = []
    arrived: dict[int, float] = {}

    def watch(event):
        # The peer's text grows by one character per keystroke, in order.
        now = time.perf_counter()
        for index in range(len(arrived), len(str(peer.client.text))):
            arrived[index] = now

    subscription = peer.client.text.observe(watch)
    alphabet = "abcdefghijklmnopqrstuvwxyz"
    count = int(seconds * keys)
    started = time.perf_counter()
    for index in range(count):
        await asyncio.sleep(max(0, started + index / keys - time.perf_counter()))
        sent.append(time.perf_counter())
        await typist.type(alphabet[index % 26])
    await peer.wait_for(lambda: len(arrived) >= count, timeout=30)
    peer.client.text.unobserve(subscription)
    results.append(
        {
            "pad": pad_id,
            "typed": "".join(alphabet[i % 26] for i in range(count)),
            "latencies": [
                (arrived[i] - sent[i]) * 1000 for i in range(count) if i in arrived
            ],
            "lost": count - len(arrived),
        }
    )
    await typist.close()
    await peer.close()


def first_load_javascript() -> tuple[list[tuple[str, int, int]], int]:
    seen = room_javascript(bundle_outputs())
    files = []
    for path in sorted(seen):
        data = (ROOT / path).read_bytes()
        files.append((Path(path).name, len(data), len(gzip.compress(data, 9))))
    return files, sum(size for _, _, size in files)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def report(args, results, files, total, machine, started, loads) -> str:
    latencies = [ms for room in results for ms in room["latencies"]]
    updates = sum(len(room["latencies"]) for room in results)
    lost = sum(room["lost"] for room in results)
    exact = sum(room["stored"] == room["typed"] for room in results)
    lines = [
        HEADING,
        "",
        f"Measured {started:%Y-%m-%d %H:%M} on {machine}. Load average "
        f"{loads[0]:.1f} when measuring began and {loads[1]:.1f} when it ended.",
        "",
        f"{args.rooms} rooms typing at once for {args.seconds} s, {args.keys:g} "
        "keystrokes a second each (one Yjs update per keystroke), the typist on one "
        "web process and the peer on the other (granian, PostgreSQL, Redis), "
        "clients in this process: "
        f"`.venv/bin/python bench/room_latency.py --rooms {args.rooms} "
        f"--seconds {args.seconds} --keys {args.keys:g}`.",
        "",
        "| keystrokes | per second | p50 ms | p95 ms | p99 ms | max ms | lost | "
        "rooms stored exactly |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        f"| {updates:,} | {updates / args.seconds:.0f} | "
        f"{statistics.median(latencies):.1f} | {percentile(latencies, 0.95):.1f} | "
        f"{percentile(latencies, 0.99):.1f} | {max(latencies):.1f} | {lost} | "
        f"{exact} of {len(results)} |",
        "",
        f"The room page's JavaScript on first load: **{total / 1024:.1f} KB "
        f"gzipped** (budget {BUDGET_KB} KB), language modes excluded (each loads "
        "when chosen).",
        "",
        "| file | bytes | gzipped |",
        "| --- | ---: | ---: |",
        *(f"| {name} | {size:,} | {packed:,} |" for name, size, packed in files),
        "",
    ]
    return "\n".join(lines)


async def measure(first, second, rooms, args):
    results = []
    await asyncio.gather(
        *(
            one_room(first, second, room, args.seconds, args.keys, results)
            for room in rooms
        )
    )
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rooms", type=int, default=10)
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--keys", type=float, default=8)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    list_bench.database_prepare()
    rooms = rooms_prepare(args.rooms)
    folder = Path(tempfile.mkdtemp(prefix="mockloop-bench-room-"))
    first = ServerProcess(folder, redis_url=settings.REDIS_URL).start()
    second = ServerProcess(folder, redis_url=settings.REDIS_URL).start()
    started = datetime.datetime.now()
    loads = [os.getloadavg()[0]]
    try:
        results = asyncio.run(measure(first, second, rooms, args))
    finally:
        first.stop()
        second.stop()
    loads.append(os.getloadavg()[0])
    for room in results:
        room["stored"] = pad_text(pad_id=room["pad"])
    files, total = first_load_javascript()
    section = report(args, results, files, total, list_bench.machine(), started, loads)
    print(section)
    if not args.no_write:
        list_bench.docs_write(section, heading=HEADING)


if __name__ == "__main__":
    main()
