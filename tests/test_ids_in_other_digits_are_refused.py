"""An id sent in a form or a request body may be written in digits that are not
ASCII ("¹", "٣"): Python's `str.isdigit` takes them, and `int` refuses some. Each
place that reads such an id answers as it does for any id it cannot find (a
message, a 404, a 400 that names the field), never with a server error."""

import pytest
from django.test import Client

from practice.models import SoloPractice
from tests.questions.factories import QuestionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

OTHER_DIGITS = ["¹", "²³", "٣", "①"]


def client_of(user) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


@pytest.mark.parametrize("item", OTHER_DIGITS)
def test_a_solo_practice_of_a_set_item_in_other_digits_is_refused(alice, item):
    question = QuestionFactory()

    response = client_of(alice).post(
        "/practice/solo/start/", {"question": question.slug, "item": item}, follow=True
    )

    assert response.redirect_chain == [(f"/questions/{question.slug}/", 302)]
    assert "That is not a question of your set." in [
        str(message) for message in response.context["messages"]
    ]
    assert not SoloPractice.objects.exists()


@pytest.mark.parametrize("list_id", OTHER_DIGITS)
def test_adding_a_question_to_a_list_in_other_digits_is_not_found(alice, list_id):
    question = QuestionFactory()

    response = client_of(alice).post(
        f"/questions/{question.slug}/lists/", {"list": list_id}
    )

    assert response.status_code == 404


@pytest.mark.parametrize("format_id", OTHER_DIGITS)
def test_a_session_in_a_format_in_other_digits_is_refused(alice, bob, format_id):
    response = client_of(alice).post(
        "/api/sessions/",
        {
            "format": format_id,
            "starts_at": "2031-03-11T09:00:00-04:00",
            "partner_email": bob.email,
        },
        content_type="application/json",
    )

    assert response.status_code in (400, 404), response.content
    assert "format" in response.content.decode().lower()
