"""`make run` on a fresh folder serves on http://127.0.0.1:8000/ (or on PORT), and
every address it prints or writes (the log-in hint, e-mails, calendar feed) is the
one it really serves on. Runs the Makefile and the Procfile as a newcomer does, in a
data folder of its own."""

import http.cookiejar
import os
import re
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.embedded_only

BASE_DIR = Path(__file__).resolve().parents[2]
DEMO_LOGIN = ("alice@mockloop.test", "alice-practises-1")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class MakeRun:
    """`make run` in its own process group, its output kept in a file."""

    def __init__(self, data_dir: Path, log: Path, **env):
        self.log = log
        clean = {
            k: v
            for k, v in os.environ.items()
            if k not in {"DATABASE_URL", "REDIS_URL", "SITE_URL", "PORT", "EMAIL_URL"}
            and not k.startswith(("PYTEST", "DJANGO_"))
        }
        self.process = subprocess.Popen(
            ["make", "run"],
            cwd=BASE_DIR,
            env={**clean, "DATA_DIR": str(data_dir), **env},
            stdout=log.open("wb"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def wait_for(self, url: str, timeout: float = 180) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"make run exited:\n{self.output()[-3000:]}")
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.5)
        raise AssertionError(f"{url} never answered:\n{self.output()[-3000:]}")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGINT)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=30)


def log_in(base: str) -> urllib.request.OpenerDirector:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(f"{base}/accounts/login/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    form = {"csrfmiddlewaretoken": token, "login": DEMO_LOGIN[0]}
    form["password"] = DEMO_LOGIN[1]
    request = urllib.request.Request(
        f"{base}/accounts/login/",
        data=urllib.parse.urlencode(form).encode(),
        headers={"Referer": f"{base}/accounts/login/"},
    )
    assert opener.open(request).geturl() == f"{base}/"
    return opener


def wait_for_outbox(folder: Path, timeout: float = 60) -> list[str]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        messages = [path.read_text() for path in folder.glob("*.eml")]
        if messages:
            return messages
        time.sleep(0.5)
    raise AssertionError(f"No e-mail was written to {folder}")


def test_make_run_serves_on_8000_then_on_port_with_every_link_following(tmp_path):
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", 8000))
        except OSError:
            pytest.fail("Port 8000 is taken; this test runs `make run` on it.")
    data_dir = tmp_path / "var"

    first = MakeRun(data_dir, tmp_path / "first.log")
    try:
        first.wait_for("http://127.0.0.1:8000/healthz")
        with urllib.request.urlopen("http://127.0.0.1:8000/accounts/login/") as page:
            assert "Log in" in page.read().decode()
        printed = first.output()
        assert "Open http://127.0.0.1:8000/ and log in." in printed
        assert "Serving on http://127.0.0.1:8000/" in printed
        assert "alice@mockloop.test" in printed
        assert re.search(r"Curated lists: Blind 75 \(75\), Grind 75 \(75\)", printed)
        # The demo session starts in minutes: its reminder goes out at once, through
        # the worker and the filesystem broker, with links to where the app is.
        mails = wait_for_outbox(data_dir / "outbox")
        assert "http://127.0.0.1:8000/sessions/" in mails[0]
    finally:
        first.stop()

    port = free_port()
    second = MakeRun(data_dir, tmp_path / "second.log", PORT=str(port))
    base = f"http://127.0.0.1:{port}"
    try:
        second.wait_for(f"{base}/healthz")
        printed = second.output()
        assert f"Open {base}/ and log in." in printed
        assert f"Serving on {base}/" in printed
        assert ":8000" not in printed
        # A second run keeps the data: nothing new to import.
        assert "0 created, 0 updated" in printed
        browser = log_in(base)
        feed_page = browser.open(f"{base}/sessions/calendar/").read().decode()
        assert f'value="{base}/sessions/calendar/' in feed_page
    finally:
        second.stop()
