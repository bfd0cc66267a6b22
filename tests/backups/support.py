"""Other Mockloop instances on this machine, for backup, restore and upgrade tests:
each with its own database (a PostgreSQL database beside the test's, or a SQLite
file) and data folder, run as `manage.py` in a process of its own."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import psycopg
from django.conf import settings
from django.db import connection

from tests.template_database import admin_connection, template_copy_for_instance

ROOT = Path(__file__).resolve().parents[2]


class Instance:
    """Another Mockloop on this machine: its own database (a PostgreSQL database
    beside the test's, or a SQLite file) and data folder, run as `manage.py`."""

    def __init__(self, folder: Path, *, migrated: bool = False):
        """A new folder and database: blank, or `migrated` (a copy of the test
        run's migrated template, which a `migrate` would have made)."""
        self.folder = folder
        folder.mkdir()
        self.env = {**os.environ, "DATA_DIR": str(folder)}
        self.env.pop("DATABASE_URL", None)
        if connection.vendor != "postgresql":
            if migrated:
                template_copy_for_instance(folder / "db.sqlite3")
            return
        database = settings.DATABASES["default"]
        self.name = f"{database['NAME']}_{folder.name}"
        if migrated:
            template_copy_for_instance(self.name)
        else:
            with admin_connection() as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{self.name}"')
                admin.execute(f'CREATE DATABASE "{self.name}"')
        self.env["DATABASE_URL"] = (
            f"postgres://{database['USER']}@{database['HOST']}:"
            f"{database['PORT']}/{self.name}"
        )

    def manage(self, *args) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=300,
        )

    def rows(self) -> dict[str, list]:
        if "DATABASE_URL" in self.env:
            with psycopg.connect(self.env["DATABASE_URL"]) as other:
                return rows_of(other)
        with sqlite3.connect(self.folder / "db.sqlite3") as other:
            return rows_of(other)

    def drop(self):
        if "DATABASE_URL" in self.env:
            with admin_connection() as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


def _tables(cursor, vendor: str) -> list[str]:
    if vendor == "postgresql":
        cursor.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
        )
    else:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite_%' ORDER BY 1"
        )
    return [row[0] for row in cursor.fetchall()]


def rows_of(raw) -> dict[str, list]:
    vendor = "sqlite" if isinstance(raw, sqlite3.Connection) else "postgresql"
    cursor = raw.cursor()
    found = {}
    for table in _tables(cursor, vendor):
        cursor.execute(f'SELECT * FROM "{table}"')
        found[table] = sorted(repr(row) for row in cursor.fetchall())
    return found


def rows_here() -> dict[str, list]:
    """The test's own database, read as the others are: through a raw connection,
    without Django's loaders and time zone."""
    database = settings.DATABASES["default"]
    if connection.vendor == "postgresql":
        with psycopg.connect(
            host=database["HOST"] or None,
            port=database["PORT"] or None,
            user=database["USER"],
            dbname=database["NAME"],
        ) as raw:
            return rows_of(raw)
    with sqlite3.connect(database["NAME"]) as raw:
        return rows_of(raw)
