"""A file that is not a whole, untampered export is refused with the reason, and
nothing changes: not a zip or JSON, a truncated archive, one without export.json, a
zip bomb, a file too large, another schema version, a field out of the schema,
an impossible date or review card; and whatever hypothesis makes of a valid one."""

import io
import json
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.errors import ApplicationError
from mydata.services import import_progress
from mydata.services.import_progress import progress_import
from questions.models import Attempt, Progress, QuestionList, QuestionListItem
from tests.mydata.support import archive_of, export_built, owned_by_alice

pytestmark = [pytest.mark.embedded, pytest.mark.django_db]


@pytest.fixture
def doc(alice, bob):
    owned_by_alice(alice, bob)
    return json.loads(archive_of(export_built(alice))["export.json"])


@pytest.fixture
def carol(db):
    from tests.factories import UserFactory

    return UserFactory(email="carol@example.com", display_name="Carol")


def counts() -> tuple[int, ...]:
    return (
        Progress.objects.count(),
        Attempt.objects.count(),
        QuestionList.objects.count(),
        QuestionListItem.objects.count(),
    )


def zip_of(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as opened:
        for name, data in members.items():
            opened.writestr(name, data)
    return buffer.getvalue()


def refused(user, data: bytes) -> str:
    before = counts()
    with pytest.raises(ApplicationError) as caught:
        progress_import(user=user, data=data)
    assert counts() == before
    assert caught.value.message.startswith("This file was not imported: ")
    return caught.value.message


def test_a_file_that_is_neither_zip_nor_json_is_refused(carol):
    assert "not valid JSON" in refused(carol, b"\x89PNG\r\n\x1a\n not an export")
    assert "not a JSON object" in refused(carol, b"[1, 2, 3]")


def test_a_truncated_archive_is_refused(carol, doc):
    whole = zip_of({"export.json": json.dumps(doc).encode()})

    assert "not a readable .zip" in refused(carol, whole[: len(whole) // 2])


def test_an_archive_without_export_json_is_refused(carol):
    assert "no export.json" in refused(carol, zip_of({"README.md": b"hi"}))


def test_a_zip_bomb_is_refused_before_it_is_unpacked(carol):
    bomb = zip_of({"export.json": b" " * (50 * 1024 * 1024 + 1)})

    assert len(bomb) < 1024 * 1024
    assert "more than 50 MB" in refused(carol, bomb)


def test_a_zip_whose_header_lies_about_the_size_is_cut_at_the_limit(carol, monkeypatch):
    monkeypatch.setattr(import_progress, "MAX_JSON_BYTES", 1000)
    data = bytearray(zip_of({"export.json": b" " * 5000}))
    # The sizes in the local header and the central directory claim 10 bytes.
    for header, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = data.index(header) + offset
        data[at : at + 4] = (10).to_bytes(4, "little")

    message = refused(carol, bytes(data))
    assert "more than 50 MB" in message or "not a readable .zip" in message


def test_a_file_too_large_is_refused_unread(client, carol, monkeypatch):
    monkeypatch.setattr(import_progress, "MAX_UPLOAD_BYTES", 10)
    client.force_login(carol)

    response = client.post(
        reverse("mydata-import"),
        {"file": SimpleUploadedFile("export.json", b"{}" * 10)},
    )
    assert response.status_code == 400
    assert "larger than 50 MB" in response.content.decode()
    api = client.post(
        reverse("api-me-import"),
        {"file": SimpleUploadedFile("export.json", b"{}" * 10)},
    )
    assert api.status_code == 400 and "larger than 50 MB" in api.json()["detail"]


def test_nan_in_a_card_is_refused(carol, doc):
    text = json.dumps(doc).replace('"stability": ', '"stability": NaN, "x": ', 1)
    assert '"stability": NaN' in text

    assert "not valid JSON" in refused(carol, text.encode())


def test_another_schema_version_is_refused_with_the_versions(carol, doc):
    doc["schema_version"] = 2

    message = refused(carol, json.dumps(doc).encode())
    assert "schema version is 2; this Mockloop reads version 1" in message


@pytest.mark.parametrize(
    ("path", "value", "reason"),
    [
        (("progress", 0, "status"), "hacked", "progress/0/status"),
        (("progress", 0, "attempts", 0, "rating"), 9, "progress/0/attempts/0/rating"),
        (("progress", 1, "due_at"), "yesterday", "progress/1/due_at"),
        (("progress", 1, "card"), {"card_id": "x"}, "progress/1/card"),
        (
            ("progress", 1, "attempts", 0, "created_at"),
            "2026-02-30T10:00:00+00:00",
            "progress/1/attempts/0/created_at",
        ),
        (("lists", 0, "name"), "two\nlines", "lists/0/name"),
        (("lists", 0, "items", 0, "question", "slug"), "../x", "lists/0/items/0"),
    ],
)
def test_a_tampered_field_is_refused_with_where_it_is(carol, doc, path, value, reason):
    target = doc
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value

    assert reason in refused(carol, json.dumps(doc).encode())


def test_a_file_refused_halfway_leaves_nothing_of_its_first_half(carol, doc):
    # The first entry is fine and imported first; the last one is not.
    doc["progress"][-1]["card"] = {"card_id": 1, "state": 9}

    assert "not a review card" in refused(carol, json.dumps(doc).encode())
    assert not Progress.objects.filter(user=carol).exists()


def test_the_page_shows_the_reason_and_the_api_answers_400(client, carol, doc):
    doc["schema_version"] = "1"
    client.force_login(carol)
    data = json.dumps(doc).encode()

    page = client.post(
        reverse("mydata-import"), {"file": SimpleUploadedFile("export.json", data)}
    )
    assert page.status_code == 400
    assert "This file was not imported" in page.content.decode()
    api = client.post(
        reverse("api-me-import"), {"file": SimpleUploadedFile("export.json", data)}
    )
    assert api.status_code == 400 and api.json()["field"] == "file"


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)


def leaves(value, path=()):
    if isinstance(value, dict):
        for key, each in value.items():
            yield from leaves(each, (*path, key))
    elif isinstance(value, list):
        for index, each in enumerate(value):
            yield from leaves(each, (*path, index))
    yield path


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_whatever_a_valid_file_is_turned_into_is_imported_or_refused_whole(
    carol, doc, data
):
    """Any one value replaced, or removed: the import either takes the file or
    refuses it with a reason and leaves everything as it was, never an error of
    another kind."""
    doc = json.loads(json.dumps(doc))
    spots = [path for path in leaves(doc) if path]
    path = data.draw(st.sampled_from(spots))
    parent = doc
    for key in path[:-1]:
        parent = parent[key]
    if data.draw(st.booleans()):
        parent[path[-1]] = data.draw(JSON)
    elif isinstance(parent, dict):
        del parent[path[-1]]
    else:
        parent.pop(path[-1])
    before = counts()
    try:
        progress_import(user=carol, data=json.dumps(doc).encode())
    except ApplicationError as error:
        assert error.message.startswith("This file was not imported: ")
        assert counts() == before
