"""The pad at scale: keystroke-to-peer latency, deliveries and stored copies with 10
to 200 rooms at once, against the production command.

    .venv/bin/python bench/pad_at_scale.py [--rooms 10 50 100 200 --seconds 60 \\
      --keys 5 --relay both --leaves both --publish both --pipeline both \\
      --workers 2 --no-write]

For each count of rooms: granian with two workers (as compose runs it) on
PostgreSQL (DATABASE_URL, default its own database mockloop_bench_room) and Redis
(REDIS_URL, default redis://127.0.0.1:6379/0), fresh rooms, and the load generator
bench/pad_load.mjs: the real y-websocket client in Node, one person typing `--keys`
characters a second with a cursor update each (as the editor sends them) and one
watching, per room. Every client connects to the same port; the kernel spreads the
sockets over the two workers, so some rooms relay within a process and some through
Redis.

Reported per run: p50/p95/p99 keystroke → watcher, keystrokes received / sent /
stored, rooms whose three copies (typist, watcher, PostgreSQL) are identical, the
server's CPU (both workers, user + system, over the run's wall time) and memory
(resident, summed, at the end), the relay's losses that the server logged and
recovered, and how late the generator's own event loop ran (p99): a keystroke that
arrives while the generator is busy is counted late. `--relay both` (the default)
runs each count twice, one after the other: with the relay between a pad's sockets
in one process going directly (`PAD_RELAY_IN_PROCESS`, the default) and always
through Redis, for a side-by-side ratio on a noisy machine. `--leaves both` does the
same for when a keystroke is relayed: before its store (`PAD_RELAY_BEFORE_STORE`,
the default) or once it applied under the pad's lock. `--publish both` does the same
for whether a pad whose sockets are all in one process publishes to Redis: only when
another process has a socket on it (`PAD_PUBLISH_ONLY_WHEN_HEARD`, the default) or
always. `--pipeline both` does the same for how the channel layer publishes: in
pipelines (`CHANNEL_LAYER_PIPELINED`, the default) or one message per round trip
behind a lock, as channels-redis does. The table replaces the generated part of the
"## Pad at scale" section of docs/benchmarks.md; its "### Notes" are kept.
"""

import argparse
import datetime
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault(
    "DATABASE_URL", "postgres://postgres@127.0.0.1:5432/mockloop_bench_room"
)
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/0")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

import question_list_api as list_bench  # noqa: E402
from django.conf import settings  # noqa: E402
from room_latency import percentile, rooms_prepare  # noqa: E402

from rooms.models import PadUpdate  # noqa: E402
from rooms.services.pads import pad_text  # noqa: E402
from tests.server_process import ServerProcess, collect_static  # noqa: E402

HEADING = "## Pad at scale"
TICKS = os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")


def process_group(leader: int) -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == leader:  # the process group
            pids.append(int(entry.name))
    return pids


def cpu_seconds(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / TICKS


def resident_mb(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            total += int(Path(f"/proc/{pid}/statm").read_text().split()[1])
        except OSError:
            continue
    return total * PAGE / 2**20


def run_once(
    count: int,
    args,
    folder: Path,
    *,
    direct: bool,
    early: bool,
    heard: bool,
    pipelined: bool,
) -> dict:
    rooms = rooms_prepare(count)
    os.environ["PAD_RELAY_IN_PROCESS"] = "1" if direct else "0"
    os.environ["PAD_RELAY_BEFORE_STORE"] = "1" if early else "0"
    os.environ["PAD_PUBLISH_ONLY_WHEN_HEARD"] = "1" if heard else "0"
    os.environ["CHANNEL_LAYER_PIPELINED"] = "1" if pipelined else "0"
    server = ServerProcess(
        folder, redis_url=settings.REDIS_URL, workers=args.workers
    ).start()
    try:
        pids = process_group(server.process.pid)
        plan = {
            "url": server.url,
            "seconds": args.seconds,
            "keys": args.keys,
            "settle": args.settle,
            "connectSeconds": max(5, count / 20),
            "rooms": [
                {"pad": pad, "typist": first, "watcher": second}
                for pad, first, second in rooms
            ],
        }
        cpu_before, wall_before = cpu_seconds(pids), time.monotonic()
        generator = subprocess.run(
            ["node", str(ROOT / "bench" / "pad_load.mjs")],
            input=json.dumps(plan),
            capture_output=True,
            text=True,
            cwd=ROOT,
            check=True,
        )
        cpu = (cpu_seconds(pids) - cpu_before) / (time.monotonic() - wall_before)
        memory = resident_mb(pids)
        log = server.log()
    finally:
        server.stop()
    found = json.loads(generator.stdout)
    if found["failed"]:
        print("failed:", found["failed"][:3], file=sys.stderr)
    results = found["rooms"]
    latencies = [ms for room in results for ms in room["latencies"]]
    pads = [room["pad"] for room in results]
    stored = PadUpdate.objects.filter(pad_id__in=pads).count()
    identical = sum(
        room["typist"]
        == room["watcher"]
        == pad_text(pad_id=room["pad"])
        == room["typed"]
        for room in results
    )
    return {
        "rooms": count,
        "relay": "direct in process" if direct else "always Redis",
        "leaves": "before the store" if early else "under the lock",
        "publishes": "when heard elsewhere" if heard else "always",
        "pipelined": "in pipelines" if pipelined else "one per round trip",
        "failed": len(found["failed"]),
        "p50": percentile(latencies, 0.5) if latencies else float("nan"),
        "p95": percentile(latencies, 0.95) if latencies else float("nan"),
        "p99": percentile(latencies, 0.99) if latencies else float("nan"),
        "sent": sum(room["sent"] for room in results),
        "received": sum(room["received"] for room in results),
        "stored": stored,
        "identical": identical,
        "cpu": cpu,
        "memory": memory,
        "losses": len(re.findall(r"a relayed update was lost", log)),
        "resyncs": found["resyncs"],
        "generator_delay_p99": found["loopDelayMs"]["p99"],
    }


def report(args, rows, machine, started, loads) -> str:
    lines = [
        HEADING,
        "",
        f"Measured {started:%Y-%m-%d %H:%M} on {machine}. Load average "
        f"{loads[0]:.1f} when measuring began and {loads[-1]:.1f} when it ended.",
        "",
        f"Per room one person typing {args.keys:g} characters a second with a cursor "
        "update each and one watching, real y-websocket clients in Node (the "
        f"generator on the same machine), {args.seconds} s per run, granian with "
        f"{args.workers} workers on PostgreSQL and Redis: `.venv/bin/python "
        f"bench/pad_at_scale.py --rooms {' '.join(str(r) for r in args.rooms)} "
        f"--seconds {args.seconds} --keys {args.keys:g} --settle {args.settle:g} "
        f"--relay {args.relay} --leaves {args.leaves} --publish {args.publish} "
        f"--pipeline {args.pipeline} --workers {args.workers}`.",
        "",
        "| rooms | relay within a process | relay leaves | publishes to Redis | "
        "publishes sent | p50 / p95 / p99 ms keystroke → peer | received / sent / "
        "stored | copies identical | relay losses found (client resyncs) | server "
        "CPU | server memory | generator's event loop late, p99 |",
        "| ---: | --- | --- | --- | --- | --- | --- | ---: | ---: | ---: | ---: "
        "| ---: |",
    ]
    for row in rows:
        lines.append(
            f"| {row['rooms']} | {row['relay']} | {row['leaves']} | "
            f"{row['publishes']} | {row['pipelined']} | {row['p50']:.0f} / "
            f"{row['p95']:.0f} / {row['p99']:.0f} | "
            f"{row['received']:,} / {row['sent']:,} / "
            f"{row['stored']:,} | {row['identical']} of {row['rooms']}"
            + (f" ({row['failed']} rooms failed to connect)" if row["failed"] else "")
            + f" | {row['losses']} ({row['resyncs']} resyncs) | {row['cpu']:.0%} | "
            f"{row['memory']:.0f} MB | {row['generator_delay_p99']:.0f} ms |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rooms", type=int, nargs="+", default=[10, 50, 100, 200])
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--keys", type=float, default=5)
    parser.add_argument("--settle", type=float, default=30)
    parser.add_argument("--relay", choices=["direct", "redis", "both"], default="both")
    parser.add_argument(
        "--leaves", choices=["before-store", "under-lock", "both"], default="both"
    )
    parser.add_argument(
        "--publish", choices=["when-heard", "always", "both"], default="both"
    )
    parser.add_argument("--pipeline", choices=["on", "off", "both"], default="both")
    parser.add_argument(
        "--workers", type=int, default=2, help="server processes (compose runs 2)"
    )
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    list_bench.database_prepare()
    folder = Path(tempfile.mkdtemp(prefix="mockloop-bench-scale-"))
    collect_static(folder)
    started = datetime.datetime.now()
    loads = [os.getloadavg()[0]]
    rows = []
    ways = {"direct": [True], "redis": [False], "both": [False, True]}[args.relay]
    times = {"before-store": [True], "under-lock": [False], "both": [False, True]}
    publishing = {"when-heard": [True], "always": [False], "both": [False, True]}
    pipelines = {"on": [True], "off": [False], "both": [False, True]}
    for count in args.rooms:
        for direct in ways:
            for early in times[args.leaves]:
                # Publishing only when heard needs the direct relay.
                for heard in publishing[args.publish] if direct else [False]:
                    for pipelined in pipelines[args.pipeline]:
                        row = run_once(
                            count,
                            args,
                            folder,
                            direct=direct,
                            early=early,
                            heard=heard,
                            pipelined=pipelined,
                        )
                        print(json.dumps(row), flush=True)
                        rows.append(row)
                        loads.append(os.getloadavg()[0])
    section = report(args, rows, list_bench.machine(), started, loads)
    print(section)
    if not args.no_write:
        list_bench.docs_write(section, heading=HEADING)


if __name__ == "__main__":
    main()
