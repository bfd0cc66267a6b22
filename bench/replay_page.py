"""The replay of a long round: what its updates cost on the wire and how soon the
page shows the pad's text, in a real Chromium against the production command.

    .venv/bin/python bench/replay_page.py [--updates 10000 --runs 5 --no-write]

A finished round whose shared pad holds `--updates` keystrokes (one Yjs update
each, spread over the round) on PostgreSQL (DATABASE_URL, default
mockloop_bench_room); granian with two workers as compose runs it; Debian's
Chromium through Playwright opens the replay page as the round's interviewer, each
run with a fresh browser context (nothing cached in the browser). Reported: the
page's HTML and the updates' JSON as sent (gzipped) and before compression, and
the median and worst time from navigation to the pad's full text on screen. The
table replaces the generated part of the "## Replay" section of
docs/benchmarks.md; its "### Notes" are kept.
"""

import argparse
import datetime
import os
import random
import statistics
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
from django.db.models import F  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402
from pycrdt import Doc, Text  # noqa: E402

from rooms.models import Pad, PadKind, PadUpdate  # noqa: E402
from rooms.services.pads import round_pads_ensure  # noqa: E402
from tests.feedback.support import finished_session, rounds_of  # noqa: E402
from tests.server_process import ServerProcess, collect_static  # noqa: E402
from users.models import User  # noqa: E402

HEADING = "## Replay"


def round_prepare(count: int):
    stamp = int(time.time())
    people = [
        User.objects.create_user(
            f"replay-{stamp}-{role}@mockloop.test", None, display_name=role.title()
        )
        for role in ("host", "partner")
    ]
    round_ = rounds_of(finished_session(host=people[0], partner=people[1]))[0]
    pad = round_pads_ensure(round_=round_)[PadKind.SHARED]
    doc = Doc()
    text = doc.get("pad", type=Text)
    random.seed(stamp)
    rows = []
    span = (round_.ended_at - round_.started_at) / count
    for _ in range(count):
        before = doc.get_state()
        at = max(0, len(text) - random.randint(0, 3))
        text.insert(at, random.choice("abcdefghij (),:\n    "))
        rows.append(PadUpdate(pad=pad, data=doc.get_update(before)))
    created = PadUpdate.objects.bulk_create(rows, batch_size=2000)
    # created_at is set on insert; the keystrokes are spread over the round.
    for number, row in enumerate(created):
        row.created_at = round_.started_at + span * number
    PadUpdate.objects.bulk_update(created, ["created_at"], batch_size=2000)
    Pad.objects.filter(pk=pad.pk).update(
        log_bytes=F("log_bytes") + sum(len(r.data) for r in rows)
    )
    client = Client()
    client.force_login(round_.interviewer)
    cookie = client.cookies["sessionid"].value
    return round_, str(text), cookie


def measure(server, round_, expected: str, cookie: str, runs: int) -> dict:
    page_url = server.url + reverse("round-replay", args=[round_.session_id, 0])
    found = {"times": []}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium")
        for _ in range(runs):
            context = browser.new_context()
            context.add_cookies(
                [{"name": "sessionid", "value": cookie, "url": server.url}]
            )
            page = context.new_page()
            wire = {}

            def finished(request, wire=wire):
                sizes = request.sizes()
                kind = "updates" if "/replay/updates/" in request.url else "page"
                if kind == "page" and "/replay/" not in request.url:
                    return
                response = request.response()
                wire[kind] = (
                    sizes["responseBodySize"],
                    len(response.body()),
                    response.headers.get("content-encoding", "none"),
                )

            page.on("requestfinished", finished)
            started = time.perf_counter()
            page.goto(page_url, wait_until="commit")
            try:
                page.wait_for_function(
                    "([length]) => document.querySelector('[data-pad]')"
                    ".textContent.length === length",
                    arg=[len(expected)],
                    timeout=30000,
                )
            except Exception:
                shown = page.locator("[data-pad]").text_content()
                sys.exit(
                    f"The pad shows {shown[:200]!r}, not the {len(expected)} "
                    "characters typed"
                )
            found["times"].append((time.perf_counter() - started) * 1000)
            assert page.locator("[data-pad]").text_content() == expected
            page.wait_for_load_state("networkidle")
            found.setdefault("phases", []).append(
                page.evaluate(
                    """() => {
                    const r = performance.getEntriesByType('resource');
                    const u = r.find((e) => e.name.includes('/replay/updates/'));
                    const n = performance.getEntriesByType('navigation')[0];
                    const [fcp] = performance.getEntriesByName(
                      'first-contentful-paint');
                    return {html: n.responseEnd, dcl: n.domContentLoadedEventEnd,
                      paint: fcp ? fcp.startTime : null,
                      fetchStart: u.startTime, fetchEnd: u.responseEnd,
                      now: performance.now()};
                }"""
                )
            )
            found.update(wire)
            context.close()
        browser.close()
    return found


def report(args, found, machine, started, loads) -> str:
    times = found["times"]
    page, updates = found["page"], found["updates"]
    return "\n".join(
        [
            HEADING,
            "",
            f"Measured {started:%Y-%m-%d %H:%M} on {machine}. Load average "
            f"{loads[0]:.1f} when measuring began and {loads[1]:.1f} when it ended.",
            "",
            f"A finished round of {args.updates:,} stored keystrokes, its replay "
            "opened by its interviewer in Debian's Chromium (a fresh context each "
            "run), granian with two workers on PostgreSQL: `.venv/bin/python "
            f"bench/replay_page.py --updates {args.updates} --runs {args.runs}`.",
            "",
            "| what | on the wire | before compression | encoding |",
            "| --- | ---: | ---: | --- |",
            f"| the page | {page[0] / 1024:.1f} KB | {page[1] / 1024:.1f} KB | "
            f"{page[2]} |",
            f"| its updates (JSON) | {updates[0] / 1024:.1f} KB | "
            f"{updates[1] / 1024:.1f} KB | {updates[2]} |",
            "",
            f"From navigation to the pad's whole text on screen: median "
            f"{statistics.median(times):.0f} ms, worst {max(times):.0f} ms over "
            f"{len(times)} runs. The updates (for moving back through the round) "
            "had arrived by a median of "
            f"{statistics.median(p['fetchEnd'] for p in found['phases']):.0f} ms; "
            "the page's HTML had arrived by a median of "
            f"{statistics.median(p['html'] for p in found['phases']):.0f} ms and "
            "was first painted by a median of "
            f"{statistics.median(p['paint'] for p in found['phases']):.0f} ms.",
            "",
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--updates", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    list_bench.database_prepare()
    round_, expected, cookie = round_prepare(args.updates)
    folder = Path(tempfile.mkdtemp(prefix="mockloop-bench-replay-"))
    collect_static(folder)
    server = ServerProcess(folder, redis_url=settings.REDIS_URL, workers=2).start()
    started = datetime.datetime.now()
    loads = [os.getloadavg()[0]]
    try:
        found = measure(server, round_, expected, cookie, args.runs)
    finally:
        server.stop()
    loads.append(os.getloadavg()[0])
    section = report(args, found, list_bench.machine(), started, loads)
    print(section)
    if not args.no_write:
        list_bench.docs_write(section, heading=HEADING)


if __name__ == "__main__":
    main()
