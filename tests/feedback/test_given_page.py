"""The interviewer's page: the feedback I gave, what waits for me to write, and
whether I rate harder or softer than other interviewers of the same candidates,
shown as means only."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from feedback.models import Scorecard
from feedback.selectors.given import Comparison, given_page_for_user
from interviews.models import MockSession, Round, SessionStatus
from tests.factories import UserFactory
from tests.feedback.support import finished_session, rounds_of, write_scorecard
from tests.interviews.sessions_support import book

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

URL = reverse("feedback-given")


def days_ago(days: int):
    return timezone.now() - timedelta(days=days)


def interviewed(interviewer, candidate, *, days: int):
    """The round of a finished session in which `interviewer` interviewed
    `candidate`."""
    session = finished_session(
        host=interviewer, partner=candidate, starts_at=days_ago(days), swap=False
    )
    [round_] = rounds_of(session)
    if round_.interviewer != interviewer:
        # The host's part is a booking choice; the round, not the booking, matters.
        Round.objects.filter(pk=round_.pk).update(
            interviewer=interviewer, candidate=candidate
        )
        round_.refresh_from_db()
    return round_


@pytest.fixture
def carol(db):
    return UserFactory(email="carol@example.com", display_name="Carol")


@pytest.fixture
def dave(db):
    return UserFactory(email="dave@example.com", display_name="Dave")


def page_of(client, user) -> str:
    client.force_login(user)
    response = client.get(URL)
    assert response.status_code == 200
    return response.content.decode()


def test_given_page_needs_a_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_given_page_lists_my_submitted_scorecards_with_a_link_to_each_round(
    client, alice, bob
):
    round_ = interviewed(alice, bob, days=3)
    write_scorecard(round_, 3, recommendation="strong_hire")

    page = page_of(client, alice)

    assert 'data-testid="given-row"' in page
    assert "Bob" in page
    assert "Strong hire" in page
    assert "3.00" in page
    assert reverse("feedback-round", args=[round_.pk]) in page


def test_given_page_shows_only_the_current_version_of_a_corrected_scorecard(
    client, alice, bob
):
    round_ = interviewed(alice, bob, days=3)
    correction = write_scorecard(round_, 4, recommendation="strong_hire")
    Scorecard.objects.filter(pk=correction.pk).update(version=2)
    write_scorecard(round_, 2, recommendation="no_hire")

    page = page_of(client, alice)

    assert page.count('data-testid="given-row"') == 1
    assert "Strong hire" in page
    assert "No hire" not in page


def test_given_page_lists_my_drafts_and_open_rounds_without_a_scorecard(
    client, alice, bob
):
    drafted = interviewed(alice, bob, days=5)
    write_scorecard(drafted, 3, submitted=False)
    unwritten = interviewed(alice, bob, days=3)
    done = interviewed(alice, bob, days=1)
    write_scorecard(done, 3)
    # Still to come: not open for feedback, so not waiting.
    upcoming = rounds_of(
        book(host=alice, partner=bob, starts_at=timezone.now() + timedelta(days=2))
    )[0]

    page = page_of(client, alice)

    assert page.count('data-testid="waiting-draft"') == 1
    assert page.count('data-testid="waiting-unwritten"') == 1
    assert reverse("feedback-round", args=[drafted.pk]) in page
    assert reverse("feedback-round", args=[unwritten.pk]) in page
    assert "Finish the draft" in page
    assert "Write feedback" in page
    assert reverse("feedback-round", args=[upcoming.pk]) not in page


def test_rounds_I_was_the_candidate_in_or_of_a_cancelled_session_are_not_waiting(
    alice, bob
):
    interviewed(bob, alice, days=3)
    cancelled = interviewed(alice, bob, days=2)
    MockSession.objects.filter(pk=cancelled.session_id).update(
        status=SessionStatus.CANCELLED
    )

    waiting = given_page_for_user(user=alice).waiting

    assert waiting.drafts == []
    assert waiting.unwritten == []


def test_a_harsher_interviewer_sees_the_verdict_but_not_the_others_ratings(
    client, alice, bob, carol, dave
):
    write_scorecard(interviewed(alice, bob, days=3), 2)
    write_scorecard(interviewed(carol, bob, days=2), 3)
    write_scorecard(interviewed(dave, bob, days=1), 4)

    page = page_of(client, alice)

    assert 'data-testid="comparison-row"' in page
    assert "2.00" in page  # my mean
    assert "Harsher" in page and "by about 1 and a half points" in page
    # The others' mean and the exact gap would give away their ratings: neither
    # number is anywhere in the page (a time's seconds, such as 31.509775, are not
    # the number 1.50).
    assert not re.search(r"(?<![\d.])3\.50?(?!\d)", page)
    assert not re.search(r"(?<![\d.])1\.50?(?!\d)", page)
    assert "1 candidate you share with other interviewers" in page


def test_a_lenient_interviewer_and_one_in_line_with_the_others(alice, bob, carol, dave):
    write_scorecard(interviewed(alice, bob, days=3), {"communication": 3})
    write_scorecard(interviewed(carol, bob, days=2), 2)
    write_scorecard(interviewed(dave, bob, days=1), {"communication": 4})

    comparisons = {
        each.key: each for each in given_page_for_user(user=alice).comparisons
    }

    communication = comparisons["communication"]
    assert (communication.my_mean, communication.others_mean) == (3.0, 3.0)
    assert communication.difference == 0
    assert communication.verdict == "about the same"
    # Other criteria: alice 3, carol 2 and dave 3, so 2.5 against 3.
    approach = comparisons["approach"]
    assert (approach.my_mean, approach.others_mean) == (3.0, 2.5)
    assert approach.difference == 0.5
    assert approach.verdict == "more lenient"
    assert approach.my_ratings == 1
    assert approach.other_ratings == 2
    assert approach.candidates == 1


def test_the_verdict_turns_at_three_tenths_of_a_point():
    def verdict(mine: float, others: float) -> str:
        return Comparison(
            kind="coding",
            kind_label="Coding",
            key="approach",
            title="Approach",
            my_ratings=4,
            other_ratings=4,
            other_scorecards=2,
            other_interviewers=2,
            candidates=2,
            my_mean=mine,
            others_mean=others,
        ).verdict

    assert verdict(2.7, 3.0) == "harsher"
    assert verdict(2.8, 3.0) == "about the same"
    assert verdict(3.2, 3.0) == "about the same"
    assert verdict(3.3, 3.0) == "more lenient"


def test_each_candidate_weighs_the_same_in_the_others_mean(alice, bob, carol, dave):
    erin = UserFactory(display_name="Erin")
    write_scorecard(interviewed(alice, bob, days=9), 3)
    write_scorecard(interviewed(alice, erin, days=8), 3)
    # Bob interviewed three times by others at 4, Erin once at 2: per candidate
    # 4 and 2, so 3 on average, not (4 * 3 + 2) / 4.
    write_scorecard(interviewed(carol, bob, days=7), 4)
    write_scorecard(interviewed(carol, bob, days=6), 4)
    write_scorecard(interviewed(dave, bob, days=5), 4)
    write_scorecard(interviewed(dave, erin, days=4), 2)

    comparison = given_page_for_user(user=alice).comparisons[0]

    assert comparison.others_mean == 3.0
    assert comparison.verdict == "about the same"
    assert comparison.candidates == 2
    assert comparison.other_scorecards == 4


def test_a_comparison_resting_on_one_other_interviewer_is_hidden_and_says_why(
    client, alice, bob, carol
):
    write_scorecard(interviewed(alice, bob, days=3), 3)
    # Two scorecards, but both Carol's: their mean would be her own ratings.
    for days in (2, 1):
        scorecard = write_scorecard(
            interviewed(carol, bob, days=days), 1, recommendation="strong_no_hire"
        )
        scorecard.strengths = "Carol's own words about Bob."
        scorecard.save(update_fields=["strengths"])

    page = page_of(client, alice)

    assert 'data-testid="comparison-row"' not in page
    assert 'data-testid="comparison-hidden"' in page
    assert "at least 2 scorecards by at least 2 different people" in page
    assert "1.00" not in page
    assert "Strong no hire" not in page
    assert "Carol" not in page


def test_no_other_interviewers_scorecard_shows_on_my_page(
    client, alice, bob, carol, dave
):
    write_scorecard(interviewed(alice, bob, days=3), 3)
    their_rounds = []
    for interviewer, days in ((carol, 2), (dave, 1)):
        round_ = interviewed(interviewer, bob, days=days)
        their_rounds.append(round_)
        scorecard = write_scorecard(
            round_, {"communication": 1}, recommendation="strong_no_hire"
        )
        scorecard.strengths = f"Strengths-by-{interviewer.name}"
        scorecard.improvements = f"Improvements-by-{interviewer.name}"
        scorecard.notes = f"Notes-by-{interviewer.name}"
        scorecard.save(update_fields=["strengths", "improvements", "notes"])

    page = page_of(client, alice)

    assert page.count('data-testid="comparison-row"') >= 1
    for text in ("Carol", "Dave", "Strong no hire", "-by-"):
        assert text not in page
    for round_ in their_rounds:
        assert reverse("feedback-round", args=[round_.pk]) not in page


def test_the_page_costs_the_same_queries_however_much_feedback_there_is(
    alice, bob, carol, dave
):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            page = given_page_for_user(user=alice)
            [each.verdict for each in page.comparisons]
        return len(captured)

    write_scorecard(interviewed(alice, bob, days=20), 3)
    write_scorecard(interviewed(alice, bob, days=19), 3, submitted=False)
    interviewed(alice, bob, days=18)
    write_scorecard(interviewed(carol, bob, days=17), 3)
    write_scorecard(interviewed(dave, bob, days=16), 3)
    few = queries()
    for days in range(10, 15):
        write_scorecard(interviewed(alice, bob, days=days), 2)
        write_scorecard(interviewed(carol, bob, days=days - 5), 4)
        interviewed(alice, carol, days=days + 10)

    assert queries() == few
