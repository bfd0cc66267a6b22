"""Deleting a story takes its picks with it, and leaves the rounds' scorecards,
their ratings and the rounds as they were."""

import pytest
from django.urls import reverse
from django.utils import timezone

from career.models import Story, StoryTold
from career.services.stories import story_create
from feedback.models import Scorecard, ScorecardRating
from tests.career.support import STORY
from tests.feedback.support import finished_session, rounds_of, write_scorecard

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


def test_deleting_a_story_keeps_the_scorecards(client, alice, bob):
    session = finished_session(
        host=bob, partner=alice, swap=False, format_slug="onsite-behavioral"
    )
    (round_,) = rounds_of(session)
    story = story_create(owner=alice, competencies=["ownership"], **STORY)
    StoryTold.objects.create(story=story, round=round_, told_at=timezone.now())
    scorecard = write_scorecard(round_, 3)
    ratings = ScorecardRating.objects.filter(scorecard=scorecard).count()

    client.force_login(alice)
    response = client.post(reverse("career-story-delete", args=[story.pk]))

    assert response.status_code == 302
    assert not Story.objects.exists() and not StoryTold.objects.exists()
    scorecard.refresh_from_db()
    assert scorecard.submitted_at is not None
    assert Scorecard.objects.filter(round=round_).count() == 1
    assert ScorecardRating.objects.filter(scorecard=scorecard).count() == ratings
