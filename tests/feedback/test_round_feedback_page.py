"""The round's feedback page: opening it writes nothing, the form works without
JavaScript, a refused submission keeps what was typed, odd input gets a message,
and the facts of the round count every step."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from feedback.models import Scorecard, SelfAssessment
from feedback.selectors.rounds import phase_minutes
from interviews.models import RoundQuestion
from rooms.models import RoomEvent, RoomEventKind
from tests.feedback.support import finished_session, rounds_of
from tests.questions.factories import QuestionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


@pytest.fixture
def first_round(alice, bob):
    return rounds_of(finished_session(host=alice, partner=bob))[0]


def url(round_):
    return reverse("feedback-round", args=[round_.pk])


def test_opening_the_page_writes_nothing(client, first_round, alice, bob):
    for person in (alice, bob):
        client.force_login(person)
        page = client.get(url(first_round)).content.decode()
        assert "Not started" in page
    assert not Scorecard.objects.exists() and not SelfAssessment.objects.exists()


def test_a_refused_submission_keeps_what_was_typed(client, first_round, alice):
    client.force_login(alice)
    response = client.post(
        url(first_round),
        {
            "action": "submit",
            "note-approach": "",
            "score-approach": "3",
            "strengths": "Steady under pressure",
        },
        follow=True,
    )
    page = response.content.decode()
    assert "not rated yet" in page
    assert "Steady under pressure" in page
    draft = Scorecard.objects.get()
    assert draft.submitted_at is None
    assert draft.ratings.get(criterion__key="approach").score == 3


@pytest.mark.parametrize("score", ["²", "7", "3.5", "x" * 50])
def test_an_odd_rating_gets_a_message_not_an_error_page(
    client, first_round, alice, score
):
    client.force_login(alice)
    response = client.post(
        url(first_round),
        {"action": "save", "note-approach": "", "score-approach": score},
        follow=True,
    )
    assert response.status_code == 200
    assert "whole number from 1 to 4" in response.content.decode()
    assert not Scorecard.objects.exists()


def test_the_candidate_never_reads_a_question_that_was_not_revealed(
    client, first_round, alice, bob
):
    coding = first_round.session.format.segments.get(kind="coding")
    chosen = [
        RoundQuestion.objects.create(
            round=first_round,
            segment=coding,
            position=position,
            question=QuestionFactory(title=title),
        )
        for position, title in enumerate(["Merge intervals", "Secret heap puzzle"])
    ]
    chosen[0].revealed_at = timezone.now()
    chosen[0].save()
    hidden = chosen[1].question.title
    client.force_login(alice)
    # The interviewer writes on the revealed question only; a note on the other
    # is refused, as it was never asked.
    client.post(url(first_round), {"action": "save", f"qnote-{chosen[1].pk}": "x"})
    assert not Scorecard.objects.exists()
    client.post(url(first_round), {"action": "save", f"qnote-{chosen[0].pk}": "ok"})
    scorecard = Scorecard.objects.get()
    assert list(scorecard.question_notes.values_list("round_question", flat=True)) == [
        chosen[0].pk
    ]
    scorecard.submitted_at = timezone.now()
    scorecard.save()
    client.force_login(bob)
    client.post(url(first_round), {"action": "skip"})

    assert hidden not in client.get(url(first_round)).content.decode()
    assert hidden not in client.get(f"/api/scorecards/{scorecard.pk}/").content.decode()


def test_a_round_that_ran_out_counts_its_last_step(first_round):
    start = first_round.started_at
    first_round.ended_at = None
    first_round.running_since = start
    first_round.elapsed_before = timedelta(0)
    first_round.save()
    RoomEvent.objects.create(
        round=first_round, kind=RoomEventKind.START, at=start, elapsed=timedelta(0)
    )
    RoomEvent.objects.create(
        round=first_round,
        kind=RoomEventKind.SEGMENT,
        at=start + timedelta(minutes=5),
        elapsed=timedelta(minutes=5),
        data={"segment": 1},
    )

    rows = phase_minutes(first_round)

    assert [(row["part"], row["step"], row["minutes"]) for row in rows][0] == (
        "Introduction",
        "",
        5.0,
    )
    coding = rows[1]
    assert coding["part"] == "Coding" and coding["step"] == "Clarify"
    assert coding["minutes"] > 30  # until the session's end, not lost
