"""One migrated database per test run, copied for each test process and for the
other instances the backup tests start, instead of migrating each of them: a
migration of this schema costs 9 s of a core, and three xdist workers, a second
pass and the backup tests each ran one (docs/testing.md).

The first process of a run to need a database migrates the template under a file
lock; every process then copies it (PostgreSQL's `CREATE DATABASE ... TEMPLATE`, a
file copy for SQLite) and works on its copy. The process that started the run
drops the template when the run ends."""

import fcntl
import os
import shutil
import tempfile
import time
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import psycopg
from django.conf import settings
from django.db import connection
from django.test.utils import setup_databases

RUN_VARIABLE = "MOCKLOOP_TEST_RUN"


def run_id() -> str:
    """The run this process belongs to: xdist's workers inherit their controller's.
    Its start time too, so that a run never takes for its own the template a
    killed run with the same process id left behind."""
    return os.environ.setdefault(RUN_VARIABLE, f"{os.getpid()}_{int(time.time())}")


def _marker(suffix: str) -> Path:
    return Path(tempfile.gettempdir()) / f"mockloop-test-{run_id()}.{suffix}"


@contextmanager
def _run_lock():
    with open(_marker("lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


@cache
def template_name() -> str:
    """The template's database name (a file's path for SQLite): one per run, so
    that runs sharing a PostgreSQL (parallel checkouts, CI) keep apart."""
    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        # A file, as under make run: WAL, and a live server's threads and a worker
        # process share it as the web server and the worker share var/db.sqlite3.
        return str(settings.VAR_DIR / f"test-{run_id()}.sqlite3")
    return f"test_{database['NAME']}_{run_id()}"


def _point_at(name: str) -> None:
    settings.DATABASES["default"]["NAME"] = name
    connection.settings_dict["NAME"] = name
    connection.close()


def database_of_this_process() -> str:
    """Migrate the run's template if no process has yet, copy it for this process
    and point Django at the copy. Returns the name Django had before, for
    `database_drop`."""
    before = settings.DATABASES["default"]["NAME"]
    ready = _marker("template-ready")
    with _run_lock():
        if ready.exists():
            _point_at(template_name())
        else:
            setup_databases(
                verbosity=0,
                interactive=False,
                aliases={"default"},
                serialized_aliases=set(),
            )
            connection.close()
            ready.touch()
        suffix = str(os.getpid())
        connection.creation.clone_test_db(suffix=suffix, verbosity=0)
        _point_at(connection.creation.get_test_db_clone_settings(suffix)["NAME"])
    return before


def database_drop(before: str) -> None:
    """Drop this process's copy, even if a server a failed test left running is
    still connected to it, and point Django back at `before`."""
    copy = settings.DATABASES["default"]["NAME"]
    connection.close()
    _database_drop(copy)
    _point_at(before)


def _database_drop(name: str) -> None:
    if settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        with admin_connection() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        return
    for path in (name, f"{name}-wal", f"{name}-shm"):
        Path(path).unlink(missing_ok=True)


def template_copy_for_instance(target: str | Path) -> None:
    """A migrated database for another instance: a PostgreSQL database named
    `target`, or the SQLite file at `target`."""
    if connection.vendor == "postgresql":
        with admin_connection() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{target}"')
            admin.execute(f'CREATE DATABASE "{target}" TEMPLATE "{template_name()}"')
        return
    shutil.copy(template_name(), target)


def admin_connection(**options) -> psycopg.Connection:
    """A connection to the server's `postgres` database, for creating and dropping
    others."""
    database = settings.DATABASES["default"]
    return psycopg.connect(
        host=database["HOST"] or None,
        port=database["PORT"] or None,
        user=database["USER"],
        password=database["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
        **options,
    )


def template_drop() -> None:
    """At the end of the run, in the process that started it."""
    ready = _marker("template-ready")
    if not ready.exists():
        return
    _database_drop(template_name())
    ready.unlink(missing_ok=True)
    _marker("lock").unlink(missing_ok=True)
