"""The candidate's feedback page tells the round as they lived it: the questions
revealed to them, each hint given with its moment on the round's clock, the minutes
of each part against the plan. Never a question kept back, a hint not given, or
the interviewer's notes (the room's notes pad or the scorecard's), on the page or
through the API, before or after the scorecard is read."""

from datetime import timedelta

import pytest
from django.urls import reverse
from pycrdt import Doc, Text

from feedback.selectors.rounds import round_facts
from interviews.models import RoundQuestion
from rooms.models import GivenHint, PadKind, RoomEvent, RoomEventKind
from rooms.services.pads import round_pads_ensure
from tests.feedback.support import finished_session, rounds_of, write_scorecard
from tests.questions.factories import QuestionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

ASKED = "Merge overlapping bookings"
KEPT_BACK = "Secret heap puzzle"
FIRST_HINT = "Sort the bookings by their start first."
UNGIVEN_HINT = "A min-heap of end times finds the free room."
ROOM_NOTES = "02:10 jumped to code without a plan"
SCORECARD_NOTES = "Private: compare with last month's candidate."


@pytest.fixture
def round_(alice, bob):
    """Alice interviewed Bob: one question revealed at 3:05 with its first hint at
    12:40 on the round's clock (after a two-minute pause, so the wall clock says
    14:40), one question never revealed, and notes in the room's notes pad."""
    round_ = rounds_of(finished_session(host=alice, partner=bob))[0]
    start = round_.started_at
    coding = round_.session.format.segments.get(kind="coding")
    asked, kept_back = (
        RoundQuestion.objects.create(
            round=round_,
            segment=coding,
            position=position,
            question=QuestionFactory(title=title, hints=[FIRST_HINT, UNGIVEN_HINT]),
        )
        for position, title in enumerate([ASKED, KEPT_BACK])
    )
    asked.revealed_at = start + timedelta(minutes=3, seconds=5)
    asked.save()
    RoomEvent.objects.create(
        round=round_,
        kind=RoomEventKind.REVEAL,
        at=asked.revealed_at,
        elapsed=timedelta(minutes=3, seconds=5),
        data={"round_question": asked.pk},
    )
    given_at = start + timedelta(minutes=14, seconds=40)
    GivenHint.objects.create(round_question=asked, number=1, given_at=given_at)
    RoomEvent.objects.create(
        round=round_,
        kind=RoomEventKind.HINT,
        at=given_at,
        elapsed=timedelta(minutes=12, seconds=40),
        data={"round_question": asked.pk, "number": 1},
    )
    for kind, minutes, data in [
        (RoomEventKind.START, 0, {}),
        (RoomEventKind.SEGMENT, 5, {"segment": 1}),
        (RoomEventKind.END, 43, {}),
    ]:
        RoomEvent.objects.create(
            round=round_,
            kind=kind,
            at=start + timedelta(minutes=minutes + 2),
            elapsed=timedelta(minutes=minutes),
            data=data,
        )
    doc = Doc()
    doc["pad"] = Text(ROOM_NOTES)
    round_pads_ensure(round_=round_)[PadKind.NOTES].updates.create(
        data=doc.get_update()
    )
    return round_


def page_of(client, person, round_) -> str:
    client.force_login(person)
    response = client.get(reverse("feedback-round", args=[round_.pk]))
    assert response.status_code == 200
    return response.content.decode()


def assert_only_what_the_candidate_saw(text: str) -> None:
    assert KEPT_BACK not in text
    assert UNGIVEN_HINT not in text
    assert ROOM_NOTES not in text
    assert SCORECARD_NOTES not in text
    assert "Hint 2" not in text


def test_the_candidates_facts_hold_the_revealed_question_and_the_hint_given(round_):
    facts = round_facts(round_, reader="candidate")

    (question,) = facts["questions"]
    assert question["title"] == ASKED
    assert question["revealed_at"] == "3:05"
    assert question["hints"] == [{"number": 1, "text": FIRST_HINT, "at": "12:40"}]
    assert [(row["part"], row["minutes"]) for row in facts["phases"]][0] == (
        "Introduction",
        5.0,
    )


def test_the_interviewers_facts_from_the_same_selector_keep_every_question(round_):
    facts = round_facts(round_, reader="interviewer")

    assert [each["title"] for each in facts["questions"]] == [ASKED, KEPT_BACK]
    assert facts["questions"][1]["hints"] == []


def test_the_self_assessment_page_tells_the_round_without_what_was_kept_back(
    client, round_, bob
):
    page = page_of(client, bob, round_)

    assert 'data-testid="self-form"' in page
    assert 'data-testid="round-facts"' in page
    assert ASKED in page
    assert "Hint 1 · at 12:40" in page
    assert FIRST_HINT in page
    assert "revealed at 3:05" in page
    assert 'data-testid="fact-phases"' in page and "against the plan" in page
    assert_only_what_the_candidate_saw(page)


def test_the_page_where_the_candidate_reads_the_scorecard_tells_it_too(
    client, round_, alice, bob
):
    scorecard = write_scorecard(round_, 3)
    scorecard.notes = SCORECARD_NOTES
    scorecard.save()
    client.force_login(bob)
    client.post(reverse("feedback-round", args=[round_.pk]), {"action": "skip"})

    page = page_of(client, bob, round_)

    assert 'data-testid="scorecard-received"' in page
    assert "Hint 1 · at 12:40" in page and ASKED in page
    assert_only_what_the_candidate_saw(page)
    for url in (
        f"/api/scorecards/{scorecard.pk}/",
        "/api/scorecards/",
        "/api/self-assessments/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_only_what_the_candidate_saw(response.content.decode())


def test_the_interviewer_still_reads_every_question_and_their_notes(
    client, round_, alice
):
    page = page_of(client, alice, round_)

    assert KEPT_BACK in page and "not revealed" in page
    assert "Hint 1 · at 12:40" in page
    assert ROOM_NOTES in page  # prefilled in the scorecard form, to them only
