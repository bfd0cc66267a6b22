"""After a round in which a story was told, the story shows the ratings of the
competencies it is tagged with from the round's submitted scorecard, with the
scorecard's strengths and improvements; once its candidate may read the scorecard
(the blind rule), and never the interviewer's working notes."""

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from career.models import StoryTold
from career.selectors.stories import story_landings
from career.services.stories import story_create
from feedback.models import ScorecardRating
from tests.career.support import STORY
from tests.feedback.support import (
    finished_session,
    rounds_of,
    write_scorecard,
    write_self_assessment,
)

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


@pytest.fixture
def told(alice, bob):
    session = finished_session(
        host=bob, partner=alice, swap=False, format_slug="onsite-behavioral"
    )
    (round_,) = rounds_of(session)
    story = story_create(
        owner=alice, competencies=["ownership", "collaboration"], **STORY
    )
    StoryTold.objects.create(story=story, round=round_, told_at=timezone.now())
    return story, round_


def test_the_story_shows_the_tagged_ratings_once_the_scorecard_is_readable(
    alice, told, client
):
    story, round_ = told
    scorecard = write_scorecard(
        round_, {"ownership": 4, "collaboration": 2, "impact": 1}
    )
    scorecard.notes = "Private working notes"
    scorecard.save()
    ScorecardRating.objects.filter(
        scorecard=scorecard, criterion__key="ownership"
    ).update(note="Owned the outcome end to end.")

    # Before her self-assessment, the scorecard is not hers to read.
    assert story_landings(user=alice, story=story) == []

    write_self_assessment(round_, 3)
    (landing,) = story_landings(user=alice, story=story)

    assert {r["key"]: r["score"] for r in landing["ratings"]} == {
        "ownership": 4,
        "collaboration": 2,
    }
    assert landing["mean"] == 3
    assert landing["strengths"] == "Clear plan before coding."
    assert landing["ratings"][0]["note"] == "Owned the outcome end to end."
    assert "notes" not in landing

    client.force_login(alice)
    page = client.get(reverse("career-story", args=[story.pk])).content.decode()
    assert "Owned the outcome end to end." in page
    assert "Private working notes" not in page
    api = APIClient()
    api.force_authenticate(alice)
    (data,) = api.get(f"/api/career/stories/{story.pk}/landings/").json()
    assert data["mean"] == 3


def test_a_draft_scorecard_or_an_untold_story_gains_nothing(alice, told):
    story, round_ = told
    write_self_assessment(round_, 3)
    write_scorecard(round_, 4, submitted=False)
    assert story_landings(user=alice, story=story) == []
    StoryTold.objects.update(told_at=None)
    write_scorecard(round_, 4)
    assert story_landings(user=alice, story=story) == []
