"""When a round is over, the room's link to its feedback says where the feedback
stands for the one who reads it: what they have still to write, what they wait for,
or that they may read it. The room (below feedback) asks what feedback plugged in;
it tells whether the other's part is in, never what it says."""

import json

import pytest
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse

from feedback.selectors.overview import room_feedback_state
from interviews.models import Round
from rooms.selectors.room import ROUND_FEEDBACK_SOURCES, room_view
from tests.feedback.support import (
    finished_session,
    rounds_of,
    write_scorecard,
    write_self_assessment,
)

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


@pytest.fixture
def session(alice, bob):
    """Alice interviewed Bob in the first round, which the room shows."""
    return finished_session(host=alice, partner=bob)


def link(session, person) -> dict:
    return room_view(session=session, user=person)["round"]["feedback"]


def words(session, person) -> str:
    return json.dumps(room_view(session=session, user=person), cls=DjangoJSONEncoder)


def test_feedback_plugs_its_source_into_the_room():
    assert room_feedback_state in ROUND_FEEDBACK_SOURCES


def test_before_anything_is_written_each_is_asked_for_their_part(session, alice, bob):
    assert link(session, alice) == {
        "state": "to_write",
        "text": "Write your scorecard while it is fresh",
    }
    assert link(session, bob) == {
        "state": "to_write",
        "text": "Write your self-assessment before reading the feedback",
    }


def test_nothing_is_said_while_the_round_runs(session, alice, bob):
    Round.objects.filter(pk=rounds_of(session)[0].pk).update(ended_at=None)
    assert link(session, alice) is None
    assert link(session, bob) is None


def test_after_a_skip_the_candidate_waits_for_the_scorecard_then_reads_it(
    client, session, alice, bob
):
    first = rounds_of(session)[0]
    client.force_login(bob)
    client.post(reverse("feedback-round", args=[first.pk]), {"action": "skip"})

    assert link(session, bob) == {
        "state": "waiting",
        "text": "Self-assessment skipped: read the interviewer's scorecard once it "
        "is written",
    }
    assert link(session, alice)["state"] == "to_write"

    write_scorecard(first, 3)
    assert link(session, bob) == {"state": "ready", "text": "Read the feedback"}
    assert link(session, alice) == {
        "state": "sent",
        "text": "Scorecard sent; they skipped the self-assessment",
    }


def test_a_written_self_assessment_waits_and_says_nothing_of_itself_to_the_other(
    session, alice, bob
):
    first = rounds_of(session)[0]
    assessment = write_self_assessment(first, 2)

    assert link(session, bob) == {
        "state": "waiting",
        "text": "Your self-assessment is in: read the interviewer's scorecard "
        "once it is written",
    }
    assert link(session, alice)["state"] == "to_write"
    assert assessment.went_well not in words(session, alice)

    write_scorecard(first, 3)
    assert link(session, bob)["state"] == "ready"
    assert link(session, alice) == {
        "state": "sent",
        "text": "Scorecard sent: read their self-assessment",
    }


def test_a_sent_scorecard_is_not_asked_for_again_and_stays_blind_to_the_candidate(
    session, alice, bob
):
    first = rounds_of(session)[0]
    scorecard = write_scorecard(first, 3, recommendation="strong_hire")

    assert link(session, alice) == {
        "state": "sent",
        "text": "Scorecard sent: their self-assessment shows once they write it",
    }
    assert link(session, bob) == {
        "state": "to_write",
        "text": "The feedback is in: write your self-assessment (or skip it) to "
        "read it",
    }
    seen_by_bob = words(session, bob)
    for secret in (scorecard.strengths, scorecard.improvements, "Strong hire"):
        assert secret not in seen_by_bob


def test_a_draft_scorecard_or_correction_is_to_be_finished(client, session, alice):
    first = rounds_of(session)[0]
    client.force_login(alice)
    client.post(reverse("feedback-round", args=[first.pk]), {"action": "save"})
    assert link(session, alice) == {
        "state": "draft",
        "text": "Your scorecard is a draft: finish and submit it",
    }

    write_scorecard(first, 3)
    client.post(reverse("feedback-round", args=[first.pk]), {"action": "correct"})
    assert link(session, alice) == {
        "state": "draft",
        "text": "Your correction is a draft: finish and submit it",
    }
