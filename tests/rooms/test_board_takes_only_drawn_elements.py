"""A round's whiteboard is a Yjs document of its own kind, stored like a pad: an
update is kept only if it writes drawn elements into the board's map, never an
image, another root, a nested type or text, and leaves the board within its
element cap; anything else is refused with a reason and not stored. Through the
services and the real ASGI app; the board is both people's, never a stranger's."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pycrdt import Array, Doc, Map, Text, create_update_message

from rooms.board import MAX_ELEMENTS, board_elements
from rooms.models import PadKind, PadUpdate
from rooms.services.pads import (
    UpdateRefused,
    pad_document,
    pad_update_append,
    round_pads_ensure,
)
from tests.factories import UserFactory
from tests.rooms.asgi_sockets import (
    PadSocket,
    app_socket,
    closes,
    frames,
    notices,
    run,
    session_cookie,
)
from tests.rooms.room_support import room_now

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.embedded]


def rectangle(key: str, **more) -> dict:
    return {"id": key, "type": "rectangle", "x": 10, "y": 20, "version": 1, **more}


def drawn(*elements: dict, doc: Doc | None = None) -> bytes:
    """The update a page sends after drawing `elements` (on top of `doc`)."""
    doc = doc or Doc()
    before = doc.get_state()
    board = doc.get("board", type=Map)
    for element in elements:
        board[element["id"]] = element
    return doc.get_update(before)


@pytest.fixture
def room(transactional_db):
    return room_now()


@pytest.fixture
def board(room):
    return round_pads_ensure(round_=room.round)[PadKind.BOARD]


def store(board, update: bytes):
    return pad_update_append(pad_id=board.pk, data=update, author_id=None)


def refusal(board, update: bytes) -> str:
    with pytest.raises(UpdateRefused) as refused:
        store(board, update)
    return str(refused.value)


def test_every_round_has_a_board_and_drawn_elements_are_stored(room, board):
    doc = Doc()
    store(board, drawn(rectangle("box"), doc=doc))
    store(board, drawn(rectangle("box", version=2, x=99), doc=doc))

    assert {pad.kind for pad in room.round.pads.all()} == {"shared", "notes", "board"}
    assert board_elements(pad_document(pad_id=board.pk)) == [
        rectangle("box", version=2, x=99)
    ]


def test_an_image_is_refused_and_not_stored(board):
    image = {"id": "pic", "type": "image", "fileId": "f1", "version": 1}

    said = refusal(board, drawn(image))

    assert "images are off on this board" in said
    assert not PadUpdate.objects.filter(pad=board).exists()


def test_text_another_root_or_a_nested_type_is_refused(board):
    as_text = Doc()
    as_text["board"] = Text("hello")
    other_root = Doc()
    other_root.get("elsewhere", type=Map)["a"] = rectangle("a")
    nested = Doc()
    nested.get("board", type=Map)["a"] = Map({"type": "rectangle"})
    as_array = Doc()
    as_array["board"] = Array([rectangle("a")])

    said = {
        name: refusal(board, doc.get_update())
        for name, doc in [
            ("text", as_text),
            ("other root", other_root),
            ("nested", nested),
            ("array", as_array),
        ]
    }

    assert "a board holds only drawn elements" in said["text"]
    assert "writes only to its 'board' map" in said["other root"]
    assert "a board holds only drawn elements" in said["nested"]
    assert "keyed by their id" in said["array"]
    assert "is not a drawn element" in refusal(board, drawn({"id": "x", "no": 1}))
    assert not PadUpdate.objects.filter(pad=board).exists()


def test_past_the_element_cap_an_update_is_refused_and_the_board_stays(board):
    doc = Doc()
    store(board, drawn(*(rectangle(f"e{n}") for n in range(MAX_ELEMENTS)), doc=doc))

    said = refusal(board, drawn(rectangle("one more"), doc=doc))

    assert f"a board holds {MAX_ELEMENTS:,} elements at most" in said
    assert len(board_elements(pad_document(pad_id=board.pk))) == MAX_ELEMENTS
    # Changing an element already there still works at the cap.
    fresh = Doc()
    fresh.apply_update(pad_document(pad_id=board.pk).get_update())
    store(board, drawn(rectangle("e0", version=2), doc=fresh))


def test_bytes_that_are_no_yjs_update_are_refused(board):
    assert "does not apply" in refusal(board, b"\x01\x02not yjs at all")
    assert not PadUpdate.objects.filter(pad=board).exists()


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(st.data())
def test_a_bent_board_update_is_stored_only_if_the_board_still_loads(board, data):
    base = drawn(
        rectangle("box"), rectangle("arrow", type="arrow"), doc=Doc(client_id=7)
    )
    at = data.draw(st.integers(0, len(base) - 1))
    byte = data.draw(st.integers(0, 255))
    bent = base[:at] + bytes([byte]) + base[at + 1 :]
    try:
        store(board, bent)
    except UpdateRefused:
        return
    loaded = board_elements(pad_document(pad_id=board.pk))
    assert all(isinstance(each.get("type"), str) for each in loaded)
    assert all(each["type"] != "image" for each in loaded)


def test_both_people_draw_on_it_and_a_stranger_is_closed_with_4403(room, board):
    eve = UserFactory(email="eve@example.com")
    cookies = [session_cookie(user) for user in (room.candidate, room.interviewer)]

    async def scenario():
        candidate = await PadSocket(cookies[0], board.pk).open()
        interviewer = await PadSocket(cookies[1], board.pk).open()
        await interviewer.send(create_update_message(drawn(rectangle("box"))))
        await interviewer.pump()
        got = await candidate.pump()
        await candidate.send(
            create_update_message(drawn(rectangle("pic", type="image")))
        )
        # Its notice and its close: a busy machine may send them after a pump's quiet.
        refused = await candidate.pump_until(closes)
        stranger = app_socket(session_cookie(eve), f"/ws/pads/{board.pk}")
        await stranger.connect()
        eve_got = await frames(stranger)
        await stranger.disconnect()
        await interviewer.close()
        return got, refused, eve_got

    got, refused, eve_got = run(scenario())

    assert got, "the candidate heard the interviewer's drawing"
    assert notices(refused)[0]["message"] == (
        "That update does not apply to this pad (images are off on this board), "
        "so it was not stored."
    )
    assert closes(refused) == [4400]
    assert eve_got[-1] == {"type": "websocket.close", "code": 4403}
    assert [e["id"] for e in board_elements(pad_document(pad_id=board.pk))] == ["box"]
