"""The feedback API: rubrics with their four level descriptions, scorecards and
self-assessments written, saved as drafts and submitted; bad input gets a 400 that
says what is wrong and saves nothing."""

import pytest

from feedback.models import Scorecard, ScorecardRating, SelfAssessment
from tests.feedback.support import finished_session, rounds_of

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

CODING_KEYS = [
    "clarifying",
    "approach",
    "code_quality",
    "verification",
    "complexity",
    "communication",
]


@pytest.fixture
def round_(alice, bob):
    return rounds_of(finished_session(host=alice, partner=bob))[0]


def ratings(score=3):
    return [{"criterion": key, "score": score, "note": ""} for key in CODING_KEYS]


def test_rubrics_give_kind_version_and_four_levels_per_criterion(client, alice):
    client.force_login(alice)
    rubrics = {each["kind"]: each for each in client.get("/api/rubrics/").json()}

    assert set(rubrics) == {
        "coding",
        "design",
        "system_design",
        "ml_system_design",
        "ml_coding",
        "ml_fundamentals",
        "behavioral",
    }
    coding = rubrics["coding"]
    assert coding["version"] == 1
    assert [c["key"] for c in coding["criteria"]] == CODING_KEYS
    assert all(len(c["levels"]) == 4 for r in rubrics.values() for c in r["criteria"])
    assert [c["title"] for c in rubrics["ml_fundamentals"]["criteria"]][:3] == [
        "Correctness",
        "Depth",
        "Intuition",
    ]


def test_a_scorecard_is_drafted_then_submitted_through_the_api(client, round_, alice):
    client.force_login(alice)
    created = client.post(
        "/api/scorecards/",
        {"round": round_.pk, "ratings": ratings()[:2], "strengths": "Calm"},
        content_type="application/json",
    )
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["submitted_at"] is None and body["strengths"] == "Calm"

    refused = client.patch(
        f"/api/scorecards/{body['id']}/",
        {"submit": True},
        content_type="application/json",
    )
    assert refused.status_code == 400
    assert "not rated yet" in refused.json()["detail"]

    done = client.patch(
        f"/api/scorecards/{body['id']}/",
        {"ratings": ratings(4), "recommendation": "strong_hire", "submit": True},
        content_type="application/json",
    )
    assert done.status_code == 200, done.json()
    assert done.json()["submitted_at"] is not None
    assert {r["score"] for r in done.json()["ratings"]} == {4}

    second = client.post(
        "/api/scorecards/",
        {"round": round_.pk, "ratings": ratings()},
        content_type="application/json",
    )
    assert second.status_code == 400
    assert "already has your scorecard" in second.json()["detail"]

    correction = client.post(f"/api/scorecards/{body['id']}/correct/")
    assert correction.status_code == 201
    assert correction.json()["version"] == 2
    assert correction.json()["submitted_at"] is None


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"ratings": [{"criterion": "approach", "score": 7}]}, "ratings"),
        ({"ratings": [{"criterion": "approach", "score": "three"}]}, "ratings"),
        ({"ratings": "all good"}, "ratings"),
        ({"recommendation": "maybe"}, "recommendation"),
        ({"strengths": 42}, "strengths"),
        ({"round": "first"}, "round"),
    ],
)
def test_bad_fields_are_refused_and_nothing_is_saved(
    client, round_, alice, payload, field
):
    client.force_login(alice)
    response = client.post(
        "/api/scorecards/",
        {"round": round_.pk, **payload},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert field in response.json() or response.json().get("field") == field
    assert not Scorecard.objects.exists() and not ScorecardRating.objects.exists()


def test_a_self_assessment_by_someone_not_the_candidate_is_refused(
    client, round_, alice
):
    client.force_login(alice)
    response = client.post(
        "/api/self-assessments/",
        {"round": round_.pk, "ratings": ratings(), "submit": True},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "Only this round's candidate" in response.json()["detail"]
    assert not SelfAssessment.objects.exists()


def test_the_candidate_submits_or_skips_through_the_api(client, round_, bob):
    client.force_login(bob)
    response = client.post(
        "/api/self-assessments/",
        {"round": round_.pk, "ratings": ratings(2), "went_well": "Clear plan"},
        content_type="application/json",
    )
    assert response.status_code == 201
    assessment = response.json()
    done = client.patch(
        f"/api/self-assessments/{assessment['id']}/",
        {"submit": True},
        content_type="application/json",
    )
    assert done.status_code == 200 and done.json()["submitted_at"]
    again = client.patch(
        f"/api/self-assessments/{assessment['id']}/",
        {"went_well": "changed"},
        content_type="application/json",
    )
    assert again.status_code == 400


def test_the_schema_documents_the_feedback_api(client):
    paths = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()["paths"]
    for path in (
        "/api/rubrics/",
        "/api/scorecards/",
        "/api/scorecards/{id}/",
        "/api/self-assessments/",
        "/api/progress/summary/",
    ):
        assert path in paths, path
