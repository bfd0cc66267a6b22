import pytest
from django.conf import settings
from playwright.sync_api import expect

from tests.browser.people import session_cookie_add
from tests.server_process import ServerProcess, static_collected_once

# What a page shows after a server round trip or a lazily loaded module (a pad's
# language) may take more than Playwright's default 5 s while three test processes,
# their servers and Chromium share two cores (make test); a slower page still
# fails, after 10 s.
expect.set_options(timeout=10_000)


@pytest.fixture
def console_errors(page):
    """Errors the page logs, such as scripts or styles refused by the CSP."""
    errors = []
    page.on(
        "console",
        lambda message: message.type == "error" and errors.append(message.text),
    )
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


@pytest.fixture
def logged_in_page(page, live_server, alice):
    """Alice's page, signed in and on the home page."""
    session_cookie_add(page.context, live_server.url, alice)
    page.goto(f"{live_server.url}/")
    return page


@pytest.fixture(scope="session")
def collected_static(tmp_path_factory):
    """The server's data folder, with the hashed assets it serves: collected once
    for every process of the run and both modes."""
    folder = tmp_path_factory.mktemp("server-data")
    (folder / "staticfiles").symlink_to(static_collected_once())
    return folder


@pytest.fixture(scope="session")
def server_process(collected_static, django_db_setup, django_db_blocker):
    """The production web server (granian: pages, API and websockets) on the test
    database, for pages that need their websockets; pytest-django's live_server
    serves HTTP only. Two processes on Redis, as compose runs it; one with the
    in-memory channel layer. One per test process, shared by every browser module
    it runs: the tests are transactional, so what each commits is what the server
    reads, and starting it costs each module seconds of both cores
    (docs/testing.md)."""
    workers = 2 if settings.REDIS_URL else 1
    process = ServerProcess(
        collected_static, redis_url=settings.REDIS_URL, workers=workers
    )
    process.start()
    yield process
    process.stop()


@pytest.fixture
def server(server_process):
    """The shared server, started again if a test killed it and stopped there."""
    if not server_process.running:
        server_process.start()
    return server_process


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """A browser test that fails shows the tail of its server's log: what the
    server said (a refused socket, a failed message) is often the why."""
    report = yield
    server = item.funcargs.get("server") if hasattr(item, "funcargs") else None
    if report.failed and isinstance(server, ServerProcess):
        report.sections.append(("server log (tail)", server.log()))
    return report
