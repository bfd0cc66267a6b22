"""Back up the whole instance to one file, and bring such a file back into an empty
instance: the database through the engine's own tools (PostgreSQL's `pg_dump` and,
in one transaction, `psql`; SQLite's online backup API), the uploaded files beside
it, and a manifest of versions, migrations and row counts (docs/backups.md)."""

import os
import shutil
import sqlite3
import subprocess
import tempfile
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection, connections
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

from backups.archive import OpenedBackup, archive_open, archive_write
from core.errors import ApplicationError

DATABASE_MEMBER = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}
MEDIA = "media"


def _engine() -> str:
    return connection.vendor  # "postgresql" or "sqlite"


def _mockloop_version() -> str:
    try:
        return version("mockloop")
    except PackageNotFoundError:
        return "unknown"


def _pg_env() -> dict:
    database = settings.DATABASES["default"]
    env = {**os.environ}
    for key, name in (
        ("PGHOST", "HOST"),
        ("PGPORT", "PORT"),
        ("PGUSER", "USER"),
        ("PGPASSWORD", "PASSWORD"),
        ("PGDATABASE", "NAME"),
    ):
        if database.get(name):
            env[key] = str(database[name])
    return env


def _run(command: list[str], *, what: str) -> None:
    try:
        done = subprocess.run(
            command, env=_pg_env(), capture_output=True, text=True, check=False
        )
    except FileNotFoundError as error:
        raise ApplicationError(
            f"{command[0]} is not installed: {what} needs PostgreSQL's client tools."
        ) from error
    if done.returncode != 0:
        raise ApplicationError(f"{what} failed: {done.stderr.strip()[-2000:]}")


def table_counts() -> dict[str, int]:
    """Rows in every table of the database, by table name."""
    with connection.cursor() as cursor:
        names = sorted(connection.introspection.table_names(cursor))
        counts = {}
        for name in names:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(name)}")
            counts[name] = cursor.fetchone()[0]
    return counts


def applied_migrations() -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app, name in sorted(MigrationRecorder(connection).applied_migrations()):
        applied.setdefault(app, []).append(name)
    return applied


def _dump_database(folder: Path) -> Path:
    target = folder / DATABASE_MEMBER[_engine()]
    if _engine() == "postgresql":
        _run(
            [
                "pg_dump",
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                f"--file={target}",
            ],
            what="The database dump",
        )
        return target
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        # SQLite's online backup: a consistent copy while the site keeps writing.
        connection.connection.backup(copy)
    finally:
        copy.close()
    return target


def _media_files() -> dict[str, Path]:
    root = Path(settings.MEDIA_ROOT)
    if not root.is_dir():
        return {}
    return {
        f"{MEDIA}/{path.relative_to(root).as_posix()}": path
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def backup_write(*, target: Path) -> dict:
    """Write a backup of the instance to `target`; returns its manifest."""
    if target.is_dir():
        raise ApplicationError(f"{target} is a folder: name the backup file to write.")
    if not target.parent.is_dir():
        raise ApplicationError(f"There is no folder {target.parent} to write into.")
    manifest = {
        "created_at": datetime.now(UTC).isoformat(),
        "mockloop_version": _mockloop_version(),
        "engine": _engine(),
        "migrations": applied_migrations(),
        "counts": table_counts(),
    }
    with tempfile.TemporaryDirectory(dir=target.parent) as scratch:
        database = _dump_database(Path(scratch))
        members = {database.name: database, **_media_files()}
        archive_write(target, manifest, members)
    return manifest


# Restore ----------------------------------------------------------------------------
def _ensure_known_migrations(backup: OpenedBackup) -> None:
    """A backup from a newer Mockloop has migrations this code has never heard of:
    restoring it would leave a schema this code cannot read."""
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    unknown = [
        f"{app}.{name}"
        for app, names in backup.manifest.get("migrations", {}).items()
        for name in names
        if (app, name) not in known
    ]
    if unknown:
        raise ApplicationError(
            "This backup comes from a newer version of Mockloop "
            f"({backup.manifest.get('mockloop_version')}): this version does not know "
            f"its migrations {', '.join(sorted(unknown)[:5])}. Upgrade Mockloop first."
        )


def instance_accounts() -> int:
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
    model = get_user_model()
    if model._meta.db_table not in tables:
        return 0
    return model.objects.count()


def _restore_postgresql(dump: Path, scratch: Path) -> None:
    script = scratch / "restore.sql"
    _run(
        ["pg_restore", "--no-owner", "--no-privileges", f"--file={script}", str(dump)],
        what="Reading the database dump",
    )
    connections.close_all()
    # One transaction: the old schema goes and the backup's comes, or nothing does.
    _run(
        [
            "psql",
            "--no-psqlrc",
            "--quiet",
            "--single-transaction",
            "--set=ON_ERROR_STOP=1",
            "--command=DROP SCHEMA IF EXISTS public CASCADE",
            "--command=CREATE SCHEMA public",
            f"--file={script}",
        ],
        what="Restoring the database",
    )


def _restore_sqlite(copy: Path) -> None:
    source = sqlite3.connect(copy)
    try:
        verdict = source.execute("PRAGMA integrity_check").fetchone()[0]
        if verdict != "ok":
            raise ApplicationError(
                f"This backup cannot be restored: its database is damaged ({verdict})."
            )
        connection.ensure_connection()
        # The backup API replaces the live database's pages in one step.
        source.backup(connection.connection)
    finally:
        source.close()
    connections.close_all()


def _restore_media(backup: OpenedBackup) -> int:
    extracted = backup.folder / MEDIA
    if not extracted.is_dir():
        return 0
    root = Path(settings.MEDIA_ROOT)
    count = 0
    for path in sorted(extracted.rglob("*")):
        if path.is_file():
            destination = root / path.relative_to(extracted)
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, destination)
            count += 1
    return count


def backup_restore(*, source: Path, replace: bool = False) -> dict:
    """Bring the backup at `source` back into this instance; refuse an instance that
    holds accounts unless told to `replace` it. Checks everything first, so a
    refused backup changes nothing."""
    with tempfile.TemporaryDirectory() as scratch:
        backup = archive_open(source, Path(scratch) / "backup")
        manifest = backup.manifest
        if manifest.get("engine") != _engine():
            raise ApplicationError(
                f"This backup was made on {manifest.get('engine')}; this instance "
                f"runs on {_engine()}. Restore it on an instance of the same kind."
            )
        _ensure_known_migrations(backup)
        accounts = instance_accounts()
        if accounts and not replace:
            raise ApplicationError(
                f"This instance already has {accounts} account(s): restoring would "
                "replace everything in it. Restore into an empty instance, or pass "
                "--replace to overwrite this one."
            )
        database = backup.member(DATABASE_MEMBER[_engine()])
        if _engine() == "postgresql":
            _restore_postgresql(database, Path(scratch))
        else:
            _restore_sqlite(database)
        media = _restore_media(backup)
    return {**manifest, "media_restored": media}
