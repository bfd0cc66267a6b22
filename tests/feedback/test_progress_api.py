"""/api/progress/summary/: the same summary as the progress page, for the signed-in
user only, and listed in the OpenAPI schema."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.feedback.support import (
    finished_session,
    rounds_of,
    write_scorecard,
    write_self_assessment,
)

pytestmark = pytest.mark.django_db
URL = "/api/progress/summary/"


def test_the_summary_has_competencies_weakest_and_a_plan(client, alice, bob):
    session = finished_session(
        host=alice, partner=bob, starts_at=timezone.now() - timedelta(days=3)
    )
    round_ = next(r for r in rounds_of(session) if r.candidate_id == alice.pk)
    write_scorecard(round_, {"verification": 1, "approach": 2})
    write_self_assessment(round_, 3)
    client.force_login(alice)

    body = client.get(URL).json()

    assert set(body) == {
        "has_feedback",
        "rounds_count",
        "competencies",
        "weakest",
        "plan",
    }
    assert body["has_feedback"] is True
    verification = next(
        c for c in body["competencies"] if c["id"] == "coding:verification"
    )
    assert verification["scores"] == [
        {
            "round_id": round_.pk,
            "date": round_.started_at.date().isoformat(),
            "score": 1,
        }
    ]
    assert verification["calibration"]["gap"] == 2.0
    assert body["weakest"][0]["key"] == "verification"
    assert body["weakest"][0]["rounds"][0]["url"] == f"/feedback/rounds/{round_.pk}/"
    assert [area["share"] for area in body["plan"]["areas"]] == [60, 30, 10]
    assert body["plan"]["hours_per_week"] == 6


def test_someone_without_feedback_gets_an_empty_summary(client, alice):
    client.force_login(alice)

    body = client.get(URL).json()

    assert body["has_feedback"] is False
    assert body["competencies"] == body["weakest"] == body["plan"]["areas"] == []


def test_strangers_are_refused(client):
    assert client.get(URL).status_code in {401, 403}


def test_the_schema_lists_the_summary(client, alice):
    client.force_login(alice)

    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()

    operation = schema["paths"][URL]["get"]
    reference = operation["responses"]["200"]["content"]["application/json"]["schema"]
    name = reference["$ref"].rsplit("/", 1)[-1]
    fields = schema["components"]["schemas"][name]["properties"]
    assert {"competencies", "weakest", "plan"} <= set(fields)
