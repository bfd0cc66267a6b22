"""`manage.py backup` writes one file that `manage.py restore` brings back into a
fresh instance elsewhere, every table row for row (demo sessions and feedback, a
pad's update log, an uploaded file); on PostgreSQL and on SQLite alike. A file cut
short or altered, a backup from a newer schema, and an instance that already has
accounts are refused with the reason, and change nothing."""

import json
import tarfile
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from pycrdt import Doc, Text

from backups.archive import archive_write
from interviews.models import Round
from rooms.models import PadKind, PadUpdate
from rooms.services.pads import round_pads_ensure
from tests.backups.support import Instance, rows_here
from tests.conftest import builtin_rows_ensure

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.embedded]


def assert_same_rows(restored: dict, original: dict) -> None:
    assert sorted(restored) == sorted(original)
    for table in original:
        if restored[table] != original[table]:
            extra = sorted(set(restored[table]) - set(original[table]))[:1]
            lost = sorted(set(original[table]) - set(restored[table]))[:1]
            pytest.fail(f"{table} differs: restored {extra}, original {lost}")


@pytest.fixture
def populated(tmp_path, settings):
    """Demo accounts, mocks with feedback, a pad with its update log, and one
    uploaded file."""
    builtin_rows_ensure()
    call_command("load_demo", stdout=StringIO())
    pad = round_pads_ensure(round_=Round.objects.first())[PadKind.SHARED]
    doc = Doc()
    text = doc.get("pad", type=Text)
    for line in ("def merge(bookings):\n", "    return sorted(bookings)\n"):
        before = doc.get_state()
        text += line
        PadUpdate.objects.create(pad=pad, data=doc.get_update(before))
    settings.MEDIA_ROOT = tmp_path / "media"
    (settings.MEDIA_ROOT / "imports").mkdir(parents=True)
    (settings.MEDIA_ROOT / "imports" / "bank.csv").write_text("title\nTwo sum\n")
    return pad


@pytest.fixture
def elsewhere(tmp_path):
    """A new instance's database, still blank: restore needs no migrate first."""
    instance = Instance(tmp_path / "elsewhere")
    yield instance
    instance.drop()


def backup_to(path: Path) -> Path:
    call_command("backup", str(path), stdout=StringIO())
    return path


def test_a_backup_restores_elsewhere_table_by_table(populated, elsewhere, tmp_path):
    archive = backup_to(tmp_path / "mockloop.backup")

    done = elsewhere.manage("restore", str(archive))

    assert done.returncode == 0, done.stderr
    assert "Restored" in done.stdout
    assert_same_rows(elsewhere.rows(), rows_here())
    assert PadUpdate.objects.count() >= 2
    restored = elsewhere.folder / "media" / "imports" / "bank.csv"
    assert restored.read_text() == "title\nTwo sum\n"
    with tarfile.open(archive) as opened:
        manifest = json.load(opened.extractfile("manifest.json"))
    assert manifest["counts"]["interviews_padupdate"] == PadUpdate.objects.count()
    assert "practice" in manifest["migrations"]

    # Now it has accounts: a second restore is refused unless told to replace.
    again = elsewhere.manage("restore", str(archive))
    assert again.returncode != 0
    assert "already has 3 account(s)" in again.stderr
    replaced = elsewhere.manage("restore", "--replace", str(archive))
    assert replaced.returncode == 0, replaced.stderr
    assert_same_rows(elsewhere.rows(), rows_here())


def restore_here(path: Path) -> str:
    with pytest.raises(CommandError) as refused:
        call_command("restore", str(path), stdout=StringIO())
    return str(refused.value)


def test_a_file_cut_short_or_altered_is_refused_and_changes_nothing(tmp_path):
    archive = backup_to(tmp_path / "mockloop.backup")
    before = rows_here()
    whole = archive.read_bytes()
    cut = tmp_path / "cut.backup"
    cut.write_bytes(whole[: len(whole) // 2])
    altered = tmp_path / "altered.backup"
    middle = len(whole) // 2
    altered.write_bytes(
        whole[:middle] + bytes([whole[middle] ^ 0xFF]) + whole[middle + 1 :]
    )
    not_a_backup = tmp_path / "notes.txt"
    not_a_backup.write_text("hello")

    for path, reason in (
        (cut, "cannot be restored"),
        (altered, "cannot be restored"),
        (not_a_backup, "not a whole tar archive"),
        (tmp_path / "missing.backup", "there is no file"),
    ):
        assert reason in restore_here(path), path
    assert rows_here() == before


def test_a_backup_from_a_newer_schema_says_so(tmp_path):
    dump = tmp_path / (
        "database.pgdump" if connection.vendor == "postgresql" else "database.sqlite3"
    )
    dump.write_bytes(b"never read")
    archive = tmp_path / "future.backup"
    archive_write(
        archive,
        {
            "engine": connection.vendor,
            "mockloop_version": "9.0.0",
            "migrations": {"practice": ["0001_initial", "0099_from_the_future"]},
            "counts": {},
            "created_at": "2030-01-01T00:00:00+00:00",
        },
        {dump.name: dump},
    )
    before = rows_here()

    refusal = restore_here(archive)

    assert "newer version of Mockloop (9.0.0)" in refusal
    assert "practice.0099_from_the_future" in refusal
    assert rows_here() == before
