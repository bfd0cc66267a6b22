"""After the round, the whiteboard as it ended goes with the feedback: the
scorecard's and the self-assessment's page hold its elements (drawn there as an
SVG by the browser), and the JSON export and the printable export carry them
with the round."""

import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from pycrdt import Doc, Map

from rooms.models import PadKind
from rooms.services.pads import round_pads_ensure
from tests.feedback.support import (
    finished_session,
    rounds_of,
    write_scorecard,
    write_self_assessment,
)

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

BOX = {"id": "box", "type": "rectangle", "x": 0, "y": 0, "version": 3}
GONE = {"id": "gone", "type": "ellipse", "version": 4, "isDeleted": True}


@pytest.fixture
def drawn_round(alice, bob):
    session = finished_session(
        host=alice, partner=bob, starts_at=timezone.now() - timedelta(days=1)
    )
    round_ = next(each for each in rounds_of(session) if each.interviewer == alice)
    board = round_pads_ensure(round_=round_)[PadKind.BOARD]
    doc = Doc()
    elements = doc.get("board", type=Map)
    elements["box"], elements["gone"] = BOX, GONE
    # Stored as the log stores it (the round is over: no socket takes edits).
    board.updates.create(data=doc.get_update())
    board.log_count = 1
    board.save(update_fields=["log_count"])
    write_scorecard(round_, 3)
    write_self_assessment(round_, 2)
    return round_


def test_both_feedback_pages_hold_the_board_as_it_ended(client, drawn_round):
    url = reverse("feedback-round", args=[drawn_round.pk])
    pages = {}
    for person in (drawn_round.interviewer, drawn_round.candidate):
        client.force_login(person)
        pages[person.name] = client.get(url).content.decode()

    for page in pages.values():
        assert 'data-testid="board-svg"' in page
        assert "dist/board_view.js" in page
        start = page.index('<script id="board-elements" type="application/json">')
        body = page[start:].split(">", 1)[1].split("</script>", 1)[0]
        assert json.loads(body) == [BOX]


def test_the_export_carries_the_board_with_the_round(client, drawn_round):
    client.force_login(drawn_round.candidate)

    export = json.loads(client.get(reverse("feedback-export-json")).content)

    [received] = export["received"]
    assert received["round"]["board"] == [BOX]


def test_the_printable_export_draws_the_board_of_each_round(client, drawn_round):
    client.force_login(drawn_round.candidate)

    page = client.get(reverse("feedback-export-print")).content.decode()

    assert "dist/board_view.js" in page
    script_id = f"board-received-{drawn_round.pk}"
    assert f'data-board-elements="{script_id}"' in page
    start = page.index(f'<script id="{script_id}" type="application/json">')
    body = page[start:].split(">", 1)[1].split("</script>", 1)[0]
    assert json.loads(body) == [BOX]


def test_a_round_with_nothing_drawn_shows_no_board(client, alice, bob):
    session = finished_session(host=alice, partner=bob)
    round_ = rounds_of(session)[0]
    write_scorecard(round_, 3)
    client.force_login(round_.interviewer)

    page = client.get(reverse("feedback-round", args=[round_.pk])).content.decode()

    assert "board-svg" not in page and "board_view.js" not in page
    printable = client.get(reverse("feedback-export-print")).content.decode()
    assert "board-svg" not in printable and "board_view.js" not in printable
