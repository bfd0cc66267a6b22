"""Reminder sweep under load: many sessions whose reminders fall due at the same
minute, two real Celery workers fed through the real Redis broker, PostgreSQL.

    .venv/bin/python bench/reminders_sweep.py [--sessions 10000 --kills 3 --both \
      --pool prefork --concurrency 2 --write-docs]

Uses its own database (mockloop_bench_reminders, created and migrated if missing)
and its own Redis database (13) with a queue named for the run. Scenarios:

- steady: both workers stay up;
- kill (--kills times): once a third of the reminders are sent, one worker's whole
  process group gets SIGKILL (no shutdown, no acks: a dead machine) and is started
  again;
- both (with --both): steady, but both people of each session are reminded.

In each, every session starts 14 minutes from now and each reminded person has a
15-minute reminder, so all reminders fell due at the same instant a minute ago
(one reminder per session, the host's, unless --both). The
sweep is started as beat would start it (again every 60 s until done). The workers
write e-mails to a folder (the embedded outbox); a duplicate is a Message-ID found
there more than once, a miss a reminder with no e-mail there or no sent_at.
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
DATABASE = "mockloop_bench_reminders"
REDIS_DB = 13
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
from django.db.models import Max  # noqa: E402
from django.utils import timezone  # noqa: E402

from interviews.models import (  # noqa: E402
    Format,
    MockSession,
    Participant,
    ParticipantResponse,
    SessionStatus,
)
from notifications.models import Message  # noqa: E402
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
HEADING = "## Reminder sweep"
ZONES = ["America/New_York", "Europe/Berlin", "Asia/Tokyo", "UTC"]
SWEEP_TASK = "notifications.tasks.outbox_sweep_task"


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


def data_generate(*, sessions: int, reminded: int) -> int:
    """Fresh people, sessions and reminder rows; returns the number of reminders."""
    with connection.cursor() as cursor:
        # Sessions and all that hangs off them; the built-in formats stay.
        cursor.execute("TRUNCATE interviews_mocksession CASCADE")
        cursor.execute("TRUNCATE notifications_message")
        cursor.execute("DELETE FROM users_user WHERE email LIKE 'bench-%%'")
    format_ = Format.objects.get(owner__isnull=True, slug="phone-screen-e4-e5")
    minute = timezone.now().replace(second=0, microsecond=0)
    starts_at = minute + datetime.timedelta(minutes=14)
    due_at = starts_at - datetime.timedelta(minutes=15)
    people = User.objects.bulk_create(
        (
            User(
                email=f"bench-{n}@example.com",
                display_name=f"Person {n}",
                password=UNUSABLE_PASSWORD,
                time_zone=ZONES[n % len(ZONES)],
                reminder_offsets=[15],
            )
            for n in range(2 * sessions)
        ),
        batch_size=5000,
    )
    rows = MockSession.objects.bulk_create(
        (
            MockSession(
                host=people[2 * n],
                format=format_,
                starts_at=starts_at,
                ends_at=starts_at + datetime.timedelta(minutes=45),
                status=SessionStatus.SCHEDULED,
            )
            for n in range(sessions)
        ),
        batch_size=5000,
    )
    Participant.objects.bulk_create(
        (
            Participant(
                session=session,
                user=people[2 * n + side],
                is_host=side == 0,
                response=ParticipantResponse.ACCEPTED,
            )
            for n, session in enumerate(rows)
            for side in (0, 1)
        ),
        batch_size=5000,
    )
    # What reminders_schedule writes to the outbox for these sessions, in bulk.
    Message.objects.bulk_create(
        (
            Message(
                topic=f"session:{session.pk}:reminder:{people[2 * n + side].pk}:15:"
                f"{due_at.isoformat()}",
                kind="Reminder 15 min before",
                user=people[2 * n + side],
                to=people[2 * n + side].email,
                subject="Reminder: Phone screen (E4/E5) starts in 15 minutes",
                body=f"Hi Person {2 * n + side},\n\nYour mock interview starts in "
                "15 minutes.\n",
                message_id_word="reminder",
                due_at=due_at,
                expires_at=session.ends_at,
            )
            for n, session in enumerate(rows)
            for side in range(reminded)
        ),
        batch_size=5000,
    )
    return Message.objects.count()


def sent_count() -> int:
    return Message.objects.filter(sent_at__isnull=False).count()


def scenario_run(args, *, name: str, kill: bool, reminded: int, folder: Path) -> dict:
    total = data_generate(sessions=args.sessions, reminded=reminded)
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
    result = {"name": name, "total": total, "kill": None, "reminded": reminded}
    done = threading.Event()
    try:
        for worker in workers:
            worker.start()
        started = timezone.now()
        clock = time.monotonic()

        def beat():
            while not done.is_set():
                broker.send_task(SWEEP_TASK, queue=queue)
                done.wait(60)

        threading.Thread(target=beat, daemon=True).start()
        killed = not kill
        while time.monotonic() - clock < args.timeout:
            sent = sent_count()
            if sent >= total:
                break
            if not killed and sent >= total * args.kill_at:
                workers[0].kill()
                at = time.monotonic() - clock
                workers[0].start()
                result["kill"] = {
                    "sent_before": sent,
                    "at_s": at,
                    "back_after_s": time.monotonic() - clock - at,
                }
                killed = True
            time.sleep(0.1)
        done.set()
        time.sleep(5)  # a late duplicate, if any, would land now
    finally:
        done.set()
        for worker in workers:
            worker.stop()
        broker.close()
        broker_forget(redis_url, queue)
    last = Message.objects.aggregate(last=Max("sent_at"))["last"]
    times = sorted(
        (moment - started).total_seconds()
        for moment in Message.objects.filter(sent_at__isnull=False).values_list(
            "sent_at", flat=True
        )
    )
    counts = outbox_message_ids(outbox)
    expected = {
        f"<reminder-{pk}@mockloop>"
        for pk in Message.objects.values_list("pk", flat=True)
    }
    result.update(
        seconds=(last - started).total_seconds() if last else None,
        unsent=Message.objects.filter(sent_at__isnull=True).count(),
        duplicates=sum(count - 1 for count in counts.values() if count > 1),
        missing_mail=len(expected - set(counts)),
        stray_mail=len(set(counts) - expected),
        retaken=Message.objects.filter(attempts__gt=1).count(),
        quantiles={
            q: round(times[min(len(times) - 1, int(q * len(times)))], 1)
            for q in (0.1, 0.5, 0.9, 0.99)
        }
        if times
        else {},
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
    both = " --both" if args.both else ""
    lines = [
        HEADING,
        "",
        f"Measured {today} on {where}, with `bench/reminders_sweep.py --sessions "
        f"{args.sessions} --kills {args.kills}{both}`: two Celery workers, each as "
        f"docker-compose.yml runs one ({args.pool} pool, concurrency "
        f"{args.concurrency}), on the Redis broker; the embedded outbox as the mail "
        "server. Other work shared the machine: load average before the run "
        f"{load}.",
        "",
        "| scenario | reminders | half sent | all sent | duplicates | misses "
        "| rows taken again |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        misses = r["unsent"] + r["missing_mail"]
        seconds = f"{r['seconds']:.1f} s" if r["seconds"] is not None else "—"
        half = f"{r['quantiles'][0.5]:.1f} s" if r["quantiles"] else "—"
        label = "both workers up"
        if r["kill"]:
            k = r["kill"]
            label = (
                f"one worker SIGKILLed at {k['at_s']:.1f} s ({k['sent_before']:,} "
                f"sent), back after {k['back_after_s']:.1f} s"
            )
        if r["reminded"] == 2:
            label += ", both people reminded"
        lines.append(
            f"| {label} | {r['total']:,} | {half} | {seconds} | {r['duplicates']} "
            f"| {misses} | {r['retaken']} |"
        )
    lines += [
        "",
        "Times run from the first sweep; all sent is the last sent_at. A duplicate "
        "is a Message-ID written to the outbox more than once; a miss, a reminder "
        "without sent_at or without its e-mail. Rows taken again are those a claim "
        "picked up once the killed worker's 30-second lease on them ran out.",
        "",
        "The killed worker's rows wait out that lease, then the sweep a finishing "
        "drain asked for takes them (the broker would hand its unacknowledged "
        "messages back only after the 1-hour visibility timeout). One window can "
        "still write an e-mail twice: a worker dying after the mail server took the "
        "e-mail and before the COMMIT that records it (sent_at is set before "
        "sending, so only the COMMIT is left). The retry then carries the same "
        "Message-ID, which mail clients show once. With the threads pool (4 "
        "threads a worker, as the Procfile runs it) a thread can wait for the GIL "
        "inside that window: on 2026-11-23, 1 of 3 killed runs wrote one e-mail "
        "twice that way.",
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
    parser.add_argument("--sessions", type=int, default=10_000)
    parser.add_argument(
        "--both",
        action="store_true",
        help="add a run in which both people of each session get the reminder",
    )
    # As docker-compose.yml runs the worker: prefork, two processes.
    parser.add_argument("--pool", default="prefork", choices=("threads", "prefork"))
    parser.add_argument("--concurrency", type=int, default=2)
    parser.add_argument("--kill-at", type=float, default=1 / 3)
    parser.add_argument("--timeout", type=float, default=300)
    parser.add_argument("--only", choices=("steady", "kill", "both"))
    parser.add_argument("--kills", type=int, default=3, help="runs of the kill case")
    parser.add_argument("--write-docs", action="store_true")
    args = parser.parse_args()
    database_prepare()
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    where = machine()
    results = []
    with tempfile.TemporaryDirectory(prefix="mockloop-bench-reminders-") as tmp:
        runs = [("steady", False, 1)]
        runs += [(f"kill-{n}", True, 1) for n in range(args.kills)]
        if args.both:
            runs.append(("both", False, 2))
        for name, kill, reminded in runs:
            if args.only in (None, name.split("-")[0]):
                result = scenario_run(
                    args, name=name, kill=kill, reminded=reminded, folder=Path(tmp)
                )
                print(result, flush=True)
                results.append(result)
    section = markdown(args, results, where, load)
    print(section)
    if args.write_docs:
        docs_write(section)


if __name__ == "__main__":
    main()
