"""A story picked for a behavioral round: the candidate reads it in full, the
interviewer only its title until it is told, then all of it; nobody else reads
anything. Only the round's candidate picks, only their own stories, only in a
round with a behavioral part."""

import pytest
from django.http import Http404
from rest_framework.test import APIClient

from career.selectors.stories import stories_for_round
from career.services.stories import story_create
from career.services.told import story_mark_told, story_pick
from core.errors import ApplicationError
from tests.career.support import STORY, upcoming_round
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


@pytest.fixture
def round_(alice, bob):
    return upcoming_round(interviewer=bob, candidate=alice)


def test_the_interviewer_reads_the_title_until_the_story_is_told(alice, bob, round_):
    story = story_create(owner=alice, **STORY)
    story_pick(user=alice, round=round_, story=story)

    (mine,) = stories_for_round(round=round_, viewer=alice)
    assert mine["full"] and mine["action"] == STORY["action"]
    (theirs,) = stories_for_round(round=round_, viewer=bob)
    assert theirs["title"] == STORY["title"]
    assert not theirs["full"]
    assert not {"situation", "task", "action", "result", "reflection"} & set(theirs)

    story_mark_told(user=bob, round=round_, story=story)

    (theirs,) = stories_for_round(round=round_, viewer=bob)
    assert theirs["full"] and theirs["result"] == STORY["result"]
    assert theirs["told_at"] is not None


def test_the_api_shows_the_same_to_each(alice, bob, round_):
    story = story_create(owner=alice, **STORY)
    candidate, interviewer, stranger = APIClient(), APIClient(), APIClient()
    candidate.force_authenticate(alice)
    interviewer.force_authenticate(bob)
    stranger.force_authenticate(UserFactory())
    url = f"/api/career/rounds/{round_.pk}/stories/"

    assert candidate.post(url, {"story_id": story.pk}, format="json").status_code == 201
    (seen,) = interviewer.get(url).json()
    assert seen["title"] == STORY["title"] and "action" not in seen
    assert stranger.get(url).status_code == 404
    # The interviewer cannot pick for the candidate, even with the story's id.
    assert (
        interviewer.post(url, {"story_id": story.pk}, format="json").status_code == 404
    )

    told = interviewer.post(f"{url}{story.pk}/told/")
    assert told.status_code == 200
    assert told.json()[0]["action"] == STORY["action"]
    assert stranger.post(f"{url}{story.pk}/told/").status_code == 404


def test_only_the_candidate_picks_their_own_story_in_a_behavioral_round(alice, bob):
    behavioral = upcoming_round(interviewer=bob, candidate=alice)
    coding = upcoming_round(
        interviewer=bob, candidate=alice, format_slug="onsite-coding", days=4
    )
    hers = story_create(owner=alice, **STORY)
    his = story_create(owner=bob, title="Bob's story")

    with pytest.raises(ApplicationError):
        story_pick(user=bob, round=behavioral, story=his)
    with pytest.raises(ApplicationError):
        story_pick(user=alice, round=behavioral, story=his)
    with pytest.raises(ApplicationError, match="no behavioral part"):
        story_pick(user=alice, round=coding, story=hers)
    with pytest.raises(Http404):
        stories_for_round(round=behavioral, viewer=UserFactory())

    # Not in a cancelled session, nor once the round is over.
    behavioral.session.status = "cancelled"
    behavioral.session.save(update_fields=["status"])
    with pytest.raises(ApplicationError, match="cancelled"):
        story_pick(user=alice, round=behavioral, story=hers)

    # A phone screen with a behavioral part takes a story too.
    e6 = upcoming_round(
        interviewer=bob, candidate=alice, format_slug="phone-screen-e6", days=5
    )
    assert story_pick(user=alice, round=e6, story=hers).story == hers
    e6.ended_at = e6.session.starts_at
    e6.save(update_fields=["ended_at"])
    with pytest.raises(ApplicationError, match="over"):
        story_pick(user=alice, round=e6, story=story_create(owner=alice, title="Late"))
