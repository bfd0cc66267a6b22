"""Speed of building today's set on a large bank.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/mockloop_bench_today \\
      .venv/bin/python bench/today_set.py [--questions 100000 --companies 500 \\
      --tags 1000000 --repeat 200 --regenerate --no-write]

Generates the bank with bench/question_bank_data.py (as bench/question_list_api.py
does; a rerun with the same sizes reuses it), gives the bench user a week of
history (sets of the six days before, attempts, a review due today, and the
generator's 3% of questions attempted or solved), then for each mix of targets
times `daily_set_build` (the service the page and the API call), deleting the day's
set before each run so that every run builds, and counts its SQL queries. A
second build the same day and the page that shows the set are timed too. The
Markdown replaces the generated part of the "## Today's set" section of
docs/benchmarks.md; its "### Notes" are kept.
"""

import argparse
import datetime as dt
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault(
    "DATABASE_URL", "postgres://postgres@127.0.0.1:5432/mockloop_bench_today"
)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

import question_list_api as list_bench  # noqa: E402
from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from practice.models import DailySet, DailySetItem, PracticeSettings  # noqa: E402
from practice.services.today import daily_set_build  # noqa: E402
from questions.models import (  # noqa: E402
    Attempt,
    AttemptOutcome,
    Company,
    Progress,
    ProgressStatus,
    Question,
    RoundKind,
)
from questions.services.progress import attempt_log  # noqa: E402
from users.models import User  # noqa: E402

HEADING = "## Today's set"
TARGET_MS = 50
WARM_UP = 5

# (name, company slugs, round kinds)
SCENARIOS = [
    ("three companies, coding", ["meta", "google", "amazon"], [RoundKind.CODING]),
    ("one company, every kind", ["meta"], []),
    ("ten companies, coding and system design", None, ["coding", "system_design"]),
    ("no company (any company's most asked), coding", [], [RoundKind.CODING]),
]


def history_prepare(user: User, now: dt.datetime) -> None:
    """A week of practice: a set on each of the six days before, an attempt on
    each of the last five days, and one review due today."""
    DailySet.objects.filter(user=user).delete()
    Attempt.objects.filter(progress__user=user).delete()
    Progress.objects.filter(user=user, due_at__isnull=False).update(due_at=None)
    today = timezone.localdate(now, user.zone)
    # Spread over the bank, as a week's questions are.
    spread = [1 + (number * 2477) % 100_000 for number in range(400)]
    untouched = Question.objects.filter(id__in=spread).exclude(progress__user=user)
    questions = iter(untouched.order_by("id")[:40])
    for days in range(1, 7):
        daily_set = DailySet.objects.create(user=user, day=today - dt.timedelta(days))
        DailySetItem.objects.bulk_create(
            DailySetItem(
                daily_set=daily_set, position=position, question=next(questions)
            )
            for position in (1, 2, 3)
        )
    for days in range(1, 6):
        attempt = attempt_log(
            user=user,
            question=next(questions),
            outcome=AttemptOutcome.NOT_SOLVED,
            rating=None,
            now=now - dt.timedelta(days=days),
        )
        Attempt.objects.filter(pk=attempt.pk).update(
            created_at=now - dt.timedelta(days=days)
        )
    Progress.objects.create(
        user=user,
        question=next(questions),
        status=ProgressStatus.NEEDS_REVIEW,
        marked_for_review=True,
        due_at=now - dt.timedelta(hours=2),
    )


def aim(user: User, slugs: list[str] | None, kinds: list[str]) -> None:
    settings, _ = PracticeSettings.objects.get_or_create(user=user)
    settings.set_size = 3
    settings.target_kinds = kinds
    settings.save()
    companies = (
        Company.objects.order_by("id")[:10]
        if slugs is None
        else Company.objects.filter(slug__in=slugs)
    )
    settings.target_companies.set(companies)


def build_once(user: User, now: dt.datetime) -> DailySet:
    DailySet.objects.filter(user=user, day=timezone.localdate(now, user.zone)).delete()
    return daily_set_build(user=user, size=3, now=now)


def time_builds(user: User, now: dt.datetime, repeat: int) -> list_bench.Samples:
    """Wall-clock and CPU time (this thread's and the PostgreSQL backend's: what an
    idle machine would show) of `repeat` builds, each after deleting the set."""
    for _ in range(WARM_UP):
        build_once(user, now)
    samples = list_bench.Samples([], [])
    for _ in range(repeat):
        DailySet.objects.filter(
            user=user, day=timezone.localdate(now, user.zone)
        ).delete()
        cpu_started, started = list_bench.cpu_ns(), time.perf_counter_ns()
        daily_set_build(user=user, size=3, now=now)
        samples.wall.append((time.perf_counter_ns() - started) / 1e6)
        samples.cpu.append((list_bench.cpu_ns() - cpu_started) / 1e6)
    return samples


def time_calls(call, repeat: int) -> list[float]:
    for _ in range(WARM_UP):
        call()
    samples = []
    for _ in range(repeat):
        started = time.perf_counter_ns()
        call()
        samples.append((time.perf_counter_ns() - started) / 1e6)
    return samples


def queries_of(call) -> int:
    with CaptureQueriesContext(connection) as captured:
        call()
    return len(captured.captured_queries)


def measure(user: User, client: Client, repeat: int) -> tuple[list[str], list[str]]:
    now = timezone.now()
    rows, picked = [], []
    pct = list_bench.percentile
    for name, slugs, kinds in SCENARIOS:
        aim(user, slugs, kinds)
        built = build_once(user, now)
        picked.append(
            f"- {name}: "
            + " · ".join(
                f"{item.question.get_difficulty_display()} ({item.reason})"
                for item in built.items.select_related("question")
            )
            + "."
        )
        DailySet.objects.filter(
            user=user, day=timezone.localdate(now, user.zone)
        ).delete()
        queries = queries_of(lambda: daily_set_build(user=user, size=3, now=now))
        builds = time_builds(user, now, repeat)
        again = time_calls(lambda: daily_set_build(user=user, size=3, now=now), repeat)
        again_queries = queries_of(lambda: daily_set_build(user=user, size=3, now=now))

        def page() -> None:
            if client.get("/practice/today/").status_code != 200:
                raise RuntimeError("the page failed")

        pages = time_calls(page, repeat)
        page_queries = queries_of(page)
        met = pct(builds.wall, 95) <= TARGET_MS
        rows.append(
            f"| {name} | {queries} | {pct(builds.wall, 50):.1f} "
            f"| {pct(builds.wall, 95):.1f} | {pct(builds.cpu, 50):.1f} "
            f"| {pct(builds.cpu, 95):.1f} "
            f"| ≤ {TARGET_MS} ms | {'yes' if met else 'no'} | {again_queries} "
            f"| {pct(again, 50):.1f} | {page_queries} | {pct(pages, 50):.1f} "
            f"| {pct(pages, 95):.1f} |"
        )
    return rows, picked


def report(args, rows, picked, loads, started) -> str:
    return "\n".join(
        [
            HEADING,
            "",
            f"Measured {dt.datetime.now():%Y-%m-%d %H:%M} on {list_bench.machine()}. "
            f"Load average {loads[0]:.1f} when measuring began and {loads[1]:.1f} "
            "when it ended.",
            "",
            f"Bank: {args.questions:,} questions, {args.companies:,} companies, "
            f"{args.tags:,} company tags, generated by `bench/question_bank_data.py`; "
            "the bench user has attempted or solved 3% of the questions, has a set "
            "on each of the six days before, an attempt on each of the last five "
            "days and one review due today. *Build*: `daily_set_build` of three "
            f"questions, {args.repeat} times after {WARM_UP} warm-up builds, the "
            "day's set deleted (untimed) before each so that each one builds; "
            "*again*: the same day's second build, which finds the set; *page*: "
            "GET /practice/today/ through Django's test client (session, user, "
            "settings, the set, its items, their questions, whether each was "
            "practised, the bell). *CPU* is the build's CPU time in Django and "
            "PostgreSQL together, about what an idle machine would show; *met* "
            "reads the wall clock. Run: "
            "`DATABASE_URL=postgres://postgres@127.0.0.1:5432/mockloop_bench_today "
            ".venv/bin/python bench/today_set.py`.",
            "",
            "| targets | build queries | build p50 ms | build p95 ms "
            "| build CPU p50 ms | build CPU p95 ms | target (p95) | met "
            "| again queries | again p50 ms | page queries | page p50 ms "
            "| page p95 ms |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: "
            "| ---: | ---: | ---: |",
            *rows,
            "",
            "The sets built (difficulty, reason):",
            "",
            *picked,
            "",
            f"The whole run took {time.perf_counter() - started:.0f} s.",
            "",
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--questions", type=int, default=100_000)
    parser.add_argument("--companies", type=int, default=500)
    parser.add_argument("--tags", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--regenerate", action="store_true")
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args()
    started = time.perf_counter()

    list_bench.database_prepare()
    user = list_bench.bench_user()
    list_bench.bank_prepare(args, user)
    history_prepare(user, timezone.now())
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE practice_dailyset")
        cursor.execute("VACUUM ANALYZE practice_dailysetitem")
        cursor.execute("VACUUM ANALYZE questions_progress")
    # The page's templates name static files: served as written, no manifest
    # (as the tests do), since nothing is collected for this process.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        },
    }
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)

    loads = [os.getloadavg()[0]]
    rows, picked = measure(user, client, args.repeat)
    loads.append(os.getloadavg()[0])
    section = report(args, rows, picked, loads, started)
    print()
    print(section)
    if not args.no_write:
        list_bench.docs_write(section, heading=HEADING)
        print(f"Written to {list_bench.DOCS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
