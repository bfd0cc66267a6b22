"""HTTP servers under load: the compose `web` command against gunicorn, side by side.

    .venv/bin/python bench/http_servers.py [--requests 2000 --concurrency 1,16,64 \\
      --rounds 1 --warm-up 100 --web-command "granian ... --port {port}" \\
      --no-keep-alive \\
      --keep-logs --no-write]

Needs ApacheBench (`apt-get install apache2-utils`) as the load generator: one small
C process, so the servers keep the CPU of this 2-core machine. Uses its own
PostgreSQL database, DATABASE_URL if set, else
postgres://postgres@127.0.0.1:5432/mockloop_bench_http (created and migrated if
missing, with the starter bank of `manage.py load_demo`), and REDIS_URL (else
redis://127.0.0.1:6379/0). A user gets a DRF token.

Two servers are measured, each on a free port of 127.0.0.1, in a production
environment (DEBUG=false, DATABASE_URL, REDIS_URL, SITE_URL, one SECRET_KEY for the
run, DATA_DIR in a temporary folder). They run with .venv from a copy of the project
taken when the run begins (its files that git does not ignore): others editing the
work tree meanwhile do not change what is measured halfway.

- web: the command of the `web` service of docker-compose.yml, the part after its
  last `&&` (the migration before it is done already), bound to 127.0.0.1 and the
  chosen port, with the executables of .venv/bin. `--web-command` measures another
  shell command instead (`{port}` is replaced by the port), e.g. once HTTP is
  served by several processes;
- gunicorn: `gunicorn config.wsgi -w 2`, the baseline.

For each round and each concurrency the two servers take turns (the order swaps
every round) answering the same `ab` load of GET
/api/questions/?kind=coding&page_size=20 with the token, so that on a shared, noisy
machine both meet the same conditions. Each load gets a server started afresh,
checked (/healthz, then the request itself must answer 200 with the list) and
warmed up, and stopped after it (its whole process group, on errors and Ctrl-C
too): a server left running keeps its PostgreSQL connections (see `running`).
With several rounds each figure is the median over rounds, errors are summed and
the peak is the highest. During each load a thread counts every 100 ms the
server's PostgreSQL connections (pg_stat_activity, by the application_name each
server gets through PGAPPNAME; not its own) and keeps the peak.

The Markdown table it prints replaces the generated part of the "## HTTP servers
under load" section of docs/benchmarks.md; a "### Notes" part of that section,
written by hand, is kept, and other sections are left alone.
"""

import argparse
import atexit
import contextlib
import datetime
import importlib.metadata
import io
import json
import os
import re
import secrets
import shlex
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = ROOT / ".venv" / "bin"
sys.path.insert(0, str(ROOT))
DATABASE_URL = os.environ.get(
    "DATABASE_URL", "postgres://postgres@127.0.0.1:5432/mockloop_bench_http"
)
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
DATA_DIR = Path(tempfile.mkdtemp(prefix="mockloop-bench-http-"))
if "--keep-logs" not in sys.argv:
    atexit.register(shutil.rmtree, DATA_DIR, ignore_errors=True)
# Both servers and this process share one key; nothing measured depends on it.
SECRET_KEY = secrets.token_urlsafe(50)
PRODUCTION = {
    "DEBUG": "false",
    "DATABASE_URL": DATABASE_URL,
    "REDIS_URL": REDIS_URL,
    "SECRET_KEY": SECRET_KEY,
    "DATA_DIR": str(DATA_DIR),
}
os.environ.update(PRODUCTION)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

# question_list_api sets Django up and holds the helpers this script shares with it.
import psycopg  # noqa: E402
import question_list_api as list_bench  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, connections  # noqa: E402
from rest_framework.authtoken.models import Token  # noqa: E402

from questions.models import Question  # noqa: E402

DOCS = list_bench.DOCS
HEADING = "## HTTP servers under load"
PATH = "/api/questions/?kind=coding&page_size=20"
BASELINE = "gunicorn config.wsgi -w 2 -b 127.0.0.1:{port}"
POLL_SECONDS = 0.1
START_TIMEOUT = 60
AB_TIMEOUT = 60
# The last line of a traceback, e.g. "psycopg.OperationalError: connection failed".
EXCEPTION_LINE = re.compile(r"^(?:[A-Za-z_]\w*\.)*[A-Za-z_]\w*(?:Error|Exception)\b")


@dataclass
class Server:
    name: str
    command_at: Callable[[int], str]  # port -> shell command, as run by `sh -c`
    log: Path  # every start of the server appends to it
    cwd: Path  # the copy of the project it runs from
    port: int = 0
    process: subprocess.Popen | None = None

    @property
    def command(self) -> str:
        return self.command_at(self.port)

    @property
    def shown(self) -> str:
        """The command as the report shows it: no paths of this machine, no port."""
        command = self.command_at(8000)
        command = command.replace(str(VENV_BIN) + "/", "").replace(str(ROOT) + "/", "")
        return re.sub(r"(?<!\d)8000(?!\d)", "<port>", command)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def app_name(self) -> str:
        return f"mockloop-bench-{self.name}"


@dataclass(frozen=True)
class Load:
    requests: int
    complete: int
    seconds: float
    non_2xx: int
    failed: int
    p50: float
    p99: float
    peak_connections: int
    kept_alive: int = 0  # answers on a connection kept open (gunicorn's sync: none)
    aborted: str = ""  # why ab stopped early, if it did

    @property
    def errors(self) -> int:
        return self.non_2xx + self.failed + (self.requests - self.complete)

    @property
    def rate(self) -> float:
        """2xx answers per second: a server answering errors fast is not fast."""
        good = self.complete - self.non_2xx - self.failed
        return good / self.seconds if self.seconds else 0.0


@dataclass
class Row:
    server: Server
    concurrency: int
    loads: list[Load] = field(default_factory=list)

    def median(self, attribute: str) -> float:
        return statistics.median(getattr(load, attribute) for load in self.loads)


# Preparing ----------------------------------------------------------------------------


def database_ready() -> tuple[str, int]:
    """Create and migrate the database, load the starter bank once and return a
    token and the number of questions the measured request pages through."""
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        sys.exit("Set DATABASE_URL to a PostgreSQL database, e.g. mockloop_bench_http.")
    list_bench.database_prepare()  # creates the database if missing, migrates
    if not Question.objects.filter(kind="coding").exists():
        print("Loading the starter bank (manage.py load_demo)")
        call_command("load_demo", verbosity=0, stdout=io.StringIO())
    token, _ = Token.objects.get_or_create(user=list_bench.bench_user())
    count = Question.objects.filter(kind="coding").count()
    return token.key, count


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def compose_web_command(project: Path) -> str:
    """The server part of the compose `web` command: what follows its last `&&`
    in the script it gives `sh -c` (or the whole command, without a shell)."""
    compose = yaml.safe_load((project / "docker-compose.yml").read_text())
    command = compose["services"]["web"]["command"]
    words = shlex.split(command) if isinstance(command, str) else command
    if len(words) >= 3 and Path(words[0]).name in ("sh", "bash") and words[1] == "-c":
        script = words[2]
    else:
        script = shlex.join(words)
    return script.split("&&")[-1].strip()


def bound_here(command: str, port: int) -> str:
    """`command` with its address replaced by 127.0.0.1:`port` (uvicorn's
    --host/--port or gunicorn's -b/--bind) and its executable taken from .venv/bin."""
    words = shlex.split(command)
    if words and words[0] == "exec":
        words = words[1:]
    replaced = set()
    out = []
    values = {"--host": "127.0.0.1", "--port": str(port), "--bind": f"127.0.0.1:{port}"}
    aliases = {"-b": "--bind"}
    index = 0
    while index < len(words):
        word = words[index]
        spelt, equals, _ = word.partition("=")
        option = aliases.get(spelt, spelt)
        if option in values:
            out += [spelt, values[option]]
            replaced.add(option)
            index += 1 if equals else 2
            continue
        if word.startswith("-b") and len(word) > 2:  # gunicorn's -b0.0.0.0:8000
            out += ["-b", values["--bind"]]
            replaced.add("--bind")
        else:
            out.append(word)
        index += 1
    if not replaced & {"--port", "--bind"}:
        sys.exit(
            f"Found no --port or -b/--bind in the compose web command {command!r}; "
            "say what to measure with --web-command."
        )
    if (VENV_BIN / out[0]).exists():
        out[0] = str(VENV_BIN / out[0])
    return shlex.join(out)


# Running the servers ------------------------------------------------------------------


def server_start(server: Server) -> None:
    server.port = free_port()
    env = {
        **os.environ,
        **PRODUCTION,
        "SITE_URL": server.url,
        "PATH": f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        "PYTHONPATH": str(server.cwd),
        "PGAPPNAME": server.app_name,
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    with server.log.open("ab") as log:
        server.process = subprocess.Popen(
            ["sh", "-c", server.command],
            cwd=server.cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, stopped as one
        )


def server_stop(server: Server) -> None:
    process = server.process
    if process is None or process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def fetch(url: str, token: str | None = None) -> tuple[int, bytes, str]:
    request = urllib.request.Request(url)
    if token:
        request.add_header("Authorization", f"Token {token}")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read(), response.headers["Content-Type"]
    except urllib.error.HTTPError as error:
        return error.code, error.read(), error.headers["Content-Type"] or ""


def server_ready(server: Server, token: str, expected: int) -> None:
    """Wait for /healthz, then check that the measured request answers the list."""
    deadline = time.monotonic() + START_TIMEOUT
    status = None
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            sys.exit(f"{server.name} exited at start:\n{log_tail(server)}")
        with contextlib.suppress(OSError):
            status = fetch(server.url + "/healthz")[0]
            if status == 200:
                break
        time.sleep(0.2)
    else:
        sys.exit(f"{server.name}: /healthz answered {status}\n{log_tail(server)}")
    status, body, content_type = fetch(server.url + PATH, token)
    if status != 200 or not content_type.startswith("application/json"):
        sys.exit(
            f"{server.name}: {PATH} answered {status} {content_type}: {body[:300]}"
        )
    count = json.loads(body)["count"]
    if count != expected or not json.loads(body)["results"]:
        sys.exit(f"{server.name}: {PATH} found {count} questions, not {expected}")


@contextlib.contextmanager
def running(server: Server, token: str, expected: int, warm_up: int):
    """A fresh server process, checked and warmed up; stopped after the block.

    A fresh one for each load: an ASGI server serving through Django's own handler
    kept the PostgreSQL connections it opened under load (82 of them still open
    100 s after a load of 64 concurrent requests, on a server allowing 100 in all),
    and one left running between its loads would starve the other server, and
    everybody else using this PostgreSQL, of connections."""
    server_start(server)
    try:
        server_ready(server, token, expected)
        if warm_up:
            done = subprocess.run(
                ["ab", "-q", *KEEP_ALIVE, "-n", str(warm_up), "-c", "4"]
                + ["-H", f"Authorization: Token {token}", server.url + PATH],
                capture_output=True,
                text=True,
            )
            if done.returncode != 0:
                sys.exit(f"{server.name}: warm-up failed: {done.stderr}")
        yield server
    finally:
        server_stop(server)


def log_tail(server: Server, lines: int = 30) -> str:
    return "\n".join(server.log.read_text(errors="replace").splitlines()[-lines:])


def log_errors(server: Server) -> tuple[int, list[tuple[str, int]]]:
    """Requests logged as failing (500s) and the commonest exception lines."""
    text = server.log.read_text(errors="replace").splitlines()
    failed = sum(line.startswith("Internal Server Error") for line in text)
    exceptions = Counter(
        line.strip()[:240] for line in text if EXCEPTION_LINE.match(line)
    )
    return failed, exceptions.most_common(3)


# Measuring ----------------------------------------------------------------------------


class PeakConnections:
    """Counts the server's PostgreSQL connections every POLL_SECONDS on a connection
    of its own (not counted) while the block runs; `peak` is the highest count."""

    def __init__(self, app_name: str):
        self.app_name = app_name
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._poll, daemon=True)

    def __enter__(self):
        database = settings.DATABASES["default"]
        self._connection = psycopg.connect(
            host=database["HOST"] or None,
            port=database["PORT"] or None,
            user=database["USER"],
            password=database["PASSWORD"] or None,
            dbname=database["NAME"],
            autocommit=True,
        )
        self._count()
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self._count()
        self._connection.close()

    def _count(self) -> None:
        (count,) = self._connection.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
            " AND application_name = %s AND pid <> pg_backend_pid()",
            [self.app_name],
        ).fetchone()
        self.peak = max(self.peak, count)

    def _poll(self) -> None:
        while not self._stop.wait(POLL_SECONDS):
            self._count()


# ab's -k asks for keep-alive, as browsers and most proxies do (Caddy, Traefik,
# nginx with upstream keepalive): granian grants it, gunicorn's sync workers refuse
# it, and that difference is part of what users get. --no-keep-alive measures every
# request on a connection of its own, as behind a proxy that keeps none upstream.
KEEP_ALIVE: list[str] = ["-k"]


def ab(server: Server, token: str, requests: int, concurrency: int) -> Load:
    """One ApacheBench run; --rounds of them make a row."""
    csv = server.log.with_suffix(".csv")
    command = [
        "ab",
        *("-q", *KEEP_ALIVE, "-r", "-l"),  # go on after socket errors
        *("-s", str(AB_TIMEOUT), "-n", str(requests), "-c", str(concurrency)),
        *("-H", f"Authorization: Token {token}", "-H", "Accept: application/json"),
        *("-e", str(csv)),
        server.url + PATH,
    ]
    with PeakConnections(server.app_name) as peak:
        result = subprocess.run(command, capture_output=True, text=True)
    return ab_parse(result, csv, requests, peak.peak)


def ab_parse(result, csv: Path, requests: int, peak: int) -> Load:
    def number(label: str, default: float | None = None) -> float:
        found = re.search(rf"^{label}:\s+([\d.]+)", result.stdout, re.MULTILINE)
        if found is None:
            if default is None:
                raise ValueError(label)
            return default
        return float(found.group(1))

    try:
        times = {}
        for line in csv.read_text().splitlines()[1:]:
            percent, ms = line.split(",")
            times[int(percent)] = float(ms)
        return Load(
            requests=requests,
            complete=int(number("Complete requests")),
            seconds=number("Time taken for tests"),
            non_2xx=int(number("Non-2xx responses", 0)),
            failed=int(number("Failed requests")),
            p50=times[50],
            p99=times[99],
            peak_connections=peak,
            kept_alive=int(number("Keep-Alive requests", 0)),
        )
    except (ValueError, KeyError, OSError):
        # ab gave up (a refused connection, a timeout): everything counts as failed.
        reason = (result.stderr.strip().splitlines() or ["no output"])[-1]
        return Load(requests, 0, 0.0, 0, 0, 0.0, 0.0, peak, aborted=reason)


def measure(servers, token, count, args) -> list[Row]:
    rows = {
        (server.name, concurrency): Row(server, concurrency)
        for concurrency in args.concurrency
        for server in servers
    }
    for round_ in range(args.rounds):
        for concurrency in args.concurrency:
            # Swap who goes first every round: neither always meets the machine
            # the other one just warmed or left busy.
            for server in servers if round_ % 2 == 0 else servers[::-1]:
                with running(server, token, count, args.warm_up):
                    load = ab(server, token, args.requests, concurrency)
                rows[server.name, concurrency].loads.append(load)
                print(
                    f"  round {round_ + 1}, c={concurrency:<3} {server.name:<9}"
                    f"{load.rate:8.1f} req/s  p50 {load.p50:6.1f} ms  "
                    f"p99 {load.p99:7.1f} ms  errors {load.errors:5}  "
                    f"PG connections {load.peak_connections:3}"
                    + (f"  ab stopped: {load.aborted}" if load.aborted else ""),
                    flush=True,
                )
    return list(rows.values())


# Reporting ----------------------------------------------------------------------------


def code_snapshot() -> tuple[Path, str]:
    """Copy the project's files (committed, changed and new; not the ignored ones
    such as .venv) to the temporary folder, for the servers to run from: others may
    be editing the work tree during the run, and each load starts a server afresh.
    Returns the copy and which code it holds."""

    def git(*words: str) -> bytes:
        # No optional locks: others may be committing in this work tree meanwhile.
        env = {**os.environ, "GIT_OPTIONAL_LOCKS": "0"}
        command = ["git", "-C", str(ROOT), *words]
        return subprocess.run(command, capture_output=True, env=env, check=True).stdout

    copy = DATA_DIR / "code"
    names = git("ls-files", "-z", "--cached", "--others", "--exclude-standard")
    for name in filter(None, names.split(b"\0")):
        source = ROOT / os.fsdecode(name)
        if source.is_file():  # not a tracked file deleted in the work tree
            (copy / os.fsdecode(name)).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy / os.fsdecode(name))
    commit = git("rev-parse", "--short", "HEAD").decode().strip()
    changed = git("status", "--porcelain").decode().splitlines()
    code = f"commit {commit}"
    if changed:
        code += f" with uncommitted changes to {len(changed)} files"
    return copy, f"{code}, copied at {datetime.datetime.now():%H:%M}"


def versions() -> str:
    names = ("uvicorn", "gunicorn")
    found = ", ".join(f"{n} {importlib.metadata.version(n)}" for n in names)
    ab_version = subprocess.run(["ab", "-V"], capture_output=True, text=True).stdout
    ab_version = re.search(r"Version ([\d.]+)", ab_version)
    return f"{found}; ApacheBench {ab_version.group(1) if ab_version else '?'}"


def max_connections() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('max_connections')")
        return cursor.fetchone()[0]


def table(rows: list[Row]) -> list[str]:
    ms = "{:.1f}".format
    lines = [
        "| server | concurrency | req/s | p50 ms | p99 ms | errors "
        "| peak PG connections | req/s web ÷ gunicorn |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    baseline = {
        row.concurrency: row.median("rate")
        for row in rows
        if row.server.name == "gunicorn"
    }
    for row in rows:
        loads = row.loads
        errors = sum(load.errors for load in loads)
        total = sum(load.requests for load in loads)
        error_text = f"{errors:,}"
        if errors:
            parts = [
                f"{sum(load.non_2xx for load in loads):,} non-2xx",
                f"{sum(load.failed for load in loads):,} failed",
            ]
            aborted = sum(load.requests - load.complete for load in loads)
            if aborted:
                parts.append(f"{aborted:,} not sent")
            error_text += f" of {total:,} ({', '.join(parts)})"
        rate = row.median("rate")
        ratio = ""
        if row.server.name == "web" and baseline.get(row.concurrency):
            ratio = f"{rate / baseline[row.concurrency]:.2f}×"
        lines.append(
            f"| {row.server.name} | {row.concurrency} | {rate:,.1f} "
            f"| {ms(row.median('p50'))} | {ms(row.median('p99'))} | {error_text} "
            f"| {max(load.peak_connections for load in loads)} | {ratio} |"
        )
    return lines


def kept_alive(rows: list[Row]) -> str:
    shares = {}
    for name in ("web", "gunicorn"):
        loads = [load for row in rows if row.server.name == name for load in row.loads]
        complete = sum(load.complete for load in loads)
        shares[name] = sum(load.kept_alive for load in loads) / max(complete, 1)
    text = "Answers on a kept-alive connection: " + ", ".join(
        f"{name} {share:.0%}" for name, share in shares.items()
    )
    if KEEP_ALIVE:
        text += (
            " (ab asks for keep-alive; gunicorn's sync workers close every "
            "connection after one answer)"
        )
    else:
        text += (
            " (keep-alive not asked for: every request opens a TCP connection, as "
            "behind a proxy that keeps no upstream connections)"
        )
    return text + "."


def log_lines(servers: list[Server]) -> list[str]:
    lines = []
    for server in servers:
        failed, exceptions = log_errors(server)
        if not failed and not exceptions:
            lines.append(f"- {server.name}: no error logged.")
            continue
        lines.append(
            f"- {server.name}: {failed:,} requests logged as *Internal Server "
            "Error*; commonest exception lines:"
        )
        lines += [f"  - {count:,}× `{text}`" for text, count in exceptions]
    return lines


def report(args, servers, rows, machine, loads, count, started, code) -> str:
    web, gunicorn = servers
    environment = (
        "`DEBUG=false`, `DATABASE_URL` (its own database), `REDIS_URL`, "
        f"`SITE_URL=http://127.0.0.1:<port>`, a `SECRET_KEY` of {len(SECRET_KEY)} "
        "random characters, "
        "`DATA_DIR` in a temporary folder"
    )
    source = (
        "given with `--web-command`"
        if args.web_command
        else "the `web` service of `docker-compose.yml`, after its last `&&`, bound to "
        "127.0.0.1"
    )
    rounds = (
        f"{args.rounds} rounds; each figure is the median of the rounds, errors are "
        "summed and the peak is the highest"
        if args.rounds > 1
        else "1 round"
    )
    options = [
        f"--requests {args.requests}",
        f"--concurrency {','.join(map(str, args.concurrency))}",
        f"--rounds {args.rounds}",
        f"--warm-up {args.warm_up}",
    ]
    if args.web_command:
        options.append(f"--web-command {shlex.quote(args.web_command)}")
    options = " ".join(options)
    lines = [
        HEADING,
        "",
        f"Measured {datetime.datetime.now():%Y-%m-%d %H:%M} on {machine}; "
        f"{versions()}; PostgreSQL max_connections {max_connections()}. Load "
        f"average {loads[0]:.1f} when measuring began and {loads[1]:.1f} when it "
        f"ended. Code: {code}, the servers running from that copy (files git "
        "does not ignore).",
        "",
        f"Each row: `ab {' '.join(KEEP_ALIVE + [''])}-r -l -s {AB_TIMEOUT} "
        f"-n {args.requests} -c <concurrency> "
        f"-H 'Authorization: Token <key>' http://127.0.0.1:<port>{PATH}` "
        f"(20 of the {count} coding questions of the starter bank, with a DRF token), "
        f"after {args.warm_up} warm-up requests; {rounds}. The two servers take turns, "
        "swapping the order each round; each load has a server of its own, started "
        "for it and stopped after it, in a production environment "
        f"({environment}). "
        "*req/s* counts 2xx answers only; *p50* and *p99* are over all answers, "
        "errors included; *errors* are non-2xx answers and failed "
        "(refused, reset, timed-out) requests; *peak PG connections* is the most "
        "connections the server had open to PostgreSQL at once, counted every "
        f"{POLL_SECONDS * 1000:.0f} ms in `pg_stat_activity` while its load ran. "
        f"Run: `.venv/bin/python bench/http_servers.py {options}`.",
        "",
        "Commands measured, run from that copy of the project:",
        "",
        f"- web ({source}): `{web.shown}`",
        f"- gunicorn (WSGI, the baseline): `{gunicorn.shown}`",
        "",
        *table(rows),
        "",
        kept_alive(rows),
        "",
        "Errors in the server logs over the whole run:",
        "",
        *log_lines(servers),
        "",
        f"The whole run took {time.perf_counter() - started:.0f} s.",
        "",
    ]
    return "\n".join(lines)


def docs_write(generated: str) -> None:
    list_bench.docs_write(generated, heading=HEADING)


def concurrency_list(text: str) -> list[int]:
    values = [int(value) for value in text.split(",") if value.strip()]
    if not values or min(values) < 1:
        raise argparse.ArgumentTypeError("give positive numbers, e.g. 1,16,64")
    return values


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=2000, help="per load")
    parser.add_argument("--concurrency", type=concurrency_list, default=[1, 16, 64])
    parser.add_argument("--rounds", type=int, default=1, help="median over rounds")
    parser.add_argument("--warm-up", type=int, default=100, help="requests, not timed")
    parser.add_argument(
        "--web-command",
        help="shell command to measure instead of the compose web command; "
        "{port} is replaced by the port it must listen on (127.0.0.1)",
    )
    parser.add_argument(
        "--no-keep-alive", action="store_true", help="ab without -k: no keep-alive"
    )
    parser.add_argument("--keep-logs", action="store_true", help="keep server logs")
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args()
    KEEP_ALIVE[:] = [] if args.no_keep_alive else ["-k"]
    if min(args.requests, args.rounds) < 1 or args.warm_up < 0:
        parser.error("--requests and --rounds must be at least 1, --warm-up 0 or more")
    if shutil.which("ab") is None:
        sys.exit("Needs ApacheBench: apt-get install apache2-utils")
    started = time.perf_counter()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("Stopped by SIGTERM"))

    token, count = database_ready()
    machine = list_bench.machine()
    connections.close_all()  # this process holds no connection while measuring

    code_copy, code = code_snapshot()
    compose = None if args.web_command else compose_web_command(code_copy)

    def web_at(port: int) -> str:
        if compose is None:  # not str.format: a shell command may hold other braces
            return args.web_command.replace("{port}", str(port))
        return bound_here(compose, port)

    servers = [
        Server("web", web_at, DATA_DIR / "web.log", code_copy),
        Server(
            "gunicorn",
            lambda port: f"{VENV_BIN}/{BASELINE.format(port=port)}",
            DATA_DIR / "gunicorn.log",
            code_copy,
        ),
    ]
    for server in servers:
        print(f"Measuring {server.name}: {server.shown}")
    loads = [os.getloadavg()[0]]
    print(f"Load average {loads[0]:.1f}; {args.requests} requests a load; {code}")
    # Ctrl-C or SIGTERM stop the server under load (`running`) before exiting.
    rows = measure(servers, token, count, args)
    loads.append(os.getloadavg()[0])
    generated = report(args, servers, rows, machine, loads, count, started, code)
    connections.close_all()
    print()
    print(generated)
    if not args.no_write:
        docs_write(generated)
        print(f"Written to {DOCS.relative_to(ROOT)}")
    if args.keep_logs:
        print(f"Server logs kept in {DATA_DIR}")


if __name__ == "__main__":
    main()
