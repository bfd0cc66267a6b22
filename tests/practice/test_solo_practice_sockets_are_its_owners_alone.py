"""A practice room's sockets, through the real routing and channel layer: its
person holds them and reads the practice (role "solo", its nudges and answers), and
runs the clock; nobody else holds them, a friend with whom they have mocks
included; the room's hint command cannot open a hint before the practice does."""

import pytest
from channels.routing import URLRouter
from channels.testing import WebsocketCommunicator

from practice.services.solo import solo_practice_start
from rooms.models import PadKind
from rooms.routing import websocket_urlpatterns
from rooms.services.pads import round_pads_ensure
from tests.questions.factories import QuestionFactory
from tests.rooms.asgi_sockets import frames, run, texts

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.embedded]


def socket(user, path: str) -> WebsocketCommunicator:
    communicator = WebsocketCommunicator(URLRouter(websocket_urlpatterns), path)
    communicator.scope["user"] = user
    return communicator


def test_only_the_person_practising_holds_the_rooms_sockets(alice, bob):
    question = QuestionFactory(title="Merge the bookings")
    practice = solo_practice_start(user=alice, question=question)
    round_ = practice.session.rounds.get()
    shared = round_pads_ensure(round_=round_)[PadKind.SHARED]
    chosen = round_.questions.get()
    room_path = f"/ws/sessions/{practice.session_id}/"

    async def scenario():
        results = {}
        for name, user, path in [
            ("bob room", bob, room_path),
            ("bob pad", bob, f"/ws/pads/{shared.pk}"),
        ]:
            communicator = socket(user, path)
            await communicator.connect()
            results[name] = await frames(communicator)
            await communicator.disconnect()
        mine = socket(alice, room_path)
        await mine.connect()
        results["alice"] = await frames(mine)
        await mine.send_json_to(
            {"type": "clock", "action": "start", "round": round_.pk, "version": 0}
        )
        results["alice start"] = await frames(mine)
        await mine.send_json_to({"type": "hint", "question": chosen.pk, "number": 1})
        results["alice hint"] = await frames(mine)
        await mine.disconnect()
        return results

    results = run(scenario())

    for name in ("bob room", "bob pad"):
        assert results[name][-1] == {"type": "websocket.close", "code": 4403}
        assert not any(o.get("bytes") or o.get("text") for o in results[name])
    state = next(m["state"] for m in texts(results["alice"]) if m["type"] == "state")
    assert state["round"]["role"] == "solo"
    assert state["round"]["practice"]["id"] == practice.pk
    assert state["round"]["notes_pad"] is None
    # The question is shown, its hints are not.
    assert state["round"]["questions"][0]["title"] == "Merge the bookings"
    assert "hints" not in state["round"]["questions"][0]
    started = [m for m in texts(results["alice start"]) if m["type"] == "state"]
    assert started and started[-1]["state"]["round"]["clock"]["started_at"]
    refused = [m for m in texts(results["alice hint"]) if m["type"] == "error"]
    assert "practice panel" in refused[0]["message"]
    assert not chosen.given_hints.exists()
