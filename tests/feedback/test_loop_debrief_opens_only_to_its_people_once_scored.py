"""A loop's debrief, page and API, opens to the loop's candidate and interviewers
only once every round is held and scored, the candidate once their own account of
every round is in; to anyone else, staff included, it answers 404."""

import pytest
from django.urls import reverse

from feedback.models import SelfAssessment
from tests.factories import UserFactory
from tests.feedback.loop_support import held_loop, scored, three_round_loop
from tests.feedback.support import write_scorecard, write_self_assessment

pytestmark = [pytest.mark.embedded, pytest.mark.django_db]


@pytest.fixture
def carol(db):
    return UserFactory(email="carol@example.com", display_name="Carol")


@pytest.fixture
def rounds(alice, bob, carol):
    return held_loop(
        candidate=alice, interviewers=[bob, bob, carol], loop=three_round_loop(alice)
    )


def _status(client, user, loop_id: int) -> tuple[int, int]:
    client.force_login(user)
    page = client.get(reverse("feedback-loop-debrief", args=[loop_id]))
    api = client.get(reverse("api-loop-debrief", args=[loop_id]))
    return page.status_code, api.status_code


def test_nobody_reads_it_while_a_round_is_unscored(client, rounds, alice, bob, carol):
    scored(rounds[:2])
    write_self_assessment(rounds[2], 3)
    for person in (alice, bob, carol):
        assert _status(client, person, rounds[0].pk) == (404, 404)


def test_every_person_of_the_loop_reads_it_once_every_round_is_scored(
    client, rounds, alice, bob, carol
):
    scored(rounds)
    for person in (alice, bob, carol):
        assert _status(client, person, rounds[0].pk) == (200, 200)


def test_the_last_interviewer_reads_it_only_after_their_own_scorecard(
    client, rounds, carol
):
    scored(rounds[:2])
    write_self_assessment(rounds[2], 3)
    assert _status(client, carol, rounds[0].pk) == (404, 404)
    write_scorecard(rounds[2], 3)
    assert _status(client, carol, rounds[0].pk) == (200, 200)


def test_a_draft_scorecard_is_not_a_scored_round(client, rounds, bob):
    scored(rounds[:2])
    write_scorecard(rounds[2], 3, submitted=False)
    write_self_assessment(rounds[2], 3)
    assert _status(client, bob, rounds[0].pk) == (404, 404)


def test_the_candidate_reads_it_once_every_self_assessment_is_in(
    client, rounds, alice, bob
):
    scored(rounds, self_assessed=False)
    write_self_assessment(rounds[0], 3)
    write_self_assessment(rounds[1], 3, skipped=True)
    assert _status(client, alice, rounds[0].pk) == (404, 404)
    # The interviewers need not wait for the candidate's accounts.
    assert _status(client, bob, rounds[0].pk) == (200, 200)
    write_self_assessment(rounds[2], 2)
    assert SelfAssessment.objects.filter(round__in=rounds).count() == 3
    assert _status(client, alice, rounds[0].pk) == (200, 200)


def test_strangers_and_staff_get_404(client, rounds, staff):
    scored(rounds)
    stranger = UserFactory()
    for person in (stranger, staff):
        assert _status(client, person, rounds[0].pk) == (404, 404)


def test_only_the_first_round_names_the_loop(client, rounds, alice):
    scored(rounds)
    assert _status(client, alice, rounds[1].pk) == (404, 404)
    assert _status(client, alice, 10**9) == (404, 404)


def test_signed_out_visitors_are_sent_to_log_in(client, rounds):
    scored(rounds)
    page = client.get(reverse("feedback-loop-debrief", args=[rounds[0].pk]))
    assert page.status_code == 302
    api = client.get(reverse("api-loop-debrief", args=[rounds[0].pk]))
    assert api.status_code in (401, 403)


def test_the_overview_and_session_pages_link_it_when_readable(
    client, rounds, alice, bob
):
    url = reverse("feedback-loop-debrief", args=[rounds[0].pk])
    scored(rounds[:2])
    client.force_login(bob)
    assert url not in client.get(reverse("feedback-overview")).content.decode()
    write_scorecard(rounds[2], 3)
    write_self_assessment(rounds[2], 3)
    for person in (alice, bob):
        client.force_login(person)
        assert url in client.get(reverse("feedback-overview")).content.decode()
        session_page = client.get(
            reverse("session-detail", args=[rounds[1].session_id])
        )
        assert url in session_page.content.decode()
