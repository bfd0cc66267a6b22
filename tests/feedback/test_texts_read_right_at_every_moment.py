"""Every line that says where a round's feedback stands reads right at each moment:
before and after the scorecard is submitted, once the self-assessment is skipped,
and while a correction of a submitted scorecard is an open draft (then it is
something to write again, on the feedback page, the home page and "Feedback I
gave")."""

import re

import pytest
from django.urls import reverse

from feedback.models import FeedbackNoticeKind
from feedback.services.notices import notice_text
from tests.feedback.support import finished_session, rounds_of, write_scorecard

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

ROW = re.compile(r'<tr data-testid="([a-z-]+)-row">(.*?)</tr>', re.DOTALL)


@pytest.fixture
def round_(alice, bob):
    """Alice interviewed Bob."""
    return rounds_of(finished_session(host=alice, partner=bob))[0]


def page(client, person, url: str) -> str:
    client.force_login(person)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def round_page(client, person, round_) -> str:
    return page(client, person, reverse("feedback-round", args=[round_.pk]))


def overview_row(client, person, round_) -> tuple[str, str]:
    """The feedback page's row of this round: its list, and its text."""
    link = reverse("feedback-round", args=[round_.pk])
    html = page(client, person, reverse("feedback-overview"))
    (row,) = [
        (testid, re.sub(r"<[^>]+>", "", body))
        for testid, body in ROW.findall(html)
        if f'href="{link}"' in body
    ]
    return row


def skip(client, bob, round_):
    client.force_login(bob)
    return client.post(
        reverse("feedback-round", args=[round_.pk]), {"action": "skip"}, follow=True
    ).content.decode()


def correct(client, alice, round_):
    client.force_login(alice)
    client.post(reverse("feedback-round", args=[round_.pk]), {"action": "correct"})


# The candidate's self-assessment form -----------------------------------------------
def test_before_the_scorecard_the_form_says_alice_reads_it_only_after_hers(
    client, round_, bob
):
    html = round_page(client, bob, round_)

    assert "Alice reads this only after submitting their scorecard." in html
    assert "Skip it; read the feedback when it comes" in html
    assert "Skip and read the feedback" not in html


def test_after_the_scorecard_the_form_no_longer_says_she_has_yet_to_submit(
    client, round_, bob
):
    write_scorecard(round_, 3)

    html = round_page(client, bob, round_)

    assert "reads this only after submitting" not in html
    assert "Alice has submitted their scorecard, so they read this as soon" in html
    assert "Skip and read the feedback" in html


# Skipping -----------------------------------------------------------------------------
def test_skipped_before_the_scorecard_nothing_asks_bob_to_write_it(client, round_, bob):
    said = skip(client, bob, round_)

    assert "you will be told when your interviewer&#x27;s feedback is in" in said
    assert 'data-testid="self-form"' not in said
    where, text = overview_row(client, bob, round_)
    assert where == "received"
    assert "You skipped the self-assessment" in text
    assert "Write your self-assessment" not in text
    home = page(client, bob, reverse("home"))
    assert "Write your self-assessment" not in home


def test_skipped_after_the_scorecard_bob_reads_it_and_alice_is_not_told_to_wait(
    client, round_, alice, bob
):
    write_scorecard(round_, 3)

    said = skip(client, bob, round_)

    assert "Skipped; here is your interviewer&#x27;s feedback." in said
    assert 'data-testid="scorecard-received"' in said
    assert "Feedback received" in overview_row(client, bob, round_)[1]
    html = round_page(client, alice, round_)
    assert 'data-testid="their-self-skipped"' in html
    assert "Not in yet" not in html
    where, text = overview_row(client, alice, round_)
    assert where == "given" and "they skipped the self-assessment" in text
    assert "their self-assessment is in" not in text


def test_the_ready_notice_written_before_bob_answers_stays_true_after(
    client, round_, bob
):
    # The e-mail keeps the line it was written with, and may be read after a skip.
    write_scorecard(round_, 3)
    _, line = notice_text(
        round_=round_, user=bob, kind=FeedbackNoticeKind.READY, part="scorecard"
    )
    assert "Write your self-assessment" not in line
    assert "It opens to you once your self-assessment is in (or skipped):" in line

    skip(client, bob, round_)

    _, line = notice_text(
        round_=round_, user=bob, kind=FeedbackNoticeKind.READY, part="scorecard"
    )
    assert line.endswith("Read it here:")


# A correction of a submitted scorecard ------------------------------------------------
def test_an_open_correction_is_to_write_until_it_is_submitted(client, round_, alice):
    write_scorecard(round_, 3)
    assert overview_row(client, alice, round_)[0] == "given"

    correct(client, alice, round_)

    where, text = overview_row(client, alice, round_)
    assert where == "to-write"
    assert "Your correction is a draft: finish and submit it." in text
    home = page(client, alice, reverse("home"))
    assert "Your correction is a draft" in home
    given = page(client, alice, reverse("feedback-given"))
    assert given.count('data-testid="waiting-draft"') == 1
    assert "Correction (version 2)" in given and "Finish the correction" in given
    form = round_page(client, alice, round_)
    assert "Submit the correction" in form
    assert (
        "Bob reads the version you submitted until you submit this correction" in form
    )
    assert "Bob reads nothing until you submit" not in form


def test_a_submitted_correction_leaves_nothing_to_write(client, round_, alice):
    write_scorecard(round_, 3)
    correct(client, alice, round_)
    # The correction starts as a copy of the submitted version, every criterion
    # rated: submitting it as it is makes it version 2.
    client.post(reverse("feedback-round", args=[round_.pk]), {"action": "submit"})
    assert round_.scorecards.filter(version=2, submitted_at__isnull=False).exists()

    where, text = overview_row(client, alice, round_)
    assert where == "given" and "correction" not in text
    assert "Finish the correction" not in page(client, alice, reverse("feedback-given"))


# The interviewer's first scorecard --------------------------------------------------
def test_the_scorecard_form_says_when_bob_reads_it(client, round_, alice, bob):
    html = round_page(client, alice, round_)
    assert "only after writing their own account" in html

    skip(client, bob, round_)

    html = round_page(client, alice, round_)
    assert "only after writing their own account" not in html
    assert "their own account is in, so they read it as soon as you do" in html
