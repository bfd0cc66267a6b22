"""Formats: the built-in ones are read-only; each person makes, changes and deletes
their own, as ordered segments, on a page and through the API."""

from datetime import timedelta

import pytest
import time_machine

from core.errors import ApplicationError
from interviews.models import Format
from interviews.services.formats import format_create, format_delete, format_update
from tests.interviews.sessions_support import NOW, book, builtin

pytestmark = pytest.mark.django_db

DRILL = [
    {"kind": "intro", "minutes": 3, "questions": 0},
    {"kind": "coding", "minutes": 20, "questions": 1},
    {"kind": "behavioral", "minutes": 10, "questions": 2},
]


def test_a_custom_format_keeps_its_segments_in_order(alice):
    drill = format_create(owner=alice, name="  Quick   drill ", segments=DRILL)

    assert (drill.name, drill.slug, drill.owner) == (
        "Quick drill",
        "quick-drill",
        alice,
    )
    assert list(drill.segments.values("kind", "minutes", "questions")) == DRILL
    assert drill.total_minutes == 33


@pytest.mark.parametrize(
    ("segments", "message"),
    [
        ([], "at least one segment"),
        ([{"kind": "juggling", "minutes": 5}], "unknown kind “juggling”"),
        ([{"kind": "coding", "minutes": 0}], "from 1 to 240 minutes"),
        ([{"kind": "coding", "minutes": 30, "questions": 6}], "from 0 to 5 questions"),
        ([{"kind": "intro", "minutes": 5, "questions": 1}], "set its questions to 0"),
        ([{"kind": "coding", "minutes": 200}, {"kind": "behavioral", "minutes": 41}],
         "add up to 241 minutes"),
    ],
)  # fmt: skip
def test_bad_segments_are_refused_with_a_message(alice, segments, message):
    with pytest.raises(ApplicationError, match=message):
        format_create(owner=alice, name="Broken", segments=segments)
    assert not Format.objects.filter(owner=alice).exists()


def test_built_in_formats_are_read_only(alice):
    phone = builtin()

    with pytest.raises(ApplicationError, match="built in and cannot be changed"):
        format_update(format=phone, by=alice, name="Mine now", segments=DRILL)
    with pytest.raises(ApplicationError, match="built in"):
        format_delete(format=phone, by=alice)
    assert phone.segments.count() == 3


def test_only_the_owner_changes_a_format(alice, bob):
    drill = format_create(owner=alice, name="Drill", segments=DRILL)

    with pytest.raises(ApplicationError, match="only change your own"):
        format_update(format=drill, by=bob, name="Taken", segments=DRILL)


def test_names_are_unique_per_person(alice, bob):
    format_create(owner=alice, name="Drill", segments=DRILL)

    with pytest.raises(ApplicationError, match="already have a format named"):
        format_create(owner=alice, name="drill", segments=DRILL)
    assert format_create(owner=bob, name="Drill", segments=DRILL).slug == "drill"


def test_a_format_in_use_keeps_its_segments_but_may_be_renamed(alice, bob):
    drill = format_create(owner=alice, name="Drill", segments=DRILL)
    with time_machine.travel(NOW, tick=False):
        book(host=alice, partner=bob, format=drill, starts_at=NOW + timedelta(days=1))

    with pytest.raises(ApplicationError, match="used by a session"):
        format_update(format=drill, by=alice, name="Drill", segments=DRILL[:1])
    with pytest.raises(ApplicationError, match="used by a session"):
        format_delete(format=drill, by=alice)
    renamed = format_update(
        format=drill, by=alice, name="Evening drill", segments=DRILL
    )
    assert renamed.name == "Evening drill"
    assert drill.segments.count() == 3


def test_the_formats_page_makes_a_format_from_the_rows(client, alice):
    client.force_login(alice)

    response = client.post(
        "/sessions/formats/",
        {
            "name": "Two coding problems",
            "kind_0": "coding",
            "minutes_0": "25",
            "questions_0": "1",
            "kind_1": "",
            "minutes_1": "99",
            "kind_2": "coding",
            "minutes_2": "25",
        },
    )

    assert response.status_code == 302
    mine = Format.objects.get(owner=alice)
    assert list(mine.segments.values_list("kind", "minutes", "questions")) == [
        ("coding", 25, 1),
        ("coding", 25, 1),
    ]
    page = client.get("/sessions/formats/").content.decode()
    assert "Two coding problems" in page and "Phone screen (E4/E5)" in page


def test_the_formats_page_shows_a_refusal(client, alice):
    client.force_login(alice)

    response = client.post("/sessions/formats/", {"name": "Empty"})

    assert response.status_code == 200
    assert "A format needs at least one segment." in response.content.decode()


def test_another_persons_format_page_is_not_found(client, alice, bob):
    drill = format_create(owner=bob, name="Drill", segments=DRILL)
    client.force_login(alice)

    assert client.get(f"/sessions/formats/{drill.pk}/").status_code == 404
    assert client.get(f"/sessions/formats/{builtin().pk}/").status_code == 404


def test_the_api_lists_formats_with_their_segments(client, alice, bob):
    format_create(owner=bob, name="Bob's own", segments=DRILL)
    client.force_login(alice)

    formats = client.get("/api/formats/").json()

    by_slug = {each["slug"]: each for each in formats}
    assert "bobs-own" not in by_slug
    assert by_slug["phone-screen-e4-e5"]["segments"] == [
        {"kind": "intro", "minutes": 5, "questions": 0, "runnable": False},
        {"kind": "coding", "minutes": 35, "questions": 2, "runnable": False},
        {"kind": "questions", "minutes": 5, "questions": 0, "runnable": False},
    ]
    assert by_slug["onsite-loop-e6"]["is_loop"] is True
    assert len(by_slug["onsite-loop-e6"]["segments"]) == 5


def test_the_api_makes_changes_and_deletes_my_format(client, alice):
    client.force_login(alice)

    made = client.post(
        "/api/formats/",
        {"name": "Drill", "segments": DRILL},
        content_type="application/json",
    )
    assert made.status_code == 201
    assert made.json()["segments"] == [{**each, "runnable": False} for each in DRILL]
    url = f"/api/formats/{made.json()['id']}/"

    changed = client.put(
        url, {"name": "Drill", "segments": DRILL[1:]}, content_type="application/json"
    )
    assert changed.json()["total_minutes"] == 30
    refused = client.post(
        "/api/formats/",
        {"name": "Bad", "segments": [{"kind": "intro", "minutes": 5, "questions": 2}]},
        content_type="application/json",
    )
    assert refused.status_code == 400
    assert "set its questions to 0" in refused.json()["detail"]
    assert client.delete(url).status_code == 204
    assert not Format.objects.filter(owner=alice).exists()
