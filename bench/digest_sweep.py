"""Daily digest sweep under load: many people whose digest hour has just come, each
with reviews due, two real Celery workers fed through the real Redis broker,
PostgreSQL.

    .venv/bin/python bench/digest_sweep.py [--people 10000 --kills 2 \
      --pool prefork --concurrency 2 --write-docs]

Uses its own database (mockloop_bench_digest, created and migrated if missing) and
its own Redis database (12) with a queue named for the run. Scenarios:

- steady: both workers stay up;
- kill (--kills times): once a third of the digests are written to the outbox (the
  sweep's writers are at work), one worker's whole process group gets SIGKILL (no
  shutdown, no acks: a dead machine) and is started again. When the writing was
  already over by then, the kill falls on the sending instead (said in the table);
  with --kill-during sending, it waits until all are written and a third are sent.

Each person (spread over four time zones) asked for the digest at the hour it now
is where they live, and has three questions due. Beat is played by this script: the
digest sweep and the outbox sweep are sent every 60 s, as CELERY_BEAT_SCHEDULE does,
starting together. The workers write e-mails to a folder (the embedded outbox); a
duplicate is a Message-ID found there more than once, or a second digest written
for a person and day (the once-key forbids it); a miss, a person without a sent
digest or its e-mail.
"""

import argparse
import datetime
import os
import platform
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATABASE = "mockloop_bench_digest"
REDIS_DB = 12
BASE_DATABASE_URL = os.environ.get(
    "DATABASE_URL", "postgres://postgres@127.0.0.1:5432/mockloop"
)
BASE_REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
os.environ["DATABASE_URL"] = BASE_DATABASE_URL.rsplit("/", 1)[0] + "/" + DATABASE
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

import psycopg  # noqa: E402
import redis  # noqa: E402
from celery import Celery  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count, Max  # noqa: E402
from django.utils import timezone  # noqa: E402

from notifications.models import Message  # noqa: E402
from practice.models import PracticeSettings  # noqa: E402
from questions.models import Progress, Question  # noqa: E402
from tests.interviews.celery_worker_process import (  # noqa: E402
    WorkerProcess,
    broker_forget,
    outbox_message_ids,
    redis_url_with_db,
    unique_queue,
)
from tests.interviews.reminder_builders import UNUSABLE_PASSWORD  # noqa: E402
from users.models import User  # noqa: E402

DOCS = ROOT / "docs" / "benchmarks.md"
HEADING = "## Daily digest sweep"
ZONES = ["America/New_York", "Europe/Berlin", "Asia/Tokyo", "UTC"]
DUE_EACH = 3
SWEEPS = (
    "practice.tasks.practice_digest_sweep_task",
    "notifications.tasks.outbox_sweep_task",
)
DIGEST = {"kind": "Daily digest"}


def database_prepare() -> None:
    db = settings.DATABASES["default"]
    with psycopg.connect(
        host=db["HOST"] or None,
        port=db["PORT"] or None,
        user=db["USER"],
        password=db["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    ) as admin:
        exists = admin.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE]
        ).fetchone()
        if not exists:
            admin.execute(f'CREATE DATABASE "{DATABASE}"')
    call_command("migrate", verbosity=0)


def data_generate(*, people: int) -> None:
    """Fresh people with the digest at this very hour of their zone, each with
    DUE_EACH questions due since yesterday."""
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE notifications_message")
        cursor.execute("TRUNCATE interviews_notification")
        cursor.execute("TRUNCATE questions_progress CASCADE")
        cursor.execute("TRUNCATE practice_practicesettings CASCADE")
        cursor.execute("DELETE FROM users_user WHERE email LIKE 'bench-%%'")
    questions = list(Question.objects.order_by("pk")[:50])
    if len(questions) < DUE_EACH:
        questions = Question.objects.bulk_create(
            Question(
                title=f"Bench question {n}",
                slug=f"bench-question-{n}",
                kind="coding",
                link=f"https://example.com/bench-question-{n}",
            )
            for n in range(50)
        )
    now = timezone.now()
    users = User.objects.bulk_create(
        (
            User(
                email=f"bench-{n}@example.com",
                display_name=f"Person {n}",
                password=UNUSABLE_PASSWORD,
                time_zone=ZONES[n % len(ZONES)],
            )
            for n in range(people)
        ),
        batch_size=5000,
    )
    PracticeSettings.objects.bulk_create(
        (
            PracticeSettings(user=user, digest_hour=now.astimezone(user.zone).hour)
            for user in users
        ),
        batch_size=5000,
    )
    yesterday = now - datetime.timedelta(days=1)
    Progress.objects.bulk_create(
        (
            Progress(
                user=user,
                question=questions[(n + k) % len(questions)],
                status="needs_review",
                marked_for_review=True,
                due_at=yesterday,
            )
            for n, user in enumerate(users)
            for k in range(DUE_EACH)
        ),
        batch_size=5000,
    )


def digests():
    return Message.objects.filter(**DIGEST)


def scenario_run(args, *, name: str, kill: bool, folder: Path) -> dict:
    data_generate(people=args.people)
    total = args.people
    redis_url = redis_url_with_db(BASE_REDIS_URL, REDIS_DB)
    queue = unique_queue(f"mockloop-bench-{name}")
    outbox = folder / name / "outbox"
    outbox.mkdir(parents=True)
    workers = [
        WorkerProcess(
            name=f"bench-{name}-{index}",
            database=settings.DATABASES["default"],
            redis_url=redis_url,
            queue=queue,
            outbox=outbox,
            log=folder / name / f"worker-{index}.log",
            pool=args.pool,
            concurrency=args.concurrency,
        )
        for index in (1, 2)
    ]
    broker = Celery(broker=redis_url, set_as_current=False)
    result = {"name": name, "total": total, "kill": None}
    done = threading.Event()
    written_at = None
    try:
        for worker in workers:
            worker.start()
        started = timezone.now()
        clock = time.monotonic()

        def beat():
            while not done.is_set():
                for task in SWEEPS:
                    broker.send_task(task, queue=queue)
                done.wait(60)

        threading.Thread(target=beat, daemon=True).start()
        killed = not kill
        while time.monotonic() - clock < args.timeout:
            written = digests().count()
            sent = digests().filter(sent_at__isnull=False).count()
            if written >= total and written_at is None:
                written_at = time.monotonic() - clock
            if sent >= total:
                break
            writing = written < total
            if args.kill_during == "sending" and writing:
                pass
            elif not killed and (
                (writing and written >= total * args.kill_at)
                or (not writing and sent >= total * args.kill_at)
            ):
                workers[0].kill()
                at = time.monotonic() - clock
                workers[0].start()
                result["kill"] = {
                    "while": "writing" if writing else "sending",
                    "written_before": written,
                    "sent_before": sent,
                    "at_s": at,
                    "back_after_s": time.monotonic() - clock - at,
                }
                killed = True
            time.sleep(0.05)
        done.set()
        time.sleep(5)  # a late duplicate, if any, would land now
    finally:
        done.set()
        for worker in workers:
            worker.stop()
        broker.close()
        broker_forget(redis_url, queue)
    last = digests().aggregate(last=Max("sent_at"))["last"]
    counts = outbox_message_ids(outbox)
    expected = {
        f"<digest-{pk}@mockloop>" for pk in digests().values_list("pk", flat=True)
    }
    per_person = digests().values("user_id").annotate(n=Count("pk"))
    result.update(
        written_s=written_at,
        seconds=(last - started).total_seconds() if last else None,
        people_without=total - per_person.count(),
        second_digests=sum(row["n"] - 1 for row in per_person if row["n"] > 1),
        unsent=digests().filter(sent_at__isnull=True).count(),
        duplicates=sum(count - 1 for count in counts.values() if count > 1),
        missing_mail=len(expected - set(counts)),
        bells=Message.objects.filter(bell_at__isnull=False, **DIGEST).count(),
        retaken=digests().filter(attempts__gt=1).count(),
    )
    return result


def machine() -> str:
    cpu = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0].split()[0]
    redis_version = redis.Redis.from_url(BASE_REDIS_URL).info()["redis_version"]
    return (
        f"{os.cpu_count()} cores ({cpu}), PostgreSQL {postgres} and Redis "
        f"{redis_version} on the same machine, Python {platform.python_version()}"
    )


def markdown(args, results: list[dict], where: str, load: str) -> str:
    today = datetime.date.today().isoformat()
    lines = [
        HEADING,
        "",
        f"Measured {today} on {where}, with `bench/digest_sweep.py --people "
        f"{args.people} --kills {args.kills} --kill-during {args.kill_during}`: two "
        "Celery workers, each as "
        f"docker-compose.yml runs one ({args.pool} pool, concurrency "
        f"{args.concurrency}), on the Redis broker; the embedded outbox as the mail "
        f"server. Each person has {DUE_EACH} reviews due and asked for the digest "
        "at the hour it is where they live (four time zones). Other work shared "
        f"the machine: load average before the run {load}.",
        "",
        "| scenario | people | all written | all sent | duplicates | misses "
        "| rows taken again |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        misses = r["people_without"] + r["unsent"] + r["missing_mail"]
        duplicates = r["duplicates"] + r["second_digests"]
        seconds = f"{r['seconds']:.1f} s" if r["seconds"] is not None else "—"
        written = f"{r['written_s']:.1f} s" if r["written_s"] is not None else "—"
        label = "both workers up"
        if r["kill"]:
            k = r["kill"]
            label = (
                f"one worker SIGKILLed while {k['while']} at {k['at_s']:.1f} s "
                f"({k['written_before']:,} written, {k['sent_before']:,} sent), "
                f"back after {k['back_after_s']:.1f} s"
            )
        lines.append(
            f"| {label} | {r['total']:,} | {written} | {seconds} | {duplicates} "
            f"| {misses} | {r['retaken']} |"
        )
    lines += [
        "",
        "Times run from the first sweep (the digest sweep and the outbox sweep sent "
        "together, then every 60 s, as beat does). All written: every person's "
        "digest is in the outbox; all sent: the last sent_at. A duplicate is a "
        "Message-ID written to the outbox folder more than once, or a second digest "
        "for a person and day; a miss, a person without a digest, or one unsent or "
        "without its e-mail. Rows taken again are those a drain picked up once the "
        "killed worker's 30-second lease on them ran out.",
        "",
        "The sweep finds who is owed a digest in a few queries and hands out "
        "batches of 500 people; each batch is written by a task in one transaction "
        "(one outbox row per person, its topic the once-key "
        "`practice:digest:<user>:<local date>`), and its commit starts the outbox's "
        "drains, so sending begins while later batches are written. A worker killed "
        "while writing loses its batch's transaction whole (nothing of it is in the "
        "outbox); the next minute's sweep finds those people still owed and writes "
        "them, which is why a kill while writing adds up to a minute. A kill while "
        "sending is the outbox's case (docs/benchmarks.md, 'Reminder sweep').",
        "",
    ]
    return "\n".join(lines)


def docs_write(section: str) -> None:
    """Replace only this benchmark's section; the others belong to other benchmarks."""
    text = DOCS.read_text() if DOCS.exists() else "# Benchmarks\n"
    start = text.find(HEADING + "\n")
    if start == -1:
        text = text.rstrip("\n") + "\n\n" + section
    else:
        end = text.find("\n## ", start + len(HEADING))
        rest = "" if end == -1 else text[end + 1 :]
        text = text[:start] + section + ("\n" + rest if rest else "")
    DOCS.write_text(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=10_000)
    # As docker-compose.yml runs the worker: prefork, two processes.
    parser.add_argument("--pool", default="prefork", choices=("threads", "prefork"))
    parser.add_argument("--concurrency", type=int, default=2)
    parser.add_argument("--kill-at", type=float, default=1 / 3)
    parser.add_argument("--timeout", type=float, default=300)
    parser.add_argument("--only", choices=("steady", "kill"))
    parser.add_argument("--kills", type=int, default=2, help="runs of the kill case")
    parser.add_argument(
        "--kill-during",
        choices=("writing", "sending"),
        default="writing",
        help="kill while the digests are written (or, if that is over, sent), or "
        "only once all are written",
    )
    parser.add_argument("--write-docs", action="store_true")
    args = parser.parse_args()
    database_prepare()
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    where = machine()
    results = []
    with tempfile.TemporaryDirectory(prefix="mockloop-bench-digest-") as tmp:
        runs = [("steady", False)] + [(f"kill-{n}", True) for n in range(args.kills)]
        for name, kill in runs:
            if args.only in (None, name.split("-")[0]):
                result = scenario_run(args, name=name, kill=kill, folder=Path(tmp))
                print(result, flush=True)
                results.append(result)
    section = markdown(args, results, where, load)
    print(section)
    if args.write_docs:
        docs_write(section)


if __name__ == "__main__":
    main()
