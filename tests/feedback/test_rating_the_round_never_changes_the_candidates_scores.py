"""Rating how the round was run is about the interviewer: the candidate's
scorecard, its ratings and their progress read the same before and after."""

import pytest
from django.urls import reverse

from feedback.models import Scorecard, ScorecardRating
from feedback.services.interviewer_feedback import interviewer_feedback_submit
from tests.feedback.support import (
    finished_session,
    rounds_of,
    write_scorecard,
    write_self_assessment,
)

pytestmark = [pytest.mark.embedded, pytest.mark.django_db]


def _scores():
    return (
        list(Scorecard.objects.values_list("pk", "recommendation", "submitted_at")),
        sorted(ScorecardRating.objects.values_list("pk", "score")),
    )


def test_scores_and_progress_stay_as_they_were(client, alice, bob):
    round_ = rounds_of(finished_session(host=alice, partner=bob, swap=False))[0]
    write_scorecard(round_, 2)
    write_self_assessment(round_, 3)
    client.force_login(bob)
    progress = client.get(reverse("api-progress-summary")).json()
    before = _scores()
    interviewer_feedback_submit(
        round_id=round_.pk,
        author=bob,
        ratings={"clarity": 1, "hints": 1, "realism": 1, "time": 1},
        comment="Hard to follow.",
    )
    assert _scores() == before
    assert client.get(reverse("api-progress-summary")).json() == progress
