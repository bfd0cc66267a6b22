"""The candidate rates how their round was run on a short fixed rubric, once, after
the round; the interviewer reads it only once their own scorecard is submitted,
and nobody else ever (404, pages and API). Solo rounds have nobody to rate."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from core.errors import ApplicationError
from feedback.models import InterviewerFeedback
from feedback.round_run import CRITERIA
from feedback.services.interviewer_feedback import interviewer_feedback_submit
from interviews.models import MockSession
from tests.factories import UserFactory
from tests.feedback.support import finished_session, rounds_of, write_scorecard

pytestmark = [pytest.mark.embedded, pytest.mark.django_db]

FORM = {"run-clarity": "4", "run-hints": "2", "run-realism": "3", "run-time": "1"}
RATINGS = {"clarity": 4, "hints": 2, "realism": 3, "time": 1}


@pytest.fixture
def round_(alice, bob):
    # Alice interviews, Bob is the candidate.
    return rounds_of(finished_session(host=alice, partner=bob, swap=False))[0]


def _page(client, user, round_):
    client.force_login(user)
    return client.get(reverse("feedback-round", args=[round_.pk])).content.decode()


def test_the_candidate_sends_it_from_the_round_page(client, round_, bob):
    page = _page(client, bob, round_)
    assert 'data-testid="round-run-form"' in page
    for criterion in CRITERIA:
        assert criterion.title in page
    response = client.post(
        reverse("feedback-round-run", args=[round_.pk]),
        {**FORM, "run-comment": "Good pacing."},
        follow=True,
    )
    assert "your rating of the round is sent" in response.content.decode()
    feedback = InterviewerFeedback.objects.get(round=round_)
    assert feedback.ratings == RATINGS
    assert feedback.author == bob
    assert feedback.interviewer == round_.interviewer
    page = _page(client, bob, round_)
    assert 'data-testid="round-run-read"' in page
    assert 'data-testid="round-run-form"' not in page


def test_the_interviewer_reads_it_only_after_their_scorecard(client, round_, alice):
    interviewer_feedback_submit(
        round_id=round_.pk, author=round_.candidate, ratings=RATINGS, comment="Kind."
    )
    url = reverse("api-round-run", args=[round_.pk])
    page = _page(client, alice, round_)
    assert 'data-testid="round-run-locked"' in page
    assert "Kind." not in page
    assert client.get(url).status_code == 404
    write_scorecard(round_, 3)
    page = _page(client, alice, round_)
    assert 'data-testid="round-run-read"' in page
    assert "Kind." in page
    assert client.get(url).json()["ratings"] == RATINGS


def test_strangers_get_404_from_the_page_and_the_api(client, round_, staff):
    interviewer_feedback_submit(
        round_id=round_.pk, author=round_.candidate, ratings=RATINGS
    )
    write_scorecard(round_, 3)
    for person in (UserFactory(), staff):
        client.force_login(person)
        assert (
            client.post(reverse("feedback-round-run", args=[round_.pk]), FORM)
        ).status_code == 404
        api = reverse("api-round-run", args=[round_.pk])
        assert client.get(api).status_code == 404
        assert (
            client.post(api, {"ratings": RATINGS}, content_type="application/json")
        ).status_code == 404
    assert InterviewerFeedback.objects.count() == 1


def test_the_interviewer_cannot_rate_their_own_round(client, round_, alice):
    client.force_login(alice)
    response = client.post(
        reverse("api-round-run", args=[round_.pk]),
        {"ratings": RATINGS},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "Only the round's candidate" in response.content.decode()
    assert not InterviewerFeedback.objects.exists()


def test_it_is_sent_once(client, round_, bob):
    client.force_login(bob)
    api = reverse("api-round-run", args=[round_.pk])
    first = client.post(api, {"ratings": RATINGS}, content_type="application/json")
    assert first.status_code == 201
    again = client.post(api, {"ratings": RATINGS}, content_type="application/json")
    assert again.status_code == 400
    assert "already rated" in again.content.decode()
    assert InterviewerFeedback.objects.count() == 1


def test_not_before_the_round_is_over(round_):
    round_.ended_at = None
    round_.save()
    MockSession.objects.filter(pk=round_.session_id).update(
        ends_at=timezone.now() + timedelta(hours=1)
    )
    with pytest.raises(ApplicationError, match="once it has ended"):
        interviewer_feedback_submit(
            round_id=round_.pk, author=round_.candidate, ratings=RATINGS
        )


def test_a_solo_round_has_nobody_to_rate(client, round_, bob):
    MockSession.objects.filter(pk=round_.session_id).update(is_solo=True)
    with pytest.raises(ApplicationError, match="Only the round's candidate"):
        interviewer_feedback_submit(round_id=round_.pk, author=bob, ratings=RATINGS)
    client.force_login(bob)
    api = reverse("api-round-run", args=[round_.pk])
    assert (
        client.post(api, {"ratings": RATINGS}, content_type="application/json")
    ).status_code == 404
    assert not InterviewerFeedback.objects.exists()
