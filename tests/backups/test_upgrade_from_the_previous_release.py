"""An upgrade as an admin makes it: a backup of an instance on the previous
release's schema (stop 26: the migrations below), restored into a new instance of
this version, then `migrate`: every table of the old schema keeps its rows, and the
site's checks pass."""

import json
import tarfile

import pytest

from tests.backups.support import Instance

pytestmark = [pytest.mark.django_db(transaction=True)]

# The last migration of each app at the previous release; apps it did not have
# yet go to zero.
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
def old_instance(tmp_path):
    """An instance with the demo's data, taken back to the previous schema."""
    instance = Instance(tmp_path / "old", migrated=True)
    # One process for every step: each `manage.py` would start Django again.
    steps = [
        ("load_demo",),
        *(("migrate", app, "zero") for app in NEWER_APPS),
        *((("migrate", app, name) for app, name in PREVIOUS_RELEASE.items())),
    ]
    script = "from django.core.management import call_command\n" + "".join(
        f"call_command(*{step!r}, verbosity=0)\n" for step in steps
    )
    must(instance.manage("shell", "--command", script))
    yield instance
    instance.drop()


@pytest.fixture
def new_instance(tmp_path):
    instance = Instance(tmp_path / "new")
    yield instance
    instance.drop()


def test_a_backup_of_the_previous_release_migrates_forward(
    old_instance, new_instance, tmp_path
):
    archive = tmp_path / "previous.backup"
    must(old_instance.manage("backup", str(archive)))
    with tarfile.open(archive) as opened:
        manifest = json.load(opened.extractfile("manifest.json"))
    assert "practice" not in manifest["migrations"]
    assert manifest["migrations"]["questions"][-1] == "0013_question_examples"

    must(new_instance.manage("restore", str(archive)))
    must(new_instance.manage("migrate", "--no-input", "-v", "0"))

    rows = new_instance.rows()
    for table, count in manifest["counts"].items():
        if table == "django_migrations":
            continue
        assert len(rows[table]) == count, table
    assert "practice_solopractice" in rows
    must(new_instance.manage("check"))
