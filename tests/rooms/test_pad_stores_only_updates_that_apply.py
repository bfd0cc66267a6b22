"""A crafted update can no longer break a pad for good: an update is stored only once
it applied to the pad as stored; a log written before that rule, holding a row that
does not apply, still loads (the row skipped) and `pads_quarantine` moves the row
out. Through the real ASGI app, on both databases."""

import io
import logging

import pytest
from django.core.management import call_command
from pycrdt import Doc, Text, create_update_message

from rooms.models import PadUpdate, QuarantinedPadUpdate
from rooms.services.pads import (
    pad_document,
    pad_text,
    pad_update_append,
)
from tests.rooms.asgi_sockets import (
    PadSocket,
    closes,
    notices,
    run,
    session_cookie,
)
from tests.rooms.room_support import room_now
from tests.rooms.update_mutations import real_updates, with_clock

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.embedded]


@pytest.fixture
def room(transactional_db):
    return room_now()


def test_a_copy_claiming_clock_0xffffffff_is_refused_and_the_pad_lives_on(room):
    pad = room.shared
    cookies = session_cookie(room.candidate), session_cookie(room.interviewer)

    async def scenario():
        candidate = await PadSocket(cookies[0], pad.pk).open()
        interviewer = await PadSocket(cookies[1], pad.pk).open()
        [real] = candidate.client.type(0, "print('hi')\n")
        await candidate.send(real)
        await candidate.pump()
        await interviewer.pump()
        update = candidate.client.doc.get_update()
        await candidate.send(create_update_message(with_clock(update, 0xFFFFFFFF)))
        # The refusal comes once its batch tried it: on a busy machine, later than
        # a pump's quiet.
        refused = await candidate.pump_until(lambda got: bool(closes(got)))
        await interviewer.type(len(interviewer.client.content), "# still here\n")
        await interviewer.pump()
        await interviewer.close()
        # Both people connect again: the pad loads for each.
        again = await PadSocket(cookies[0], pad.pk).open()
        text = again.client.content
        await again.close()
        return refused, interviewer.client.content, text

    refused, interviewer_text, reloaded = run(scenario())

    assert notices(refused) == [
        {
            "kind": "refused",
            "message": "That update does not apply to this pad (the update claims "
            "clocks no document reaches), so it was not stored.",
        }
    ]
    assert closes(refused) == [4400]
    assert interviewer_text == reloaded == "print('hi')\n# still here\n"
    assert pad_text(pad_id=pad.pk) == reloaded
    assert PadUpdate.objects.filter(pad=pad).count() == 2


def test_the_notes_pad_survives_it_and_the_scorecard_page_opens(room, client):
    notes = room.notes
    cookie = session_cookie(room.interviewer)

    async def scenario():
        writer = await PadSocket(cookie, notes.pk).open()
        await writer.type(0, "Asked about empty input.")
        await writer.pump()
        update = writer.client.doc.get_update()
        await writer.send(create_update_message(with_clock(update, 0xFFFFFFFF)))
        return await writer.pump_until(lambda got: bool(closes(got)))

    refused = run(scenario())
    room.round.ended_at = room.round.started_at = room.session.starts_at
    room.round.save()
    client.force_login(room.interviewer)

    page = client.get(f"/feedback/rounds/{room.round.pk}/")

    assert closes(refused) == [4400]
    assert page.status_code == 200
    assert "Asked about empty input." in page.content.decode()


def test_a_log_holding_a_bad_row_from_before_loads_without_it(room, caplog):
    pad = room.shared
    first, second = real_updates()[:2]
    pad_update_append(pad_id=pad.pk, data=first, author_id=None)
    # Written straight to the log, as the consumer stored it before the fix.
    bad = PadUpdate.objects.create(pad=pad, data=with_clock(first, 0xFFFFFFFF))
    pad_update_append(pad_id=pad.pk, data=second, author_id=None)
    expected = Doc()
    expected.apply_update(first)
    expected.apply_update(second)

    with caplog.at_level(logging.WARNING, logger="rooms.services.pads"):
        loaded = pad_document(pad_id=pad.pk)
        pad_document(pad_id=pad.pk)

    text = str(loaded.get("pad", type=Text))
    assert text == str(expected.get("pad", type=Text)) != ""
    assert [r.message for r in caplog.records].count(
        f"Pad {pad.pk}: stored update {bad.pk} does not apply (the update "
        "claims clocks no document reaches); skipped. Run `manage.py "
        "pads_quarantine` to move it out of the log."
    ) == 1
    fresh_client = Doc()
    fresh_client.apply_update(loaded.get_update())
    assert str(fresh_client.get("pad", type=Text)) == text


def test_pads_quarantine_reports_and_moves_the_bad_rows_out(room):
    pad = room.shared
    first, second = real_updates()[:2]
    pad_update_append(pad_id=pad.pk, data=first, author_id=room.candidate.pk)
    bad = PadUpdate.objects.create(
        pad=pad, data=with_clock(first, 0xFFFFFFFF), author=room.candidate
    )
    pad_update_append(pad_id=pad.pk, data=second, author_id=None)
    text_before = pad_text(pad_id=pad.pk)

    dry = io.StringIO()
    call_command("pads_quarantine", "--dry-run", stdout=dry)
    assert PadUpdate.objects.filter(pk=bad.pk).exists()
    out = io.StringIO()
    call_command("pads_quarantine", stdout=out)

    assert f"Pad {pad.pk}: update {bad.pk} would move" in dry.getvalue()
    assert f"Pad {pad.pk}: update {bad.pk} moved" in out.getvalue()
    assert out.getvalue().strip().endswith("update(s) quarantined.")
    assert not PadUpdate.objects.filter(pk=bad.pk).exists()
    kept = QuarantinedPadUpdate.objects.get()
    assert (kept.update_id, kept.pad_id, kept.author_id) == (
        bad.pk,
        pad.pk,
        room.candidate.pk,
    )
    assert bytes(kept.data) == with_clock(first, 0xFFFFFFFF)
    assert pad_text(pad_id=pad.pk) == text_before
    again = io.StringIO()
    call_command("pads_quarantine", str(pad.pk), stdout=again)
    assert again.getvalue().strip() == "1 pad(s) checked, 0 update(s) quarantined."
