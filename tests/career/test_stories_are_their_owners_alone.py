"""Stories, brag entries and real interviews are their owner's alone: anyone else
gets a 404 from every page and API address, and nothing of theirs in an export."""

import datetime as dt

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from career.services.brag import brag_entry_create
from career.services.real import real_interview_create, stage_create
from career.services.stories import story_create
from tests.career.support import STORY

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


@pytest.fixture
def alices(alice):
    story = story_create(owner=alice, competencies=["ownership"], **STORY)
    entry = brag_entry_create(
        owner=alice, day=dt.date(2026, 1, 5), what="Shipped search", impact="+12%"
    )
    interview = real_interview_create(owner=alice, company_name="Initech")
    stage = stage_create(
        interview=interview,
        format="coding",
        day="2026-02-01",
        at="10:00",
        time_zone="Europe/Berlin",
    )
    return story, entry, interview, stage


def test_pages_answer_404_to_anyone_but_the_owner(client, alices, bob):
    story, entry, interview, stage = alices
    client.force_login(bob)
    gets = [
        reverse("career-story", args=[story.pk]),
        reverse("career-story-edit", args=[story.pk]),
        reverse("career-brag-edit", args=[entry.pk]),
        reverse("career-interview", args=[interview.pk]),
        reverse("career-stage-edit", args=[stage.pk]),
        reverse("career-stage-write-up", args=[stage.pk]),
    ]
    for url in gets:
        assert client.get(url).status_code == 404, url
    posts = [
        reverse("career-story-delete", args=[story.pk]),
        reverse("career-brag-delete", args=[entry.pk]),
        reverse("career-brag-to-story", args=[entry.pk]),
        reverse("career-interview-delete", args=[interview.pk]),
        reverse("career-stage-new", args=[interview.pk]),
        reverse("career-stage-delete", args=[stage.pk]),
    ]
    for url in posts:
        assert client.post(url).status_code == 404, url
    page = client.get(reverse("career-stories")).content.decode()
    assert STORY["title"] not in page
    assert "Shipped search" not in client.get(reverse("career-brag")).content.decode()
    assert "Initech" not in client.get(reverse("career-interviews")).content.decode()


def test_the_api_answers_404_to_anyone_but_the_owner(alices, bob):
    story, entry, interview, stage = alices
    api = APIClient()
    api.force_authenticate(bob)
    for url in [
        f"/api/career/stories/{story.pk}/",
        f"/api/career/stories/{story.pk}/landings/",
        f"/api/career/brag/{entry.pk}/",
        f"/api/career/interviews/{interview.pk}/",
        f"/api/career/stages/{stage.pk}/",
    ]:
        assert api.get(url).status_code == 404, url
        assert api.delete(url).status_code in (404, 405), url
    assert (
        api.patch(
            f"/api/career/stories/{story.pk}/", {"title": "Mine"}, format="json"
        ).status_code
        == 404
    )
    assert api.post(f"/api/career/brag/{entry.pk}/story/").status_code == 404
    assert (
        api.put(
            f"/api/career/stages/{stage.pk}/write-up/", {}, format="json"
        ).status_code
        == 404
    )
    assert api.get("/api/career/stories/").json() == []
    assert api.get("/api/career/brag/").json() == []
    assert api.get("/api/career/interviews/").json() == []
    story.refresh_from_db()
    assert story.title == STORY["title"]


def test_an_export_holds_only_its_owners_rows(client, alices, bob):
    client.force_login(bob)
    data = client.get(reverse("career-export")).json()
    assert data["stories"] == data["brag_entries"] == data["real_interviews"] == []
    client.force_login(alices[0].owner)
    data = client.get(reverse("career-export")).json()
    assert [s["title"] for s in data["stories"]] == [STORY["title"]]


def test_pages_ask_a_stranger_to_log_in(client, alices):
    response = client.get(reverse("career-story", args=[alices[0].pk]))
    assert response.status_code == 302
    assert APIClient().get("/api/career/stories/").status_code in (401, 403)
