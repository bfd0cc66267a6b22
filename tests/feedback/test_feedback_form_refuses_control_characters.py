"""NUL and other control characters in the feedback form are refused with a message
and nothing is saved, on PostgreSQL as on SQLite, as the API refuses them; other
forms refuse them the same way."""

import pytest
from django.urls import reverse

from feedback.models import Scorecard
from questions.models import QuestionList
from tests.feedback.support import finished_session, rounds_of

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


@pytest.fixture
def first_round(alice, bob):
    return rounds_of(finished_session(host=alice, partner=bob))[0]


def url(round_):
    return reverse("feedback-round", args=[round_.pk])


@pytest.mark.parametrize("field", ["strengths", "note-approach", "improvements"])
def test_a_nul_byte_gets_a_400_that_says_why_and_saves_nothing(
    client, first_round, alice, field
):
    client.force_login(alice)

    response = client.post(
        url(first_round), {"action": "save", "note-approach": "", field: "ok\x00no"}
    )

    assert response.status_code == 400
    assert "NUL character" in response.content.decode()
    assert not Scorecard.objects.exists()


@pytest.mark.parametrize(
    ("field", "label"),
    [
        ("strengths", "Strengths"),
        ("notes", "Notes"),
        ("note-approach", "The note on Approach and algorithm choice"),
    ],
)
def test_other_control_characters_get_a_message_on_the_page(
    client, first_round, alice, field, label
):
    client.force_login(alice)

    response = client.post(
        url(first_round),
        {"action": "save", "note-approach": "", field: "tab\tand line\nare fine\x0b"},
        follow=True,
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert f"{label}: Remove the control characters (such as NUL)" in page
    assert not Scorecard.objects.exists()


def test_line_breaks_and_tabs_are_kept(client, first_round, alice):
    client.force_login(alice)

    client.post(
        url(first_round),
        {"action": "save", "note-approach": "", "strengths": "one\n\ttwo"},
    )

    assert Scorecard.objects.get().strengths == "one\n\ttwo"


def test_the_api_refuses_the_same(client, first_round, alice):
    client.force_login(alice)

    response = client.post(
        "/api/scorecards/",
        {"round": first_round.pk, "strengths": "a\x0bb"},
        content_type="application/json",
    )

    assert response.status_code == 400
    assert "control characters" in response.content.decode()
    assert not Scorecard.objects.exists()


def test_a_list_description_with_a_control_character_gets_a_form_error(client, alice):
    client.force_login(alice)

    response = client.post(
        "/questions/lists/", {"name": "Graphs", "description": "bell\x07"}
    )

    assert response.status_code == 200
    assert "Remove the control characters" in response.content.decode()
    assert not QuestionList.objects.filter(owner=alice).exists()


def test_a_nul_in_a_lookup_field_is_a_400_not_a_server_error(client, alice):
    client.force_login(alice)
    mine = QuestionList.objects.create(owner=alice, name="Mine", slug="mine")

    response = client.post(
        f"/questions/lists/{mine.pk}/items/", {"question": "two\x00sum"}
    )

    assert response.status_code == 400
    assert "NUL character" in response.content.decode()
