"""Speed of `import_questions` on the largest company-list input available: the hxu296
long-form CSV (every company of the list in one file), plus all of ../shared/data.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/mockloop \
      .venv/bin/python bench/import_company_lists.py [--repeat 3] [--write-docs]

Works in its own database, mockloop_import_bench on the server DATABASE_URL names:
created and migrated at the start, dropped at the end. Each case runs --repeat times
and reports the median; "empty bank" cases delete the bank first. Prints a Markdown
section; --write-docs puts it under "## Import of company lists" in
docs/benchmarks.md, leaving the other sections as they are.
"""

import argparse
import datetime
import os
import platform
import statistics
import subprocess
import sys
from pathlib import Path

import environ

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
LONG_FORM = (
    SHARED
    / "hxu296-leetcode-company-wise-problems-2022"
    / "data"
    / "leetcode_problems_and_companies.csv"
)
DOCS = ROOT / "docs" / "benchmarks.md"
HEADING = "## Import of company lists"
BENCH_DATABASE = "mockloop_import_bench"

sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
server_url = os.environ.get("DATABASE_URL", "")
if not server_url.startswith(("postgres://", "postgresql://")):
    sys.exit(
        "Set DATABASE_URL to a PostgreSQL server, e.g. postgres://postgres@127.0.0.1:5432/mockloop"
    )
SERVER = environ.Env.db_url_config(server_url)
os.environ["DATABASE_URL"] = server_url.rsplit("/", 1)[0] + "/" + BENCH_DATABASE

import django  # noqa: E402

django.setup()

import psycopg  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, connections  # noqa: E402

from questions.importers import import_path  # noqa: E402
from questions.models import Company, Question, QuestionList, Source, Topic  # noqa: E402


def server_execute(sql: str) -> None:
    with psycopg.connect(
        host=SERVER["HOST"] or None,
        port=SERVER["PORT"] or None,
        user=SERVER["USER"],
        password=SERVER["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    ) as server:
        server.execute(sql)


def bank_empty() -> None:
    for model in (QuestionList, Question, Company, Topic, Source):
        model.objects.all().delete()


def measure(path: Path, *, repeat: int, empty_first: bool) -> dict:
    runs = []
    for _ in range(repeat):
        if empty_first:
            bank_empty()
        runs.append(import_path(path))
    seconds = statistics.median(report.seconds for report in runs)
    last = runs[-1]
    return {
        "rows": last.rows,
        "files": len(last.files),
        "seconds": seconds,
        "rate": last.rows / seconds,
        "created": last.created_total,
        "updated": last.updated_total,
        "skipped": len(last.skipped),
    }


def machine() -> str:
    cores = os.cpu_count()
    model = platform.processor() or platform.machine()
    try:
        lscpu = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
        model = next(
            line.split(":", 1)[1].strip()
            for line in lscpu.splitlines()
            if line.startswith("Model name")
        )
    except (OSError, StopIteration):
        pass
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0].split()[0]
    return (
        f"{cores} cores ({model}), PostgreSQL {postgres} on the same machine, "
        f"Python {platform.python_version()}"
    )


def section(results: list[tuple[str, dict]], repeat: int) -> str:
    lines = [
        HEADING,
        "",
        f"Measured {datetime.date.today():%Y-%m-%d} on {machine()}, with "
        f"`bench/import_company_lists.py --repeat {repeat}` (median of {repeat} runs; "
        "the whole import: reading, checking and writing, one transaction per file).",
        "",
        "| input | files | rows | seconds | rows/s | created | updated | skipped |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, r in results:
        lines.append(
            f"| {name} | {r['files']} | {r['rows']:,} | {r['seconds']:.2f} | "
            f"{r['rate']:,.0f} | {r['created']:,} | {r['updated']:,} | {r['skipped']} |"
        )
    lines += [
        "",
        "The long form is the largest real company-list file (3,864 rows, 187 "
        "companies). A second import of the same file reads and compares every row "
        "and writes nothing.",
        "",
    ]
    return "\n".join(lines)


def docs_write(text: str) -> None:
    old = DOCS.read_text(encoding="utf-8") if DOCS.exists() else "# Benchmarks\n\n"
    if HEADING in old:
        before, rest = old.split(HEADING, 1)
        after = rest[rest.find("\n## ") + 1 :] if "\n## " in rest else ""
        new = before + text + ("\n" + after if after else "")
    else:
        new = old.rstrip("\n") + "\n\n" + text
    DOCS.parent.mkdir(exist_ok=True)
    DOCS.write_text(new, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--write-docs", action="store_true")
    args = parser.parse_args()
    server_execute(f'DROP DATABASE IF EXISTS "{BENCH_DATABASE}"')
    server_execute(f'CREATE DATABASE "{BENCH_DATABASE}"')
    try:
        call_command("migrate", interactive=False, verbosity=0)
        results = [
            (
                "hxu296 long form, empty bank",
                measure(LONG_FORM, repeat=args.repeat, empty_first=True),
            ),
            (
                "hxu296 long form again (nothing changes)",
                measure(LONG_FORM, repeat=args.repeat, empty_first=False),
            ),
            (
                "all of ../shared/data (14 files), empty bank",
                measure(SHARED, repeat=args.repeat, empty_first=True),
            ),
        ]
        text = section(results, args.repeat)
        print(text)
        if args.write_docs:
            docs_write(text)
            print(f"Wrote {DOCS.relative_to(ROOT)}")
    finally:
        connections.close_all()
        server_execute(f'DROP DATABASE IF EXISTS "{BENCH_DATABASE}"')


if __name__ == "__main__":
    main()
