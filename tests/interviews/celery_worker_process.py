"""Start and stop a real `celery -A config worker` process against a given database,
broker (a Redis database, or without one the filesystem broker of `make run` in a
data folder) and queue; read the e-mails it wrote to its outbox folder."""

import email.parser
import email.policy
import json
import os
import signal
import subprocess
import sys
import time
import uuid
from collections import Counter
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

import redis

BASE_DIR = Path(__file__).resolve().parents[2]


def redis_url_with_db(redis_url: str, db: int) -> str:
    parts = urlsplit(redis_url)
    return urlunsplit(parts._replace(path=f"/{db}"))


def database_url(database: dict) -> str:
    if database["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{database['NAME']}"
    user = quote(database["USER"] or "")
    if database.get("PASSWORD"):
        user += ":" + quote(database["PASSWORD"])
    host = database["HOST"] or "127.0.0.1"
    port = database["PORT"] or 5432
    return f"postgres://{user}@{host}:{port}/{database['NAME']}"


def unique_queue(prefix: str) -> str:
    return f"{prefix}-{os.getpid()}-{uuid.uuid4().hex[:8]}"


class WorkerProcess:
    """One worker in its own process group, so a kill takes its threads or children
    with it, as when a machine or container dies."""

    def __init__(
        self,
        *,
        name,
        database,
        redis_url,
        queue,
        outbox,
        log,
        pool,
        concurrency,
        data_dir=None,
    ):
        self.log_path = Path(log)
        unset = {"EMAIL_URL", "REDIS_URL", "DATA_DIR"}
        self.env = {
            **{k: v for k, v in os.environ.items() if k not in unset},
            "DJANGO_SETTINGS_MODULE": "tests.interviews.worker_settings",
            "DATABASE_URL": database_url(database),
            "MOCKLOOP_CELERY_QUEUE": queue,
            "MOCKLOOP_OUTBOX_DIR": str(outbox),
        }
        if redis_url:
            self.env["REDIS_URL"] = redis_url
        else:
            # No Redis: kombu's filesystem broker, its folders under data_dir.
            self.env["DATA_DIR"] = str(data_dir)
        self.command = [
            sys.executable, "-m", "celery", "-A", "config", "worker",
            f"--pool={pool}", f"--concurrency={concurrency}",
            "--without-mingle", "--without-gossip", "--without-heartbeat",
            "--loglevel=INFO", "-n", f"{name}-{uuid.uuid4().hex[:6]}@%h",
        ]  # fmt: skip
        self.process = None

    def start(self, *, timeout: float = 90) -> "WorkerProcess":
        start_of_run = self.log_path.stat().st_size if self.log_path.exists() else 0
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            self.command,
            cwd=BASE_DIR,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"The worker exited: see {self.log_path}")
            if b" ready." in self.log_path.read_bytes()[start_of_run:]:
                return self
            time.sleep(0.2)
        raise RuntimeError(f"The worker did not start in {timeout} s: {self.log_path}")

    def kill(self) -> None:
        """SIGKILL the whole process group: no clean shutdown, no acks."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.kill()


def broker_forget(redis_url: str, queue: str) -> None:
    """Remove what a run left in its Redis database: the queue, its bindings, and
    the messages a killed worker never acknowledged (Redis would hand them back to
    the queue after the visibility timeout)."""
    client = redis.Redis.from_url(redis_url)
    client.delete(queue, f"_kombu.binding.{queue}", f"_kombu.binding_permanent.{queue}")
    for tag, raw in client.hscan_iter("unacked"):
        if json.loads(raw)[-1] == queue:
            client.hdel("unacked", tag)
            client.zrem("unacked_index", tag)


def outbox_message_ids(folder: Path) -> Counter:
    """How many times each Message-ID was written to the outbox folder."""
    counts: Counter = Counter()
    for path in Path(folder).glob("*.eml"):
        with path.open("rb") as handle:
            headers = email.parser.BytesHeaderParser(policy=email.policy.default).parse(
                handle
            )
        counts[str(headers["Message-ID"])] += 1
    return counts


def filesystem_broker(data_dir: Path) -> dict:
    """The Celery settings of `make run`'s filesystem broker under data_dir, for a
    client that sends tasks to a worker started with that DATA_DIR."""
    queue = Path(data_dir) / "celery"
    for folder in ("queue", "processed", "control"):
        (queue / folder).mkdir(parents=True, exist_ok=True)
    return {
        "broker_url": "filesystem://localhost/",
        "broker_transport_options": {
            "data_folder_in": str(queue / "queue"),
            "data_folder_out": str(queue / "queue"),
            "processed_folder": str(queue / "processed"),
            "store_processed": False,
            "control_folder": str(queue / "control"),
            "polling_interval": 0.1,
        },
    }
