"""Run's weight and its time to first run, in Debian's Chromium.

    .venv/bin/python bench/run_weight.py [--runs 3 --no-write]

Sizes, from static/dist (node build.mjs) and its meta.json: the room page's first
load (room.js with what it imports statically and the pad's chunk, and room.css),
gzipped at level 9 as whitenoise serves them; the runner's lazy chunk (run.js and
what it adds); the two workers; Pyodide's files as served (gzipped where whitenoise
compresses them: everything but the stdlib's zip).

Time to first run: static/dist served on 127.0.0.1 by a thread of this process
(no network, no room: the worker alone), a page starts run_python_worker.js and
posts `print(sum(range(10**6)))`; timed from the post to the worker's "done".
Cold: a fresh browser context, nothing cached; cached: a new page in the same
context (the browser's HTTP cache holds Pyodide); warm: a second run in the same
worker (Pyodide already loaded). The same for run_js_worker.js. Median of --runs.
The table replaces the generated part of the "## Run" section of
docs/benchmarks.md; its "### Notes" are kept.
"""

import argparse
import datetime
import http.server
import os
import platform
import statistics
import sys
import threading
from functools import partial

from bundles import DIST, ROOT, bundle_outputs, chunk_closure, gz, room_javascript
from playwright.sync_api import sync_playwright

DOC = ROOT / "docs" / "benchmarks.md"
BUDGET_KB = 200
HEADING = "## Run"

PAGE = b"""<!doctype html><meta charset="utf-8"><title>bench</title><script>
window.runOnce = (name, code, worker) => new Promise((resolve) => {
  worker = worker || new Worker(`/${name}.js`, { type: "module" });
  const began = performance.now();
  worker.onmessage = ({ data }) => {
    if (data.type === "done") resolve({ ms: performance.now() - began, worker });
  };
  worker.postMessage({ code, examples: null });
});
window.twice = async (name, code) => {
  const first = await window.runOnce(name, code);
  const second = await window.runOnce(name, code, first.worker);
  return [first.ms, second.ms];
};
</script>"""


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".wasm": "application/wasm",
        ".json": "application/json",
    }

    def do_GET(self):
        if self.path == "/bench.html":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(PAGE)
            return
        super().do_GET()

    def log_message(self, *args):
        pass


def weights() -> list[tuple[str, int, int]]:
    outputs = bundle_outputs()
    room = room_javascript(outputs)
    room.add("static/dist/room.css")
    runner = chunk_closure(outputs, next(p for p in outputs if "/run-" in p)) - room
    rows = []
    for label, paths in [
        ("room page, first load (JS + CSS)", room),
        ("runner chunk (run.js)", runner),
    ]:
        files = [ROOT / p for p in paths]
        rows.append(
            (label, sum(f.stat().st_size for f in files), sum(gz(f) for f in files))
        )
    for name in ["run_python_worker", "run_js_worker"]:
        paths = chunk_closure(outputs, f"static/dist/{name}.js") - room - runner
        files = [ROOT / p for p in paths]
        rows.append(
            (
                f"{name}.js and its own imports",
                sum(f.stat().st_size for f in files),
                sum(gz(f) for f in files),
            )
        )
    for name in [
        "pyodide.mjs",
        "pyodide.asm.js",
        "pyodide.asm.wasm",
        "python_stdlib.zip",
        "pyodide-lock.json",
    ]:
        path = DIST / "pyodide" / name
        served = path.stat().st_size if name.endswith(".zip") else gz(path)
        rows.append((f"pyodide/{name}", path.stat().st_size, served))
    return rows


def timings(runs: int) -> dict[str, list[float]]:
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), partial(Handler, directory=str(DIST))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/bench.html"
    found = {
        key: []
        for key in ["python cold", "python cached", "python warm", "js cold", "js warm"]
    }
    code = {
        "run_python_worker": "print(sum(range(10**6)))",
        "run_js_worker": "let s = 0; for (let i = 0; i < 1e6; i++) s += i; "
        "console.log(s);",
    }
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--disable-gpu", "--no-first-run", "--disable-background-networking"],
        )
        for _ in range(runs):
            context = browser.new_context()
            page = context.new_page()
            page.goto(url)
            cold, warm = page.evaluate(
                "([n, c]) => window.twice(n, c)",
                ["run_python_worker", code["run_python_worker"]],
            )
            found["python cold"].append(cold)
            found["python warm"].append(warm)
            again = context.new_page()
            again.goto(url)
            cached, _ = again.evaluate(
                "([n, c]) => window.twice(n, c)",
                ["run_python_worker", code["run_python_worker"]],
            )
            found["python cached"].append(cached)
            cold, warm = page.evaluate(
                "([n, c]) => window.twice(n, c)",
                ["run_js_worker", code["run_js_worker"]],
            )
            found["js cold"].append(cold)
            found["js warm"].append(warm)
            context.close()
        browser.close()
    server.shutdown()
    return found


def report(rows, found, runs: int) -> str:
    now = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M")
    cpu = platform.processor() or platform.machine()
    room_gz = rows[0][2] / 1000
    lines = [
        f"Measured {now} UTC on {os.cpu_count()} cores ({cpu}); Debian's Chromium, "
        "static/dist served on 127.0.0.1 (no network in between): "
        f"`.venv/bin/python bench/run_weight.py --runs {runs}`.",
        "",
        "The room page without the runner and the board: "
        f"**{room_gz:.1f} KB gzipped** of JavaScript and CSS (budget {BUDGET_KB} KB). "
        "The runner and Pyodide load only on the first Run.",
        "",
        "| what | bytes | served (gzipped) |",
        "| --- | ---: | ---: |",
        *(f"| {label} | {raw:,} | {served:,} |" for label, raw, served in rows),
        "",
        f"Time to a run's output, median of {runs} (ms):",
        "",
        "| run | median ms | worst ms |",
        "| --- | ---: | ---: |",
        *(
            f"| {key} | {statistics.median(values):,.0f} | {max(values):,.0f} |"
            for key, values in found.items()
        ),
    ]
    return "\n".join(lines) + "\n"


def write(text: str) -> None:
    doc = DOC.read_text()
    if HEADING not in doc:
        doc = doc.rstrip("\n") + f"\n\n{HEADING}\n\n### Notes\n"
    head, rest = doc.split(HEADING, 1)
    notes = rest.find("\n### Notes")
    following = rest.find("\n## ", 1)
    keep = (
        rest[notes:]
        if notes >= 0 and (following < 0 or notes < following)
        else rest[following:]
        if following >= 0
        else ""
    )
    DOC.write_text(f"{head}{HEADING}\n\n{text}{keep}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    text = report(weights(), timings(args.runs), args.runs)
    print(text)
    if not args.no_write:
        write(text)


if __name__ == "__main__":
    sys.exit(main())
