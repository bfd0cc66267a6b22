"""A page number that is not a page (past the end, zero, negative, not a number,
absurdly large) gets what people expect: the API answers 404 with a message, the
list page shows the nearest real page. Never a server error."""

import pytest

from questions.models import CompanyTag
from tests.questions.factories import CompanyFactory, QuestionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


@pytest.fixture
def api_client(client, alice):
    client.force_login(alice)
    return client


def test_a_page_past_the_end_is_a_404(api_client):
    QuestionFactory()

    response = api_client.get("/api/questions/?page=3&page_size=10")

    assert response.status_code == 404


@pytest.mark.parametrize(
    ("asked", "shown"), [("7", "Page 2 of 2"), ("zero", "Page 1 of 2"), ("0", "Page 2")]
)
def test_the_list_page_shows_a_real_page_for_any_page_number(api_client, asked, shown):
    for number in range(30):
        QuestionFactory(title=f"Interval question {number:02}")

    for query in ("", "search=interval&"):
        response = api_client.get(f"/questions/?{query}page={asked}")

        assert response.status_code == 200
        assert shown in response.content.decode()
        assert "30</span> questions" in response.content.decode()


@pytest.mark.parametrize("asked", ["0", "zero", "-1"])
def test_the_api_refuses_a_page_number_that_is_not_a_page(api_client, asked):
    QuestionFactory(title="Merge intervals")

    response = api_client.get(f"/api/questions/?search=interval&page={asked}")

    assert response.status_code == 404
    assert "Invalid page" in response.json()["detail"]


def test_an_absurd_page_number_is_a_missing_page_not_an_error(api_client):
    question = QuestionFactory(title="Merge intervals")
    for slug in ("meta", "google"):
        CompanyTag.objects.create(
            question=question,
            company=CompanyFactory(slug=slug),
            window="6m",
            frequency=1,
        )
    absurd = "9" * 30

    for query in ("search=interval", "company=meta,google", "ordering=title"):
        api = api_client.get(f"/api/questions/?{query}&page={absurd}")
        page = api_client.get(f"/questions/?{query}&page={absurd}")

        assert api.status_code == 404
        assert page.status_code == 200
