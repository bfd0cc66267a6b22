"""The export carries how rounds were run (issue 20's feedback for the interviewer):
the ratings I gave as candidate, and those about me as interviewer only once my own
scorecard of that round is in, as the blind rule has it; and they validate."""

import json

import jsonschema
import pytest
from django.utils import timezone

from feedback.models import InterviewerFeedback, Scorecard
from feedback.round_run import KEYS
from mydata.services.export import SCHEMA_PATH
from tests.feedback.support import rounds_of
from tests.mydata.support import archive_of, export_built, owned_by_alice

pytestmark = [pytest.mark.embedded, pytest.mark.django_db]


def rated(round_, score: int) -> InterviewerFeedback:
    return InterviewerFeedback.objects.create(
        round=round_,
        author=round_.candidate,
        interviewer=round_.interviewer,
        ratings=dict.fromkeys(KEYS, score),
        comment="Hints came at the right time.",
        submitted_at=timezone.now(),
    )


def feedback_part(user) -> dict:
    doc = json.loads(archive_of(export_built(user))["export.json"])
    jsonschema.validate(doc, json.loads(SCHEMA_PATH.read_text()))
    return doc["feedback"]


def test_ratings_given_and_received_under_the_blind_rule(alice, bob):
    owned = owned_by_alice(alice, bob)
    alice_interviews, bob_interviews = rounds_of(owned["session"])
    # Alice's scorecard of the round she ran is still a draft.
    Scorecard.objects.filter(pk=owned["given"].pk).update(submitted_at=None)
    rated(bob_interviews, 4)  # Alice, as candidate, rates Bob's round
    rated(alice_interviews, 2)  # Bob rates the round Alice ran

    mine = feedback_part(alice)
    assert [run["round"] for run in mine["round_runs_given"]] == [bob_interviews.pk]
    assert mine["round_runs_received"] == []  # her scorecard is not in yet

    Scorecard.objects.filter(pk=owned["given"].pk).update(submitted_at=timezone.now())
    mine = feedback_part(alice)
    assert [run["ratings"] for run in mine["round_runs_received"]] == [
        dict.fromkeys(KEYS, 2)
    ]
