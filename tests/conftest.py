"""Shared fixtures. Tests run against the real PostgreSQL and Redis named by
DATABASE_URL and REDIS_URL (`make test` sets both); a missing service stops the run
with a message.

`make test` then runs the tests marked `embedded` a second time with `--embedded`:
under `make run`'s defaults (SQLite, the in-memory channel layer, kombu's filesystem
broker), which is what every newcomer meets first."""

import importlib
import os

import pytest
import redis
from django.conf import settings
from django.core.cache import cache
from django.db import connection

from tests.factories import UserFactory
from tests.template_database import (
    admin_connection,
    database_drop,
    database_of_this_process,
    run_id,
    template_drop,
    template_name,
)

# Playwright's sync API runs an event loop in the test thread; the ORM calls made by
# browser tests around it are ordinary synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
# The pad's fuzz makes Yrs panic (caught); a backtrace for each would be printed, and
# capturing them is slow.
os.environ["RUST_BACKTRACE"] = "0"


TEST_QUEUE = f"mockloop-test-{os.getpid()}"


def pytest_addoption(parser):
    parser.addoption(
        "--embedded",
        action="store_true",
        help="Run the tests marked `embedded` under make run's defaults: SQLite, the "
        "in-memory channel layer and the filesystem broker (DATABASE_URL and "
        "REDIS_URL unset).",
    )
    parser.addoption(
        "--embedded-all",
        action="store_true",
        help="With --embedded, run every test, marked or not (to find which pass).",
    )


def embedded_mode(config) -> bool:
    return bool(config.getoption("--embedded"))


def _runs_here(item, *, embedded: bool, every: bool) -> bool:
    if item.get_closest_marker("embedded_only"):
        return embedded
    return not embedded or every or bool(item.get_closest_marker("embedded"))


def pytest_ignore_collect(collection_path, config):
    # A module that never names the mark has no test for the embedded pass; not
    # importing it spares each worker seconds (the contract test builds its 99
    # operations' tests at import). The mark is written in the module itself,
    # `pytest.mark.embedded` or `embedded_only`, never applied from elsewhere.
    if (
        embedded_mode(config)
        and not config.getoption("--embedded-all")
        and collection_path.is_file()
        and collection_path.name.startswith("test_")
        and collection_path.suffix == ".py"
        and "embedded" not in collection_path.read_text(encoding="utf-8")
    ):
        return True
    return None


def pytest_collection_modifyitems(config, items):
    embedded = embedded_mode(config)
    every = bool(config.getoption("--embedded-all"))
    kept, dropped = [], []
    for item in items:
        (kept if _runs_here(item, embedded=embedded, every=every) else dropped).append(
            item
        )
    if dropped:
        config.hook.pytest_deselected(items=dropped)
    items[:] = _ordered_for_the_cores(kept)


def _ordered_for_the_cores(items: list) -> list:
    """The order xdist hands tests out in (docs/testing.md, "Late on
    2026-12-07"). Tests without the database first: the longest of them (`make
    run` from scratch) then ends no pass alone. Then the database tests, before
    the transactional ones, as Django orders them (a transactional test empties
    the tables, rows from data migrations too). The transactional modules are
    spread by folder, so the browser walks, which keep the cores busy, run beside
    the room's socket tests, which mostly wait, instead of one block after the
    other."""
    no_db, plain, modules = [], [], {}
    for item in items:
        if _is_transactional(item):
            modules.setdefault(item.nodeid.split("::")[0], []).append(item)
        elif _uses_database(item):
            plain.append(item)
        else:
            no_db.append(item)
    by_folder: dict[str, list[str]] = {}
    for module in modules:
        by_folder.setdefault(module.rsplit("/", 1)[0], []).append(module)
    place = {
        module: ((index + 0.5) / len(folder_modules), module)
        for folder_modules in by_folder.values()
        for index, module in enumerate(folder_modules)
    }
    spread = [
        item for module in sorted(modules, key=place.get) for item in modules[module]
    ]
    no_db.sort(key=lambda item: not item.get_closest_marker("embedded_only"))
    return no_db + plain + spread


def pytest_configure(config):
    run_id()  # before xdist starts its workers, which inherit it
    # Tasks queued by committed test transactions go to a queue of this run, which
    # no worker reads and which is removed at the end.
    from config.celery import app as celery_app

    celery_app.conf.task_default_queue = TEST_QUEUE
    settings.PASSWORD_HASHERS = ["tests.hashers.FastPBKDF2PasswordHasher"]
    from django.db.backends.postgresql.operations import DatabaseOperations

    DatabaseOperations.sql_flush = _flush_by_delete(DatabaseOperations.sql_flush)
    # Tests render templates without running collectstatic first; whitenoise only
    # needs the folder to exist.
    settings.STATIC_ROOT.mkdir(parents=True, exist_ok=True)
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        },
    }


def _flush_by_delete(original):
    """PostgreSQL's flush for tests: DELETE from every table instead of one
    TRUNCATE of all of them. A transactional test ends with a flush; TRUNCATE gives
    each table and index a new file, 300-400 ms for this schema, where deleting the
    few rows a test wrote takes 13 ms (docs/testing.md). Django's foreign keys are
    deferred, so the order of the deletes does not matter within the flush's
    transaction."""

    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if reset_sequences or not tables:
            return original(
                self,
                style,
                tables,
                reset_sequences=reset_sequences,
                allow_cascade=allow_cascade,
            )
        return ["SET CONSTRAINTS ALL DEFERRED;"] + [
            f"{style.SQL_KEYWORD('DELETE FROM')} {style.SQL_FIELD(self.quote_name(t))};"
            for t in tables
        ]

    return sql_flush


def pytest_unconfigure(config):
    if not hasattr(config, "workerinput"):
        template_drop()
    if settings.REDIS_URL:
        from tests.interviews.celery_worker_process import broker_forget

        broker_forget(settings.REDIS_URL, TEST_QUEUE)


def pytest_sessionstart(session):
    engine = settings.DATABASES["default"]["ENGINE"]
    if embedded_mode(session.config):
        if engine != "django.db.backends.sqlite3" or settings.REDIS_URL:
            pytest.exit(
                "--embedded runs under make run's defaults: unset DATABASE_URL and "
                "REDIS_URL (make test does).",
                returncode=3,
            )
        return
    if engine != "django.db.backends.postgresql":
        pytest.exit(
            "The tests run against PostgreSQL, but DATABASE_URL is "
            f"{os.environ.get('DATABASE_URL', 'unset')!r}. Run `make test`, or set "
            "DATABASE_URL=postgres://postgres@127.0.0.1:5432/mockloop.",
            returncode=3,
        )
    if not settings.REDIS_URL:
        pytest.exit(
            "The tests run against Redis, but REDIS_URL is unset. Run `make test`, "
            "or set REDIS_URL=redis://127.0.0.1:6379/0.",
            returncode=3,
        )
    try:
        redis.Redis.from_url(settings.REDIS_URL, socket_timeout=3).ping()
    except redis.RedisError as error:
        pytest.exit(f"Redis at {settings.REDIS_URL} is unreachable: {error}", 3)
    try:
        admin_connection(connect_timeout=3).close()
    except Exception as error:
        pytest.exit(f"PostgreSQL is unreachable: {error}", 3)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    # Several test runs may share one PostgreSQL at once (parallel checkouts, CI):
    # each run has a template of its own, each process a copy of it.
    settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = template_name()


@pytest.fixture(scope="session")
def django_db_setup(
    django_test_environment, django_db_blocker, django_db_modify_db_settings
):
    """Instead of pytest-django's, which migrates a database for each process: a
    copy of the run's migrated template (tests/template_database.py)."""
    with django_db_blocker.unblock():
        before = database_of_this_process()
    yield
    with django_db_blocker.unblock():
        database_drop(before)


def _is_transactional(item) -> bool:
    """pytest-django's reading: a test that commits, and empties the tables after."""
    marker = item.get_closest_marker("django_db")
    return bool(
        (marker and marker.kwargs.get("transaction"))
        or {"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ()))
    )


def _uses_database(item) -> bool:
    return bool(
        item.get_closest_marker("django_db")
        or {"db", "transactional_db", "live_server"}
        & set(getattr(item, "fixturenames", ()))
    )


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache, as it starts with emptied tables:
    allauth counts sign-ins per address there (SIGN_INS_PER_MINUTE), and the
    sign-ins of a test process's earlier tests, from 127.0.0.1 through the test
    client and the live server, would add up to the limit."""
    cache.clear()


@pytest.fixture(autouse=True)
def builtin_rows_present(request):
    """Transactional tests end by emptying every table, data migrations' rows too
    (and pytest-django may flush after any teardown of ours): make sure the built-in
    interview formats and rubrics are there when each test that uses the database
    starts. Inside a test's transaction the repair rolls back with the test."""
    if _uses_database(request.node):
        request.getfixturevalue(
            "transactional_db" if _is_transactional(request.node) else "db"
        )
        builtin_rows_ensure()
    yield


def builtin_rows_ensure() -> None:
    from django.apps import apps

    from feedback.models import Criterion, Rubric
    from feedback.rubrics import BUILTIN_RUBRICS, rubrics_install
    from interviews.models import Format

    formats = importlib.import_module("interviews.migrations.0002_builtin_formats")
    if Format.objects.filter(owner=None).count() < len(formats.BUILTIN_FORMATS):
        formats.add_builtin_formats(apps, None)
    if Rubric.objects.count() < len(BUILTIN_RUBRICS):
        rubrics_install(Rubric, Criterion)


@pytest.fixture
def password():
    return "correct-horse-battery-9"


@pytest.fixture
def alice(db, password):
    return UserFactory(
        email="alice@example.com", display_name="Alice", password=password
    )


@pytest.fixture
def bob(db, password):
    return UserFactory(email="bob@example.com", display_name="Bob", password=password)


@pytest.fixture
def staff(db, password):
    return UserFactory(email="staff@example.com", is_staff=True, password=password)


@pytest.fixture
def database_engine():
    return connection.vendor


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    # Debian's Chromium; never a downloaded browser. The first flags keep Chromium
    # from calling home, which this closed network refuses (docs/facts.md). The
    # last keeps each context's window from loading the address bar's popup, a
    # page of Chromium's own that no test sees: it was two fifths of the pages'
    # CPU (docs/testing.md).
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "args": [
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-features="
            "WebUIOmniboxPopup,WebUIOmniboxAimPopup,WebUIOmniboxFullPopup",
        ],
    }
