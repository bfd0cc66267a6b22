import pytest
from django.conf import settings

from tests.server_process import ServerProcess, static_collected_once


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
def logged_in_page(page, live_server, alice, password):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Email").fill(alice.email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(f"{live_server.url}/")
    return page


@pytest.fixture(scope="session")
def collected_static(tmp_path_factory):
    """The server's data folder, with the hashed assets it serves: collected once
    for every process of the run and both modes."""
    folder = tmp_path_factory.mktemp("server-data")
    (folder / "staticfiles").symlink_to(static_collected_once())
    return folder


@pytest.fixture(scope="module")
def server(collected_static, django_db_setup, django_db_blocker):
    """The production web server (granian: pages, API and websockets) on the test
    database, for pages that need their websockets; pytest-django's live_server
    serves HTTP only. Two processes on Redis, as compose runs it; one with the
    in-memory channel layer. One per module: its tests are transactional, so what
    each commits is what the server reads."""
    workers = 2 if settings.REDIS_URL else 1
    process = ServerProcess(
        collected_static, redis_url=settings.REDIS_URL, workers=workers
    )
    process.start()
    yield process
    process.stop()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """A browser test that fails shows the tail of its server's log: what the
    server said (a refused socket, a failed message) is often the why."""
    report = yield
    server = item.funcargs.get("server") if hasattr(item, "funcargs") else None
    if report.failed and isinstance(server, ServerProcess):
        report.sections.append(("server log (tail)", server.log()))
    return report
