"""The API writes and reads all of career prep (stories, brag entries and the
reminder, loops, stages, write-ups) and the schema documents it; the export
carries all of it."""

import pytest
import yaml
from django.urls import reverse
from rest_framework.test import APIClient

from tests.career.support import behavioral_question, company

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


@pytest.fixture
def api(alice):
    client = APIClient()
    client.force_authenticate(alice)
    return client


def test_the_api_and_the_export_carry_it_all(api, client, alice):
    behavioral_question("A conflict", "a-conflict")
    company()
    story = api.post(
        "/api/career/stories/",
        {
            "title": "Rescued the launch",
            "result": "Shipped on time; 0 incidents",
            "competencies": ["ownership"],
            "questions": ["a-conflict"],
        },
        format="json",
    )
    assert story.status_code == 201, story.json()
    story_id = story.json()["id"]
    patched = api.patch(
        f"/api/career/stories/{story_id}/", {"reflection": "Ask early"}, format="json"
    ).json()
    assert patched["reflection"] == "Ask early"
    assert patched["questions"] == ["a-conflict"]
    assert patched["result"] == "Shipped on time; 0 incidents"

    entry = api.post(
        "/api/career/brag/",
        {
            "day": "2026-01-05",
            "what": "Led the on-call rework",
            "links": ["https://example.com/doc"],
        },
        format="json",
    )
    assert entry.status_code == 201
    reminder = api.put(
        "/api/career/brag/settings/",
        {"reminder_on": True, "weekday": 4, "hour": 17},
        format="json",
    )
    assert reminder.json() == {"reminder_on": True, "weekday": 4, "hour": 17}

    loop = api.post(
        "/api/career/interviews/",
        {
            "company": "acme",
            "role": "Senior engineer",
            "level": "E5",
            "group": "Big tech",
        },
        format="json",
    )
    assert loop.status_code == 201
    assert loop.json()["company_name"] == "Acme"
    stage = api.post(
        f"/api/career/interviews/{loop.json()['id']}/stages/",
        {
            "format": "behavioral",
            "date": "2026-01-06",
            "time": "15:30",
            "time_zone": "Asia/Tokyo",
        },
        format="json",
    )
    assert stage.status_code == 201, stage.json()
    assert stage.json()["time"] == "15:30"
    assert stage.json()["starts_at"].startswith("2026-01-06T06:30")
    written = api.put(
        f"/api/career/stages/{stage.json()['id']}/write-up/",
        {
            "questions_asked": ["a-conflict"],
            "self_ratings": {"ownership": 3},
            "practise_next": ["impact"],
        },
        format="json",
    )
    assert written.status_code == 200, written.json()

    data = api.get("/api/career/export/").json()
    assert [s["title"] for s in data["stories"]] == ["Rescued the launch"]
    assert data["stories"][0]["questions"] == ["a-conflict"]
    assert data["brag_entries"][0]["links"] == ["https://example.com/doc"]
    assert data["brag_reminder"]["hour"] == 17
    (exported_loop,) = data["real_interviews"]
    assert exported_loop["company_slug"] == "acme"
    (exported_stage,) = exported_loop["stages"]
    assert exported_stage["starts_at"] == "2026-01-06T15:30+09:00"
    assert exported_stage["questions_asked"] == ["a-conflict"]
    assert exported_stage["practise_next"] == ["impact"]

    client.force_login(alice)
    download = client.get(reverse("career-export"))
    assert download["Content-Disposition"].startswith("attachment;")
    assert download.json() == data

    assert api.delete(f"/api/career/stories/{story_id}/").status_code == 204
    assert api.get("/api/career/stories/").json() == []


def test_the_schema_documents_the_career_api(api):
    schema = yaml.safe_load(api.get("/api/schema/").content)
    paths = schema["paths"]
    for path, methods in {
        "/api/career/stories/": {"get", "post"},
        "/api/career/stories/{id}/": {"get", "put", "patch", "delete"},
        "/api/career/coverage/": {"get"},
        "/api/career/rounds/{round_id}/stories/": {"get", "post"},
        "/api/career/brag/": {"get", "post"},
        "/api/career/brag/settings/": {"get", "put"},
        "/api/career/interviews/": {"get", "post"},
        "/api/career/interviews/{id}/stages/": {"post"},
        "/api/career/stages/{id}/write-up/": {"put"},
        "/api/career/timeline/": {"get"},
        "/api/career/export/": {"get"},
    }.items():
        assert methods <= set(paths[path]), path
