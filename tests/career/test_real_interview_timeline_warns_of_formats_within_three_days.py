"""The timeline warns when stages of two different formats fall less than three
days apart (the seed asks for three to four days to switch preparation), and when
loops of the same group of similar companies start more than two weeks apart.
Recruiter calls, withdrawn stages and stages of one format do not count."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from career.selectors.real import timeline
from career.services.real import real_interview_create, stage_create

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


def stage(interview, fmt, day, at="10:00", zone="UTC", outcome="pending"):
    return stage_create(
        interview=interview,
        format=fmt,
        day=day,
        at=at,
        time_zone=zone,
        outcome=outcome,
    )


def test_two_formats_within_three_days_are_flagged(alice):
    initech = real_interview_create(owner=alice, company_name="Initech")
    hooli = real_interview_create(owner=alice, company_name="Hooli")
    coding = stage(initech, "coding", "2026-03-02", "09:00", "America/New_York")
    # 2 days 22 hours after it (14:00 and 12:00 UTC), in another zone.
    design = stage(hooli, "system_design", "2026-03-05", "13:00", "Europe/Berlin")
    stage(hooli, "other", "2026-03-03")  # a recruiter call: not a format
    stage(initech, "coding", "2026-03-01")  # the same format as the next

    warnings = timeline(user=alice)["warnings"]

    (warning,) = [w for w in warnings if w["kind"] == "formats"]
    assert warning["stage_ids"] == [coding.pk, design.pk]
    assert "Coding at Initech and System design at Hooli" in warning["message"]
    assert "three to four days" in warning["message"]


def test_three_days_apart_or_withdrawn_is_fine(alice):
    initech = real_interview_create(owner=alice, company_name="Initech")
    stage(initech, "coding", "2026-03-02")
    stage(initech, "behavioral", "2026-03-05")
    stage(initech, "ml_system_design", "2026-03-06", outcome="withdrawn")
    assert timeline(user=alice)["warnings"] == []


def test_similar_companies_far_apart_are_flagged(alice):
    a = real_interview_create(owner=alice, company_name="Alpha", group="LeetCode-heavy")
    b = real_interview_create(owner=alice, company_name="Beta", group="leetcode-heavy ")
    c = real_interview_create(owner=alice, company_name="Gamma", group="ML design")
    stage(a, "coding", "2026-03-02")
    stage(b, "coding", "2026-03-20")
    stage(c, "ml_system_design", "2026-05-01")

    (warning,) = timeline(user=alice)["warnings"]

    assert warning["kind"] == "group"
    assert warning["interview_ids"] == [a.pk, b.pk]
    assert "18 days apart" in warning["message"]


def test_the_page_and_the_api_show_the_warning(client, alice):
    initech = real_interview_create(owner=alice, company_name="Initech")
    stage(initech, "coding", "2026-03-02")
    stage(initech, "behavioral", "2026-03-03")
    client.force_login(alice)
    page = client.get(reverse("career-interviews")).content.decode()
    assert 'data-testid="timeline-warning"' in page
    api = APIClient()
    api.force_authenticate(alice)
    data = api.get("/api/career/timeline/").json()
    assert [w["kind"] for w in data["warnings"]] == ["formats"]
    assert [s["format"] for s in data["stages"]] == ["coding", "behavioral"]
