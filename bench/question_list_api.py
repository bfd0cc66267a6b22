"""Speed of the question list API (GET /api/questions/) on a large bank.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/mockloop_bench \\
      .venv/bin/python bench/question_list_api.py [--questions 100000 \\
      --companies 500 --tags 1000000 --repeat 200 --page-size 20 --regenerate]

Creates and migrates the database if needed and generates the bank once (a rerun
with the same sizes reuses it). Then, for each filter mix at page 1 and page 500, it
times the request through Django's test client in this process (middleware,
session, DRF and serialisation included; no HTTP server in between), counts its SQL
queries, re-runs the same SQL statements directly on a cursor, and checks that the
number of queries does not grow with the page size. Besides wall-clock time it
records CPU time (this thread's plus the PostgreSQL backend's, from
/proc/PID/schedstat): on a machine shared with other work, wall time includes
waiting for a CPU, and CPU time is about what an idle machine would show.

The Markdown table it prints replaces the generated part of the "## Question list
API" section of docs/benchmarks.md; a "### Notes" part of that section, written by
hand, is kept, and other sections are left alone.
"""

import argparse
import datetime
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

import psycopg  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from question_bank_data import bank_generate, bank_matches  # noqa: E402

from users.models import User  # noqa: E402

DOCS = ROOT / "docs" / "benchmarks.md"
HEADING = "## Question list API"
NOTES = "### Notes"
BENCH_EMAIL = "bench@mockloop.test"
DEEP_PAGE = 500
WARM_UP = 5


@dataclass(frozen=True)
class Scenario:
    name: str
    query: str
    target_ms: float


SCENARIOS = [
    Scenario(
        "company + window, most asked first",
        "company=meta&window=6m&ordering=-frequency",
        25,
    ),
    Scenario(
        "kind + difficulty + topic",
        "kind=coding&difficulty=medium&topic=array&topic=hash-table",
        25,
    ),
    Scenario("full-text search", "search=interval", 40),
]


@dataclass(frozen=True)
class Samples:
    wall: list[float]
    cpu: list[float]


@dataclass(frozen=True)
class Result:
    scenario: Scenario
    page: int
    count: int
    queries: int
    api: Samples
    raw: Samples

    @property
    def ratio(self) -> float:
        return percentile(self.api.wall, 50) / percentile(self.raw.wall, 50)

    @property
    def met(self) -> bool:
        return percentile(self.api.wall, 95) <= self.scenario.target_ms and (
            self.ratio <= 3
        )


def percentile(samples: list[float], rank: int) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(rank / 100 * (len(ordered) - 1)))]


def cpu_ns() -> int:
    """CPU time used so far by this thread and by the connection's backend."""
    connection.ensure_connection()
    pid = connection.connection.info.backend_pid
    with open(f"/proc/{pid}/schedstat") as schedstat:
        backend = int(schedstat.read().split()[0])
    return time.thread_time_ns() + backend


def timed(runs: list, repeat: int) -> list[Samples]:
    """Time each run `repeat` times, taking turns, so that other work on the
    machine weighs on every run alike."""
    for _ in range(WARM_UP):
        for run in runs:
            run()
    samples = [Samples([], []) for _ in runs]
    for _ in range(repeat):
        for run, sample in zip(runs, samples, strict=True):
            cpu_started, started = cpu_ns(), time.perf_counter_ns()
            run()
            sample.wall.append((time.perf_counter_ns() - started) / 1e6)
            sample.cpu.append((cpu_ns() - cpu_started) / 1e6)
    return samples


def database_prepare() -> None:
    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.postgresql":
        sys.exit("Set DATABASE_URL to a PostgreSQL database, e.g. mockloop_bench.")
    server = psycopg.connect(
        host=database["HOST"] or None,
        port=database["PORT"] or None,
        user=database["USER"],
        password=database["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    )
    with server:
        name = database["NAME"]
        exists = server.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            print(f"Creating database {name}")
            server.execute(f'CREATE DATABASE "{name}"')
    call_command("migrate", interactive=False, verbosity=0)


def bench_user() -> User:
    user = User.objects.filter(email=BENCH_EMAIL).first()
    return user or User.objects.create_user(BENCH_EMAIL, None, display_name="Bench")


def bank_prepare(args, user: User) -> None:
    sizes = {
        "questions": args.questions,
        "companies": args.companies,
        "tags": args.tags,
    }
    if not args.regenerate and bank_matches(**sizes):
        print("Reusing the generated bank:", sizes)
        return
    started = time.perf_counter()
    print("Generating the bank:", sizes)
    bank_generate(**sizes, user_id=user.id)
    with connection.cursor() as cursor:
        # Adding the topics rewrote every question row once (the trigger of
        # migration 0005 fills topic_ids): compact the table as a restored
        # database would be, then set the visibility map that index-only scans
        # read, on it and on the tables the triggers filled (VACUUM FULL leaves
        # it empty, and new rows are not marked all-visible until a VACUUM).
        cursor.execute("VACUUM FULL questions_question")
        for table in (
            "question",
            "companybest",
            "questionsearch",
            "question_topics",
            "companytag",
            "progress",
        ):
            cursor.execute(f"VACUUM ANALYZE questions_{table}")
    print(f"Generated in {time.perf_counter() - started:.0f} s")


def wait_until_quiet(seconds: float) -> float:
    """Give other work on the machine a chance to finish before measuring; return
    how long that took."""
    started = time.monotonic()
    while os.getloadavg()[0] >= 1 and time.monotonic() - started < seconds:
        print(f"  load average {os.getloadavg()[0]:.1f}, waiting for a quieter machine")
        time.sleep(10)
    return time.monotonic() - started


def api_get(client: Client, query: str) -> dict:
    response = client.get(f"/api/questions/?{query}")
    if response.status_code != 200:
        raise RuntimeError(f"{query}: {response.status_code} {response.content[:300]}")
    return response.json()


def captured_sql(client: Client, query: str) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        api_get(client, query)
    return [entry["sql"] for entry in captured.captured_queries]


def raw_run(statements: list[str]):
    """The request's statements, as sent to the server, run directly on a cursor."""

    def run() -> None:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
                if cursor.description is not None:
                    cursor.fetchall()

    return run


def cases(client: Client, page_size: int):
    """Each scenario at page 1 and page 500, where the results reach that far."""
    found, missing = [], []
    for scenario in SCENARIOS:
        count = api_get(client, f"{scenario.query}&page_size={page_size}")["count"]
        pages = -(-count // page_size)
        for page in (1, DEEP_PAGE):
            if page <= pages:
                found.append((scenario, page, count))
                continue
            missing.append(
                f"- {scenario.name}: page {page} does not exist "
                f"({count:,} results make {pages} pages of {page_size})."
            )
    return found, missing


def measure(client: Client, page_size: int, repeat: int) -> list[Result]:
    found, _ = cases(client, page_size)
    queries = [
        f"{scenario.query}&page={page}&page_size={page_size}"
        for scenario, page, _ in found
    ]
    statements = [captured_sql(client, query) for query in queries]
    api = timed(
        [lambda query=query: api_get(client, query) for query in queries], repeat
    )
    raw = timed([raw_run(sql) for sql in statements], repeat)
    return [
        Result(scenario, page, count, len(sql), api_samples, raw_samples)
        for (scenario, page, count), sql, api_samples, raw_samples in zip(
            found, statements, api, raw, strict=True
        )
    ]


# Requests the issue sets no target for, measured so that a slow one shows: lists
# ordered by the highest of several tags, and the facet counts beside the list.
OTHER_REQUESTS = [
    ("one company, any window, most asked first", "/api/questions/?company=meta"),
    (
        "one company, any window, coding only",
        "/api/questions/?company=meta&kind=coding",
    ),
    (
        "two companies in one window, most asked first",
        "/api/questions/?company=meta&company=google&window=6m",
    ),
    ("one window, all companies, most asked first", "/api/questions/?window=30d"),
    ("one topic, by title", "/api/questions/?topic=array"),
    ("facets, no filter", "/api/questions/facets/"),
    ("facets, one company, any window", "/api/questions/facets/?company=meta"),
    ("facets, company + window", "/api/questions/facets/?company=meta&window=6m"),
    ("facets, search", "/api/questions/facets/?search=interval"),
    ("companies with their question counts", "/api/companies/"),
]
OTHER_REPEAT = 30


def other_urls(page_size: int) -> list[tuple[str, str]]:
    urls = []
    for name, path in OTHER_REQUESTS:
        if not path.startswith("/api/questions/?"):
            urls.append((name, path))  # not a paged list
            continue
        urls.append((name, f"{path}&page_size={page_size}"))
        urls.append(
            (
                f"{name}, page {DEEP_PAGE}",
                f"{path}&page={DEEP_PAGE}&page_size={page_size}",
            )
        )
    return urls


def others(client: Client, page_size: int) -> list[str]:
    def get(url: str) -> None:
        if client.get(url).status_code != 200:
            raise RuntimeError(f"{url} failed")

    urls = other_urls(page_size)
    samples = timed([lambda url=url: get(url) for _, url in urls], OTHER_REPEAT)
    lines = [
        "",
        f"Other requests, without a target ({OTHER_REPEAT} each, same client):",
        "",
        "| request | API p50 ms | API p95 ms |",
        "| --- | ---: | ---: |",
    ]
    for (name, url), sample in zip(urls, samples, strict=True):
        lines.append(
            f"| {name} `{url}` | {percentile(sample.wall, 50):.1f} "
            f"| {percentile(sample.wall, 95):.1f} |"
        )
    return lines


def floor(client: Client, repeat: int) -> str:
    """The fixed cost of an API request: one that finds nothing."""
    query = "search=qqqqzzzz"
    api, raw = (
        timed([lambda: api_get(client, query)], repeat)[0],
        timed([raw_run(captured_sql(client, query))], repeat)[0],
    )
    return (
        f"For comparison, a request that matches nothing (`{query}`: session, "
        f"user, one count) takes {percentile(api.wall, 50):.1f} ms at p50 "
        f"({percentile(raw.wall, 50):.1f} ms of it raw SQL): the fixed cost of "
        "middleware, session, DRF and the ORM on this machine."
    )


def queries_by_page_size(client: Client, scenario: Scenario) -> str:
    counts = []
    for page in (1, 2):
        small, large = (
            len(captured_sql(client, f"{scenario.query}&page={page}&page_size={size}"))
            for size in (10, 100)
        )
        verdict = "constant" if small == large else "NOT constant"
        counts.append(f"page {page}: {small} and {large}, {verdict}")
    return f"- {scenario.name}: " + "; ".join(counts) + "."


def machine() -> str:
    cpu = "unknown CPU"
    lscpu = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
    for line in lscpu.splitlines():
        if line.startswith("Model name:"):
            cpu = line.split(":", 1)[1].strip()
    cores = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        version = cursor.fetchone()[0].split(" on ")[0]
        cursor.execute(
            "SELECT current_setting('shared_buffers'), current_setting('jit'),"
            " datcollate FROM pg_database WHERE datname = current_database()"
        )
        buffers, jit, collation = cursor.fetchone()
    return (
        f"{cores} cores ({cpu}); {version} on the same machine (shared_buffers "
        f"{buffers}, jit {jit}, collation {collation}); Python "
        f"{sys.version.split()[0]}, Django {django.get_version()}"
    )


def report(args, results, notes, loads, started, waited) -> str:
    ms = "{:.1f}".format
    wall = sum(sum(r.api.wall) + sum(r.raw.wall) for r in results)
    cpu = sum(sum(r.api.cpu) + sum(r.raw.cpu) for r in results)
    lines = [
        HEADING,
        "",
        f"Measured {datetime.datetime.now():%Y-%m-%d %H:%M} on {machine()}. "
        f"Load average {loads[0]:.1f} when measuring began and {loads[1]:.1f} when "
        f"it ended; over the run, requests spent {1 - cpu / wall:.0%} of their "
        "time waiting for a CPU.",
        "",
        f"Bank: {args.questions:,} questions, {args.companies:,} companies, "
        f"{args.tags:,} company tags, 40 topics, generated by "
        "`bench/question_bank_data.py`. Each row: "
        f"{args.repeat} requests of {args.page_size} questions after {WARM_UP} "
        "warm-up ones, through Django's test client in one process (middleware, "
        "session, DRF and serialisation included; no HTTP server). *Raw SQL* runs "
        "the request's own statements (all of them: session, user, filters, count, "
        "page, prefetches) on a cursor. *CPU* is the request's CPU time in Django "
        "and PostgreSQL together. Run: `DATABASE_URL=postgres://postgres@127.0.0.1"
        ":5432/mockloop_bench .venv/bin/python bench/question_list_api.py`.",
        "",
        "| filters | page | results | queries | API p50 ms | API p95 ms "
        "| API CPU p50 ms | raw SQL p50 ms | raw SQL p95 ms | API ÷ raw SQL (p50) "
        "| target (p95) | met |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: "
        "| ---: | --- |",
    ]
    for result in results:
        lines.append(
            f"| {result.scenario.name} `{result.scenario.query}` | {result.page} "
            f"| {result.count:,} | {result.queries} "
            f"| {ms(percentile(result.api.wall, 50))} "
            f"| {ms(percentile(result.api.wall, 95))} "
            f"| {ms(percentile(result.api.cpu, 50))} "
            f"| {ms(percentile(result.raw.wall, 50))} "
            f"| {ms(percentile(result.raw.wall, 95))} | {result.ratio:.1f}× "
            f"| ≤ {result.scenario.target_ms:.0f} ms "
            f"| {'yes' if result.met else 'no'} |"
        )
    lines += [
        "",
        "A row is *met* when its API p95 is within the target and the API takes at "
        "most 3× its raw SQL. Queries per request at page size 10 and 100:",
        "",
        *notes,
        "",
        f"The whole run took {time.perf_counter() - started:.0f} s, {waited:.0f} s "
        "of it waiting for a quieter machine.",
        "",
    ]
    return "\n".join(lines)


def docs_write(generated: str, heading: str = HEADING) -> None:
    """Replace the section `heading` of docs/benchmarks.md with `generated`, keeping
    its hand-written "### Notes"; other sections belong to other benchmarks."""
    # Read again just before writing: another benchmark may have written meanwhile.
    text = DOCS.read_text() if DOCS.exists() else "# Benchmarks\n"
    lines = text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if line.rstrip() == heading), None)
    if start is None:
        DOCS.write_text(text.rstrip("\n") + "\n\n" + generated)
        return
    end = next(
        (i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")),
        len(lines),
    )
    notes = next((i for i in range(start, end) if lines[i].rstrip() == NOTES), end)
    kept = "".join(lines[notes:end])
    after = "".join(lines[end:])
    section = generated + ("\n" + kept if kept else "")
    DOCS.write_text(
        "".join(lines[:start])
        + section.rstrip("\n")
        + "\n"
        + ("\n" + after if after else "")
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--questions", type=int, default=100_000)
    parser.add_argument("--companies", type=int, default=500)
    parser.add_argument("--tags", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--page-size", type=int, default=20)
    parser.add_argument("--wait-quiet", type=float, default=120, metavar="SECONDS")
    parser.add_argument("--regenerate", action="store_true")
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args()
    started = time.perf_counter()

    database_prepare()
    user = bench_user()
    bank_prepare(args, user)
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)

    waited = wait_until_quiet(args.wait_quiet)
    loads = [os.getloadavg()[0]]
    results = measure(client, args.page_size, args.repeat)
    notes = [queries_by_page_size(client, scenario) for scenario in SCENARIOS]
    notes += cases(client, args.page_size)[1]
    notes += ["", floor(client, args.repeat)]
    notes += others(client, args.page_size)
    loads.append(os.getloadavg()[0])
    generated = report(args, results, notes, loads, started, waited)
    print()
    print(generated)
    if not args.no_write:
        docs_write(generated)
        print(f"Written to {DOCS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
