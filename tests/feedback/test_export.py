"""A person takes all their feedback away, as a JSON download and as a printable
page: what they received and may read, their own self-assessments, and apart what
they gave. The blind rule holds in both, and interviewers' private notes never
leave."""

import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from feedback.models import QuestionNote, Scorecard
from interviews.models import RoundQuestion
from tests.factories import UserFactory
from tests.feedback.support import (
    finished_session,
    rounds_of,
    write_scorecard,
    write_self_assessment,
)
from tests.questions.factories import QuestionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

JSON_URL = reverse("feedback-export-json")
PRINT_URL = reverse("feedback-export-print")


def interviewed_by(session, interviewer):
    return next(each for each in rounds_of(session) if each.interviewer == interviewer)


def bob_interviews_alice(alice, bob):
    return interviewed_by(finished_session(host=alice, partner=bob), bob)


@pytest.fixture
def rounds(alice, bob):
    """Alice interviews Bob, then Bob interviews Alice; both write everything, and
    their scorecards carry working notes meant for nobody else."""
    session = finished_session(
        host=alice, partner=bob, starts_at=timezone.now() - timedelta(days=2)
    )
    alice_on_bob = interviewed_by(session, alice)
    bob_on_alice = interviewed_by(session, bob)
    for round_, author in ((alice_on_bob, "Alice"), (bob_on_alice, "Bob")):
        scorecard = write_scorecard(round_, 3, recommendation="strong_hire")
        scorecard.strengths = f"Strengths written by {author}."
        scorecard.improvements = f"Improvements written by {author}."
        scorecard.notes = f"Private notes of {author}."
        scorecard.save(update_fields=["strengths", "improvements", "notes"])
        assessment = write_self_assessment(round_, 2)
        assessment.went_well = f"Went well, says {round_.candidate.name}."
        assessment.save(update_fields=["went_well"])
    return alice_on_bob, bob_on_alice


def download(client, user) -> dict:
    client.force_login(user)
    response = client.get(JSON_URL)
    assert response.status_code == 200
    return json.loads(response.content)


def printed(client, user) -> str:
    client.force_login(user)
    response = client.get(PRINT_URL)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("url", [JSON_URL, PRINT_URL])
def test_the_export_needs_a_login(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_the_json_export_is_a_dated_download(client, alice):
    client.force_login(alice)
    response = client.get(JSON_URL)

    today = timezone.now().astimezone(alice.zone).date().isoformat()
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"] == (
        f'attachment; filename="mockloop-feedback-{today}.json"'
    )
    assert json.loads(response.content)["received"] == []


def test_the_json_export_holds_what_I_received_and_what_I_gave(client, alice, rounds):
    alice_on_bob, bob_on_alice = rounds

    export = download(client, alice)

    assert export["person"]["name"] == "Alice"
    [received] = export["received"]
    assert received["round"]["id"] == bob_on_alice.pk
    assert received["round"]["partner"] == "Bob"
    assert received["round"]["session_starts_at"].startswith(
        bob_on_alice.session.starts_at.date().isoformat()
    )
    assert received["rubric"]["kind"] == "coding"
    assert received["rubric"]["version"] == 1
    assert received["recommendation"] == "strong_hire"
    assert received["level_signal"] == "at"
    assert received["strengths"] == "Strengths written by Bob."
    assert received["improvements"] == "Improvements written by Bob."
    assert {rating["score"] for rating in received["ratings"]} == {3}
    assert all(rating["title"] for rating in received["ratings"])
    assert received["submitted_at"] == (
        bob_on_alice.ended_at.replace(microsecond=0).isoformat()
    )
    [own] = export["self_assessments"]
    assert own["round"]["id"] == bob_on_alice.pk
    assert own["went_well"] == "Went well, says Alice."
    assert {rating["score"] for rating in own["ratings"]} == {2}
    [given] = export["given"]
    assert given["round"]["id"] == alice_on_bob.pk
    assert given["round"]["partner"] == "Bob"
    assert given["strengths"] == "Strengths written by Alice."


def test_a_scorecard_stays_out_until_my_self_assessment_is_answered(client, alice, bob):
    bob_on_alice = bob_interviews_alice(alice, bob)
    write_scorecard(bob_on_alice, 3)

    assert download(client, alice)["received"] == []
    assert "Clear plan before coding." not in printed(client, alice)

    write_self_assessment(bob_on_alice, 0, skipped=True)

    [received] = download(client, alice)["received"]
    assert received["strengths"] == "Clear plan before coding."
    [own] = download(client, alice)["self_assessments"]
    assert own["skipped"] is True


def test_drafts_and_replaced_versions_are_not_exported(client, alice, bob):
    bob_on_alice = bob_interviews_alice(alice, bob)
    write_self_assessment(bob_on_alice, 3)
    draft = write_scorecard(bob_on_alice, 2, submitted=False)
    Scorecard.objects.filter(pk=draft.pk).update(version=3)
    correction = write_scorecard(bob_on_alice, 4, recommendation="strong_hire")
    Scorecard.objects.filter(pk=correction.pk).update(version=2)
    write_scorecard(bob_on_alice, 1, recommendation="strong_no_hire")

    [received] = download(client, alice)["received"]

    assert received["version"] == 2
    assert received["recommendation"] == "strong_hire"
    assert {rating["score"] for rating in received["ratings"]} == {4}


def test_interviewers_private_notes_are_never_exported(client, alice, bob, rounds):
    for user in (alice, bob):
        client.force_login(user)
        for url in (JSON_URL, PRINT_URL):
            content = client.get(url).content.decode()
            assert "Private notes" not in content
            assert "Strengths written by" in content


def test_a_note_on_a_question_never_revealed_stays_out_of_the_candidates_export(
    client, alice, bob, rounds
):
    alice_on_bob, _ = rounds
    scorecard = Scorecard.objects.get(round=alice_on_bob)
    segment = alice_on_bob.session.format.segments.get(kind="coding")
    for position, (title, revealed) in enumerate(
        [("Merge the bookings", True), ("Kept for another day", False)]
    ):
        asked = RoundQuestion.objects.create(
            round=alice_on_bob,
            segment=segment,
            position=position,
            question=QuestionFactory(title=title),
            revealed_at=timezone.now() if revealed else None,
        )
        QuestionNote.objects.create(
            scorecard=scorecard, round_question=asked, text=f"On {title}."
        )

    [received] = download(client, bob)["received"]
    assert received["question_notes"] == [
        {"question": "Merge the bookings", "text": "On Merge the bookings."}
    ]
    assert "Kept for another day" not in printed(client, bob)
    [given] = download(client, alice)["given"]
    assert [note["question"] for note in given["question_notes"]] == [
        "Merge the bookings",
        "Kept for another day",
    ]


def test_a_third_persons_export_holds_nothing_of_alice_and_bob(client, rounds):
    carol = UserFactory(email="carol@example.com", display_name="Carol")

    export = download(client, carol)
    page = printed(client, carol)

    assert export["received"] == []
    assert export["self_assessments"] == []
    assert export["given"] == []
    for text in ("Alice", "Bob", "alice@", "bob@", "written by", "says"):
        assert text not in json.dumps(export)
        assert text not in page


def test_the_printable_page_shows_the_same_as_the_download(client, alice, rounds):
    page = printed(client, alice)

    assert "Feedback I received" in page
    assert "Feedback I gave" in page
    assert "Strengths written by Bob." in page
    assert "Strengths written by Alice." in page
    assert "Went well, says Alice." in page
    assert "Went well, says Bob." not in page
    assert "Strong hire" in page
    # One article per round in each part, each starting a printed page.
    assert page.count('data-testid="export-received-round"') == 1
    assert page.count('data-testid="export-self_assessments-round"') == 1
    assert page.count('data-testid="export-given-round"') == 1
    assert "@media print" in page
    assert "break-before: page" in page


def test_the_printable_pages_style_carries_the_pages_nonce(client, alice):
    client.force_login(alice)
    response = client.get(PRINT_URL)

    nonce = response.content.decode().split('<style nonce="')[1].split('"')[0]
    assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]
