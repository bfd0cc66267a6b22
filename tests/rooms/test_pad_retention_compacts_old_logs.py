"""With PAD_RETENTION_DAYS set, the daily sweep turns the update log of a pad whose
round is older into one update of its final state: the same text, the replay's
markers and its end unchanged, snapshots gone, a second sweep a no-op; the pads of
younger rounds (and of rounds booked but not yet that old) are never touched; unset,
nothing is."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from pycrdt import Doc, Text

from interviews.models import Round
from rooms.models import PadKind, PadSnapshot, PadUpdate, RoomEvent
from rooms.services.pads import pad_document, pad_text, round_pads_ensure
from rooms.services.retention import pads_retention_sweep
from tests.interviews.sessions_support import book

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


def typed_pad(alice, bob, *, starts_at, lines):
    session = book(
        host=alice, partner=bob, host_role="interviewer", starts_at=starts_at
    )
    round_ = Round.objects.get(session=session, order=0)
    pad = round_pads_ensure(round_=round_)[PadKind.SHARED]
    doc = Doc()
    text = doc.get("pad", type=Text)
    for number, line in enumerate(lines):
        before = doc.get_state()
        text += line
        row = PadUpdate.objects.create(
            pad=pad, data=doc.get_update(before), author=alice
        )
        if number == 0:  # a snapshot after the first, as long logs get
            stored = pad_document(pad_id=pad.pk, upto_id=row.pk).get_update()
            PadSnapshot.objects.create(pad=pad, upto_id=row.pk, data=stored)
    return round_, pad


@pytest.fixture
def pads(alice, bob, settings):
    settings.PAD_RETENTION_DAYS = 30
    with time_machine.travel(NOW - timedelta(days=45), tick=False):
        old_round, old_pad = typed_pad(
            alice, bob, starts_at=NOW - timedelta(days=40), lines=["one\n", "two\n"]
        )
    Round.objects.filter(pk=old_round.pk).update(
        started_at=NOW - timedelta(days=40), ended_at=NOW - timedelta(days=40)
    )
    RoomEvent.objects.create(
        round=old_round, kind="start", at=NOW - timedelta(days=40), elapsed=timedelta(0)
    )
    with time_machine.travel(NOW - timedelta(days=12), tick=False):
        young_round, young_pad = typed_pad(
            alice, bob, starts_at=NOW - timedelta(days=10), lines=["three\n", "four\n"]
        )
    return old_pad, young_pad


def test_old_logs_become_their_final_state_and_young_ones_stay(pads):
    old_pad, young_pad = pads
    old_text = pad_text(pad_id=old_pad.pk)
    last_moment = old_pad.updates.order_by("-id").first().created_at
    young_rows = list(young_pad.updates.values_list("id", "data"))

    with time_machine.travel(NOW, tick=False):
        assert pads_retention_sweep() == 1
        assert pads_retention_sweep() == 0

    assert pad_text(pad_id=old_pad.pk) == old_text
    assert "one\ntwo\n" in old_text
    kept = old_pad.updates.get()
    assert kept.created_at == last_moment
    assert not PadSnapshot.objects.filter(pad=old_pad).exists()
    assert RoomEvent.objects.filter(round=old_pad.round).count() == 1
    old_pad.refresh_from_db()
    assert old_pad.log_bytes == len(bytes(kept.data))
    assert list(young_pad.updates.values_list("id", "data")) == young_rows
    assert PadSnapshot.objects.filter(pad=young_pad).exists()


def test_unset_keeps_every_log(pads, settings):
    settings.PAD_RETENTION_DAYS = 0
    old_pad, _ = pads
    rows = old_pad.updates.count()

    with time_machine.travel(NOW, tick=False):
        assert pads_retention_sweep() == 0

    assert old_pad.updates.count() == rows
