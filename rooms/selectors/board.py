"""A round's whiteboard as it ended, for the pages after the round (scorecard,
self-assessment, export): its live elements, read from the stored document.
Callers check who may read the round first; the board is both people's."""

from interviews.models import Round
from rooms.board import board_elements
from rooms.models import Pad, PadKind
from rooms.services.pads import pad_document


def round_board_elements(*, round_: Round) -> list[dict]:
    """Excalidraw's elements of the round's board, deleted ones left out; empty
    when nothing was drawn."""
    pad = (
        Pad.objects.filter(round=round_, kind=PadKind.BOARD)
        .only("pk", "log_count")
        .first()
    )
    if pad is None or not pad.log_count:
        return []
    return board_elements(pad_document(pad_id=pad.pk))
