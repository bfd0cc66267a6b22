"""Only the author and the subject read a scorecard, the subject only after their
own account is in, the interviewer reads the self-assessment only after submitting;
pages, API, e-mails and bells never leak feedback to anyone else."""

import pytest
from django.core import mail
from django.urls import reverse

from notifications.models import Message
from notifications.services import SENT, SKIPPED, message_send, messages_claim_due
from tests.factories import UserFactory
from tests.feedback.support import (
    finished_session,
    rounds_of,
    write_scorecard,
    write_self_assessment,
)

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

SECRET_STRENGTH = "Spotted the sweep-line idea in two minutes"
SECRET_NOTE = "PRIVATE: hesitated on heaps"
SELF_WORDS = "I froze on the dry run"


@pytest.fixture
def round_(alice, bob):
    session = finished_session(host=alice, partner=bob)
    return rounds_of(session)[0]  # Alice interviews Bob


def scorecard_of(round_):
    scorecard = write_scorecard(round_, 3)
    scorecard.strengths = SECRET_STRENGTH
    scorecard.notes = SECRET_NOTE
    scorecard.save()
    return scorecard


def page(client, user, round_):
    client.force_login(user)
    return client.get(reverse("feedback-round", args=[round_.pk])).content.decode()


def api(client, user, path):
    client.force_login(user)
    return client.get(path)


def test_the_candidate_reads_the_scorecard_only_after_their_own_account(
    client, round_, bob
):
    scorecard = scorecard_of(round_)
    detail = f"/api/scorecards/{scorecard.pk}/"

    assert SECRET_STRENGTH not in page(client, bob, round_)
    assert api(client, bob, detail).status_code == 404
    assert api(client, bob, "/api/scorecards/").json() == []

    write_self_assessment(round_, 2)

    assert SECRET_STRENGTH in page(client, bob, round_)
    received = api(client, bob, detail).json()
    assert received["strengths"] == SECRET_STRENGTH
    # The interviewer's working notes stay theirs.
    assert received["notes"] is None
    assert SECRET_NOTE not in page(client, bob, round_)


def test_skipping_the_self_assessment_opens_the_scorecard(client, round_, bob):
    scorecard_of(round_)
    client.force_login(bob)
    client.post(reverse("feedback-round", args=[round_.pk]), {"action": "skip"})
    assert SECRET_STRENGTH in page(client, bob, round_)


def test_the_interviewer_reads_the_self_assessment_only_after_submitting(
    client, round_, alice
):
    assessment = write_self_assessment(round_, 2)
    assessment.went_badly = SELF_WORDS
    assessment.save()
    detail = f"/api/self-assessments/{assessment.pk}/"

    draft = write_scorecard(round_, 3, submitted=False)
    assert SELF_WORDS not in page(client, alice, round_)
    assert api(client, alice, detail).status_code == 404
    assert api(client, alice, "/api/self-assessments/").json() == []

    draft.submitted_at = round_.ended_at
    draft.save()
    assert SELF_WORDS in page(client, alice, round_)
    assert api(client, alice, detail).json()["went_badly"] == SELF_WORDS
    listed = api(client, alice, "/api/self-assessments/").json()
    assert [each["went_badly"] for each in listed] == [SELF_WORDS]


def test_a_third_person_sees_nothing_anywhere(client, round_):
    scorecard = scorecard_of(round_)
    assessment = write_self_assessment(round_, 2)
    carol = UserFactory(display_name="Carol")
    client.force_login(carol)

    assert client.get(reverse("feedback-round", args=[round_.pk])).status_code == 404
    assert client.get(f"/api/scorecards/{scorecard.pk}/").status_code == 404
    assert client.get(f"/api/self-assessments/{assessment.pk}/").status_code == 404
    assert client.get("/api/scorecards/").json() == []
    assert client.get("/api/self-assessments/").json() == []
    assert (
        SECRET_STRENGTH not in client.get(reverse("feedback-overview")).content.decode()
    )


def test_a_draft_is_read_by_its_author_alone(client, round_, bob):
    draft = write_scorecard(round_, 3, submitted=False)
    write_self_assessment(round_, 2)
    assert api(client, bob, f"/api/scorecards/{draft.pk}/").status_code == 404


def test_nobody_but_the_author_changes_a_scorecard(client, round_, bob):
    draft = write_scorecard(round_, 3, submitted=False)
    client.force_login(bob)
    response = client.patch(
        f"/api/scorecards/{draft.pk}/",
        {"strengths": "I am great"},
        content_type="application/json",
    )
    assert response.status_code == 404
    draft.refresh_from_db()
    assert draft.strengths != "I am great"


def test_the_ready_notice_names_no_rating_and_keeps_the_blind_rule(
    django_capture_on_commit_callbacks, round_, alice, bob
):
    from feedback.events import scorecard_submitted

    scorecard = scorecard_of(round_)
    with django_capture_on_commit_callbacks():
        scorecard_submitted(scorecard=scorecard)
    notice = Message.objects.get(user=bob, topic__contains=":feedback:ready:")
    mail.outbox.clear()
    messages_claim_due(now=notice.due_at, batch_size=10)

    assert message_send(message_id=notice.pk) == SENT
    assert message_send(message_id=notice.pk) == SKIPPED, "sent once"

    (message,) = mail.outbox
    assert message.to == [bob.email]
    assert "once your self-assessment is in (or skipped)" in message.body
    assert SECRET_STRENGTH not in message.body and "3/4" not in message.body
    bell = bob.notifications.get(url__startswith="/feedback/")
    assert "feedback on your coding round" in bell.text
    assert bell.url == reverse("feedback-round", args=[round_.pk])
    assert not alice.notifications.filter(text__contains="feedback").exists()
