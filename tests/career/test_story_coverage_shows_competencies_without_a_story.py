"""The coverage view lists each competency of the behavioral rubric with the
person's stories that show it, and the bank's behavioral questions that none of
their stories answers yet; other people's stories cover nothing for them."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from career.selectors.rubric import behavioral_competencies
from career.selectors.stories import story_coverage
from career.services.stories import story_create
from tests.career.support import STORY, behavioral_question

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


def test_coverage_names_what_has_no_story(alice, bob):
    conflict = behavioral_question("A conflict with a peer", "conflict-with-a-peer")
    failure = behavioral_question("A time you failed", "a-time-you-failed")
    keys = list(behavioral_competencies())
    assert len(keys) >= 3
    story_create(
        owner=alice,
        competencies=[keys[0]],
        question_slugs=[conflict.slug],
        **STORY,
    )
    # Bob's story covers everything, but only for Bob.
    story_create(
        owner=bob, title="Bob's", competencies=keys, question_slugs=[failure.slug]
    )

    coverage = story_coverage(user=alice)

    missing = [c["key"] for c in coverage["competencies_without_story"]]
    assert missing == keys[1:]
    assert [q.slug for q in coverage["questions_without_story"]] == [failure.slug]

    api = APIClient()
    api.force_authenticate(alice)
    data = api.get("/api/career/coverage/").json()
    assert data["competencies_without_story"] == keys[1:]
    assert [q["slug"] for q in data["questions_without_story"]] == [failure.slug]


def test_the_coverage_page_shows_the_gaps(client, alice):
    behavioral_question("Tell me about leading without authority", "lead-no-authority")
    client.force_login(alice)
    page = client.get(reverse("career-coverage")).content.decode()
    assert "No story yet" in page
    assert "Tell me about leading without authority" in page
