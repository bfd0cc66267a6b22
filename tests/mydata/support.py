"""Shared helpers of the data export and import tests: a person who owns something
in every app, pads with text, and an export built at once."""

import io
import json
import zipfile
from datetime import timedelta

from django.utils import timezone
from pycrdt import Doc, Text

from career.services.brag import brag_entry_create
from career.services.real import real_interview_create, stage_create
from career.services.stories import story_create
from mydata.models import DataExport
from mydata.services.export import export_build, export_start
from practice.models import DailySet, DailySetItem, PracticeSettings
from practice.services.solo import solo_practice_finish, solo_practice_start
from questions.models import AskedReport, QuestionListItem
from questions.services import list_create
from questions.services.progress import attempt_log
from rooms.models import Pad, PadKind, PadUpdate
from tests.feedback.support import finished_session, rounds_of, write_scorecard
from tests.questions.factories import CompanyFactory, QuestionFactory


def pad_write(round_, kind: str, text: str, author) -> Pad:
    """A pad of the round holding `text`, as one stored Yjs update."""
    doc = Doc()
    doc["pad"] = Text(text)
    pad, _ = Pad.objects.get_or_create(round=round_, kind=kind)
    PadUpdate.objects.create(pad=pad, data=doc.get_update(), author=author)
    Pad.objects.filter(pk=pad.pk).update(log_count=1)
    return pad


def owned_by_alice(alice, bob) -> dict:
    """Something of Alice's in every app, and a mock with Bob, who shows himself
    as "Bobby B": she interviewed him in round 1, he interviewed her in round 2."""
    bob.display_name = "Bobby B"
    bob.save(update_fields=["display_name"])
    meta = CompanyFactory(name="Meta", slug="meta")
    two_sum = QuestionFactory(
        slug="two-sum", title="Two Sum", link="https://leetcode.com/problems/two-sum/"
    )
    intervals = QuestionFactory(slug="merge-intervals", title="Merge Intervals")
    attempt_log(user=alice, question=two_sum, outcome="solved", rating=3, note="Hash")
    attempt_log(
        user=alice,
        question=intervals,
        outcome="not_solved",
        rating=1,
        now=timezone.now() - timedelta(days=2),
    )
    graphs = list_create(owner=alice, name="Graphs week", description="Mine")
    QuestionListItem.objects.create(
        question_list=graphs, question=two_sum, position=1, section="Week 1"
    )
    QuestionListItem.objects.create(
        question_list=graphs, question=intervals, position=2, section="Week 1"
    )
    AskedReport.objects.create(
        reporter=alice,
        question=two_sum,
        company=meta,
        asked_on=timezone.localdate() - timedelta(days=3),
        round_kind="coding",
        level="E5",
    )
    session = finished_session(host=alice, partner=bob)
    alice_interviews, bob_interviews = rounds_of(session)
    pad_write(alice_interviews, PadKind.SHARED, "def solve(bob): pass", bob)
    pad_write(alice_interviews, PadKind.NOTES, "Alice's own note on Bob", alice)
    pad_write(bob_interviews, PadKind.SHARED, "def solve(alice): pass", alice)
    pad_write(bob_interviews, PadKind.NOTES, "Bob's private note on Alice", bob)
    given = write_scorecard(alice_interviews, 3)
    received = write_scorecard(bob_interviews, 2)
    received.strengths = "Bob wrote this for Alice"
    received.save(update_fields=["strengths"])
    settings = PracticeSettings.objects.create(user=alice, set_size=3)
    settings.target_companies.add(meta)
    today = DailySet.objects.create(user=alice, day=timezone.localdate())
    item = DailySetItem.objects.create(
        daily_set=today, position=0, question=intervals, reason="due for review"
    )
    solo = solo_practice_start(user=alice, question=intervals, daily_set_item=item)
    solo_practice_finish(
        practice_id=solo.pk, user=alice, outcome="solved_with_help", rating=2
    )
    story_create(owner=alice, title="Rescued the launch", competencies=["ownership"])
    brag_entry_create(owner=alice, day="2026-01-05", what="Shipped the importer")
    loop = real_interview_create(owner=alice, company_slug="meta", level="E5")
    stage_create(
        interview=loop, format="coding", day="2026-01-06", at="10:00", time_zone="UTC"
    )
    return {
        "session": session,
        "given": given,
        "received": received,
        "bob_interviews": bob_interviews,
        "two_sum": two_sum,
        "intervals": intervals,
    }


def export_built(user) -> DataExport:
    """An export of `user`'s, started and built here and now."""
    export = export_start(user=user)
    export_build(export_id=export.pk)
    export.refresh_from_db()
    return export


def archive_of(export: DataExport) -> dict[str, bytes]:
    from django.core.files.storage import default_storage

    with default_storage.open(export.file_name, "rb") as opened:
        data = opened.read()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def exported_json(user) -> dict:
    return json.loads(archive_of(export_built(user))["export.json"])
