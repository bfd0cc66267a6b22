"""The production web server (granian, as the Procfile and compose run it) in a
process of its own, against the test database, for tests that need what the test
client cannot do: real websockets from a browser, two processes, a SIGKILL."""

import fcntl
import hashlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import redis
from django.conf import settings

from tests.interviews.celery_worker_process import database_url as url_of

BASE_DIR = Path(__file__).resolve().parents[1]
VENV_BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def collect_static(data_dir: Path) -> None:
    """The server serves collected, hashed assets, as in production."""
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "0"],
        cwd=BASE_DIR,
        env=server_environment(data_dir, redis_url=None),
        check=True,
    )


def static_collected_once() -> Path:
    """The collected assets of the static folder as it is now, collected by the
    first test process that asks and shared by the others, the embedded run's
    included: collecting (and compressing the board's and the runner's large
    files) costs each process seconds of both cores."""
    digest = hashlib.sha256(settings.STORAGES["staticfiles"]["BACKEND"].encode())
    for path in sorted((BASE_DIR / "static").rglob("*")):
        if path.is_file():
            facts = path.stat()
            digest.update(f"{path}:{facts.st_size}:{facts.st_mtime_ns}\n".encode())
    shared = Path(tempfile.gettempdir())
    target = shared / f"mockloop-static-{digest.hexdigest()[:16]}"
    with open(shared / "mockloop-static.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (target / "staticfiles" / "staticfiles.json").exists():
            for old in shared.glob("mockloop-static-*"):
                if old.is_dir() and time.time() - old.stat().st_mtime > 3600:
                    shutil.rmtree(old, ignore_errors=True)
            folder = Path(tempfile.mkdtemp(prefix="mockloop-collecting-"))
            collect_static(folder)
            shutil.rmtree(target, ignore_errors=True)
            folder.rename(target)
    return target / "staticfiles"


def server_environment(
    data_dir: Path,
    *,
    redis_url: str | None,
    port: int = 0,
    database_url: str | None = None,
) -> dict:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PYTEST", "DJANGO_")) and k not in {"REDIS_URL"}
    }
    env.update(
        DATABASE_URL=database_url or url_of(settings.DATABASES["default"]),
        # The test's own key: sessions it signs in are valid on the server too.
        SECRET_KEY=settings.SECRET_KEY,
        DATA_DIR=str(data_dir),
        SITE_URL=f"http://127.0.0.1:{port or 8000}",
        DJANGO_SETTINGS_MODULE="config.settings",
        # One server serves a test process's browser walks, each signing people in
        # from 127.0.0.1: more than the 30 a minute one address is allowed.
        SIGN_INS_PER_MINUTE="100000",
    )
    if redis_url:
        env["REDIS_URL"] = redis_url
    return env


class ServerProcess:
    """granian (or daphne) serving config.asgi on a port of 127.0.0.1, in its own
    process group so that a kill takes every worker with it."""

    def __init__(
        self,
        data_dir: Path,
        *,
        redis_url: str | None = None,
        workers: int = 1,
        port: int | None = None,
        server: str = "granian",
        database_url: str | None = None,
    ):
        """`database_url`: another instance's database; the test's by default."""
        self.server = server
        self.database_url = database_url
        self.data_dir = data_dir
        self.port = port or free_port()
        self.redis_url = redis_url
        self.workers = workers
        self.log_path = data_dir / f"server-{self.port}.log"
        self.process = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 60) -> "ServerProcess":
        command = [
            str(VENV_BIN / "granian"),
            *("--interface", "asginl", "--host", "127.0.0.1"),
            *("--port", str(self.port), "--workers", str(self.workers)),
            *("--log-level", "warning", "config.asgi:application"),
        ]
        if self.server == "daphne":
            # The server Channels' own test tools start.
            command = [
                str(VENV_BIN / "daphne"),
                *("-b", "127.0.0.1", "-p", str(self.port), "config.asgi:application"),
            ]
        self.process = subprocess.Popen(
            command,
            cwd=BASE_DIR,
            env=server_environment(
                self.data_dir,
                redis_url=self.redis_url,
                port=self.port,
                database_url=self.database_url,
            ),
            stdout=self.log_path.open("ab"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        last_answer = "none"
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"The server exited:\n{self.log()}")
            try:
                with urllib.request.urlopen(f"{self.url}/healthz", timeout=2):
                    return self
            except urllib.error.HTTPError as error:
                last_answer = error.read().decode(errors="replace")
                time.sleep(0.2)
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.2)
        raise RuntimeError(
            f"The server was not healthy in {timeout} s; its last /healthz: "
            f"{last_answer}\n{self.log()}"
        )

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def kill(self) -> None:
        """SIGKILL: no clean shutdown, as when a machine dies."""
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

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")[-4000:]


class RedisServer:
    """A Redis of this test's own, so that restarting it disturbs nobody else."""

    def __init__(self, folder):
        self.port = free_port()
        self.folder = folder
        self.process = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> "RedisServer":
        self.process = subprocess.Popen(
            [
                shutil.which("redis-server"),
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
            ]
            + ["--save", "", "--appendonly", "no", "--dir", str(self.folder)],
            stdout=subprocess.DEVNULL,
        )
        for _ in range(100):
            try:
                redis.Redis.from_url(self.url).ping()
                return self
            except redis.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
