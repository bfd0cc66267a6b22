"""An upgrade as an admin makes it: a backup taken on the previous release's
schema (stop 26), restored into a new instance of this version, then `migrate`:
every table of the old schema keeps its rows, and the site's checks pass.

The backup is a file, as an admin's would be: `data/previous-release.backup`, the
demo's data (`load_demo`) taken back to the migrations in PREVIOUS_RELEASE (apps
in NEWER_APPS to zero) and saved with `manage.py backup`, on PostgreSQL 15. Making
it in each run cost the suite about 45 s of a core (docs/testing.md)."""

import json
import tarfile
from pathlib import Path

import pytest

from tests.backups.support import Instance

PREVIOUS_BACKUP = Path(__file__).parent / "data" / "previous-release.backup"
# The last migration of each app at the previous release; apps it did not have
# yet were at zero.
PREVIOUS_RELEASE = {
    "users": "0002_one_line_names",
    "notifications": "0001_initial",
    "questions": "0013_question_examples",
    "interviews": "0013_segment_runnable",
    "rooms": "0004_pad_kind_board",
    "feedback": "0003_notices_move_to_the_outbox",
}
NEWER_APPS = ("career", "practice")


def must(done):
    assert done.returncode == 0, done.stderr[-3000:]
    return done


@pytest.fixture
def new_instance(tmp_path):
    instance = Instance(tmp_path / "new")
    yield instance
    instance.drop()


def test_the_backup_file_is_of_the_previous_release():
    with tarfile.open(PREVIOUS_BACKUP) as opened:
        manifest = json.load(opened.extractfile("manifest.json"))
    for app, last in PREVIOUS_RELEASE.items():
        assert manifest["migrations"][app][-1] == last, app
    assert not any(manifest["migrations"].get(app) for app in NEWER_APPS)
    assert manifest["counts"]["questions_question"] > 300  # the demo's bank


@pytest.mark.django_db(transaction=True)
def test_a_backup_of_the_previous_release_migrates_forward(new_instance):
    with tarfile.open(PREVIOUS_BACKUP) as opened:
        manifest = json.load(opened.extractfile("manifest.json"))

    must(new_instance.manage("restore", str(PREVIOUS_BACKUP)))
    must(new_instance.manage("migrate", "--no-input", "-v", "0"))

    rows = new_instance.rows()
    for table, count in manifest["counts"].items():
        if table == "django_migrations":
            continue
        assert len(rows[table]) == count, table
    assert "practice_solopractice" in rows
    must(new_instance.manage("check"))
