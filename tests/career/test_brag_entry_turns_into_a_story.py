"""'Turn into a story' starts a story from a brag entry: what happened becomes the
situation to shape, its impact the result; the entry stays, linked."""

import datetime as dt

import pytest
from django.urls import reverse

from career.models import BragEntry, Story
from career.services.brag import brag_entry_create

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


def test_an_entry_turns_into_a_story_from_the_page(client, alice):
    entry = brag_entry_create(
        owner=alice,
        day=dt.date(2026, 1, 9),
        what="Led the migration to PostgreSQL 16\nwith no downtime",
        impact="p99 latency down 35%; 2 weeks early",
        seen_by="the CTO",
        links=["https://example.com/postmortem"],
    )
    client.force_login(alice)

    response = client.post(reverse("career-brag-to-story", args=[entry.pk]))

    story = Story.objects.get()
    assert response.url == reverse("career-story-edit", args=[story.pk])
    assert story.owner == alice and story.brag_entry == entry
    assert story.title == "Led the migration to PostgreSQL 16"
    assert "with no downtime" in story.situation and "the CTO" in story.situation
    assert story.result == "p99 latency down 35%; 2 weeks early"
    assert BragEntry.objects.filter(pk=entry.pk).exists()
    page = client.get(response.url).content.decode()
    assert "p99 latency down 35%" in page


def test_the_api_turns_an_entry_into_a_story(alice):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(alice)
    created = api.post(
        "/api/career/brag/",
        {
            "day": "2026-01-09",
            "what": "Mentored two new engineers",
            "impact": "Both shipped in week 1",
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    story = api.post(f"/api/career/brag/{created.json()['id']}/story/")
    assert story.status_code == 201
    assert story.json()["result"] == "Both shipped in week 1"
    assert story.json()["brag_entry"] == created.json()["id"]
