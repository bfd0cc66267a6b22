"""The room's tools the first time they are used: the whiteboard's first open and
Python's first and second Run, in Debian's Chromium against the production server.

    .venv/bin/python bench/room_tools_first_use.py [--runs 5 --no-write]

Two sessions, each with its interviewer and candidate: a system design round, whose
room opens on the whiteboard, and the built-in online assessment (a runnable coding
part, the pad first) with the pad set to Python. Granian with two workers, as
compose runs it, serves the collected static files on PostgreSQL (DATABASE_URL,
default its own database mockloop_bench_tools, created and migrated if missing) and
Redis (REDIS_URL, default redis://127.0.0.1:6379/5). Each run both people of a room
sign in through the login form in fresh browser contexts (nothing of the room
cached) and enter it; then, timed in the interviewer's or candidate's page up to
the first animation frame that shows the result:

- the design round: from the navigation to the room (the page's time origin)
  until Excalidraw's interactive canvas and its toolbar are on screen;
- the assessment, the interviewer clicks the Whiteboard tab: from the click (a
  capturing listener) until the same (board.js, React and Excalidraw load on that
  click); this is the browser test's "first drawing";
- the candidate clicks Run on a Python program: until its output is shown (Pyodide
  loads in its worker on that first click);
- the candidate clicks Run again on another program: until its output is shown.

Reported: the median and the worst of `--runs` runs. The table replaces the
generated part of the "## Room tools, first use" section of docs/benchmarks.md; its
"### Notes" are kept.
"""

import argparse
import datetime
import os
import statistics
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault(
    "DATABASE_URL", "postgres://postgres@127.0.0.1:5432/mockloop_bench_tools"
)
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/5")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

import question_list_api as list_bench  # noqa: E402
from django.conf import settings  # noqa: E402
from django.utils import timezone  # noqa: E402
from playwright.sync_api import expect, sync_playwright  # noqa: E402

from interviews.models import Format  # noqa: E402
from rooms.models import Pad, PadKind  # noqa: E402
from rooms.services.pads import round_pads_ensure  # noqa: E402
from tests.interviews.sessions_support import book  # noqa: E402
from tests.server_process import ServerProcess, collect_static  # noqa: E402
from users.models import User  # noqa: E402

HEADING = "## Room tools, first use"
PASSWORD = "bench-tools-first-use"
PROGRAMS = [
    ('print("first run", 6 * 7)\n', "first run 42"),
    ('print("second run", sum(range(10)))\n', "second run 45"),
]
# In the page: the time of the next click on `selector` (capturing, so before the
# page's own handler), then of the first animation frame that shows the result:
# Excalidraw's interactive canvas and toolbar, or the run's output holding `text`.
# In a design round's page, from its start: the first animation frame that shows
# Excalidraw, in the page's time (from the navigation).
ON_LOAD = """(() => {
  const found = (window.__bench = { ready: null });
  const shown = (element) => element !== null && element.offsetParent !== null;
  const check = () => {
    if (
      shown(document.querySelector("[data-board] canvas.interactive")) &&
      shown(document.querySelector('[data-testid="toolbar-rectangle"]'))
    ) found.ready = performance.now();
    else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})()"""
WATCH = """([selector, text]) => {
  const found = (window.__bench = { click: null, ready: null });
  const shown = (element) => element !== null && element.offsetParent !== null;
  const ready = () =>
    text === null
      ? shown(document.querySelector("[data-board] canvas.interactive")) &&
        shown(document.querySelector('[data-testid="toolbar-rectangle"]'))
      : (document.querySelector('[data-testid="run-output"]')?.textContent || "")
          .includes(text);
  // On the document: the page may render the button anew before it is clicked.
  const clicked = (event) => {
    if (!event.target.closest(selector)) return;
    found.click = performance.now();
    document.removeEventListener("click", clicked, { capture: true });
  };
  document.addEventListener("click", clicked, { capture: true });
  const check = () => {
    if (found.click !== null && ready()) found.ready = performance.now();
    else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
}"""


def sessions_prepare() -> dict:
    """For the design round and the assessment: (its interviewer, its candidate, the
    path of its room). Two pairs of people: nobody has two sessions at once."""
    stamp = int(time.time())
    rooms = {}
    for slug in ("onsite-system-design", "online-assessment"):
        interviewer, candidate = (
            User.objects.create_user(
                f"tools-{stamp}-{slug}-{role}@mockloop.test",
                PASSWORD,
                display_name=role.title(),
            )
            for role in ("interviewer", "candidate")
        )
        session = book(
            host=interviewer,
            partner=candidate,
            host_role="interviewer",
            format=Format.objects.get(slug=slug, owner=None),
            # Within the next minutes: pads take edits from 10 minutes before.
            starts_at=timezone.now() + datetime.timedelta(minutes=2),
        )
        round_ = session.rounds.get(order=0)
        pads = round_pads_ensure(round_=round_)
        Pad.objects.filter(pk=pads[PadKind.SHARED].pk).update(language="python")
        rooms[slug] = (interviewer, candidate, f"/sessions/{session.pk}/room/")
    return rooms


def enter(browser, server, user, room: str, script: str | None = None):
    """A fresh context (an empty cache), signed in through the form, in the room;
    `script` runs in each of its pages before the page's own."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    if script:
        context.add_init_script(script)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{server.url}/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(f"{server.url}/")
    page.goto(server.url + room)
    expect(page.locator("[data-connection]")).to_have_text("", timeout=30000)
    return context, page, errors


def timed_click(page, selector: str, text: str | None) -> float:
    """Milliseconds from a click on `selector` to the frame that shows the board
    (`text` None) or a run's output holding `text`."""
    page.evaluate(WATCH, [selector, text])
    page.locator(selector).click()
    page.wait_for_function("() => window.__bench.ready !== null", timeout=90000)
    return page.evaluate("() => window.__bench.ready - window.__bench.click")


@contextmanager
def room_pages(browser, server, room: str, people, what: str):
    """Each of `people` ((user, script) pairs) in the room in a fresh context, in
    order; their pages yielded, closed after, and any page error stops the bench."""
    contexts = []
    try:
        for user, script in people:
            contexts.append(enter(browser, server, user, room, script=script))
        yield [page for _, page, _ in contexts]
        errors = [error for _, _, each in contexts for error in each]
        if errors:
            sys.exit(f"{what} failed: {errors}")
    finally:
        for context, _, _ in contexts:
            context.close()


def board_clicked_once(browser, server, room) -> float:
    """A coding round's room (the pad first): the interviewer opens the board."""
    interviewer, candidate, room = room
    people = [(interviewer, None), (candidate, None)]
    with room_pages(browser, server, room, people, "The board's pages") as pages:
        tab = pages[0].get_by_test_id("tab-board")
        expect(tab).to_be_visible()
        expect(tab).to_have_attribute("aria-selected", "false")
        return timed_click(pages[0], '[data-testid="tab-board"]', None)


def board_first_once(browser, server, room) -> float:
    """A design round's room, which opens on the board: from the navigation to the
    room (the page's time origin) to the frame that shows Excalidraw."""
    interviewer, candidate, room = room
    people = [(interviewer, ON_LOAD), (candidate, None)]
    with room_pages(browser, server, room, people, "The design round's pages") as pages:
        pages[0].wait_for_function("() => window.__bench.ready !== null", timeout=90000)
        return pages[0].evaluate("() => window.__bench.ready")


def replace_pad_text(page, text: str) -> None:
    page.locator("[data-pad] .cm-content").click()
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.insert_text(text)


def runs_once(browser, server, room) -> list[float]:
    interviewer, candidate, room = room
    people = [(candidate, None), (interviewer, None)]
    with room_pages(browser, server, room, people, "The assessment's pages") as pages:
        times = []
        for code, shown in PROGRAMS:
            replace_pad_text(pages[0], code)
            expect(pages[0].get_by_test_id("run-button")).to_be_enabled()
            times.append(timed_click(pages[0], '[data-testid="run-button"]', shown))
        # The other person sees the same run.
        expect(pages[1].get_by_test_id("run-output")).to_contain_text(
            PROGRAMS[-1][1], timeout=20000
        )
        return times


def measure(server, rooms: dict, runs: int) -> dict:
    found = {"board first": [], "board": [], "first run": [], "second run": []}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", headless=True
        )
        try:
            for number in range(runs):
                design, assessment = (
                    rooms["onsite-system-design"],
                    rooms["online-assessment"],
                )
                found["board first"].append(board_first_once(browser, server, design))
                found["board"].append(board_clicked_once(browser, server, assessment))
                first, second = runs_once(browser, server, assessment)
                found["first run"].append(first)
                found["second run"].append(second)
                print(
                    f"run {number + 1}: "
                    + ", ".join(
                        f"{key} {values[-1]:.0f} ms" for key, values in found.items()
                    ),
                    flush=True,
                )
        finally:
            browser.close()
    return found


def report(args, found, machine, started, loads) -> str:
    labels = {
        "board first": "design round: navigation to the room → Excalidraw's canvas and "
        "toolbar shown (the room opens on the board)",
        "board": "coding round: click on the Whiteboard tab → Excalidraw's canvas and "
        "toolbar shown",
        "first run": "first click on Run (Python) → its output shown (Pyodide loads)",
        "second run": "second click on Run → its output shown",
    }
    rows = [
        f"| {labels[key]} | {statistics.median(values):,.0f} | {max(values):,.0f} | "
        + ", ".join(f"{value:,.0f}" for value in values)
        + " |"
        for key, values in found.items()
    ]
    return "\n".join(
        [
            HEADING,
            "",
            f"Measured {started:%Y-%m-%d %H:%M} on {machine}. Load average "
            f"{loads[0]:.1f} when measuring began and {loads[1]:.1f} when it ended.",
            "",
            "Debian's Chromium (headless, Playwright), a fresh browser context for "
            "each run, both people in the room; granian with two workers serving the "
            "collected static files, PostgreSQL and Redis on the same machine: "
            f"`.venv/bin/python bench/room_tools_first_use.py --runs {args.runs}`. "
            "The board opens by itself in a system design round's room (timed from "
            "the navigation) and behind its tab in a coding round's (the online "
            "assessment's, timed from the click); Run is the assessment's, the pad in "
            "Python. Timed in the page, up to the first frame that shows the result.",
            "",
            "| from → to | median ms | worst ms | each run, ms |",
            "| --- | ---: | ---: | --- |",
            *rows,
            "",
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    list_bench.database_prepare()
    rooms = sessions_prepare()
    folder = Path(tempfile.mkdtemp(prefix="mockloop-bench-tools-"))
    collect_static(folder)
    server = ServerProcess(folder, redis_url=settings.REDIS_URL, workers=2).start()
    started = datetime.datetime.now()
    loads = [os.getloadavg()[0]]
    try:
        found = measure(server, rooms, args.runs)
    finally:
        server.stop()
    loads.append(os.getloadavg()[0])
    section = report(args, found, list_bench.machine(), started, loads)
    print(section)
    if not args.no_write:
        list_bench.docs_write(section, heading=HEADING)


if __name__ == "__main__":
    main()
