"""GET /api/practice/today/ reads the person's set (empty until built); POST builds
it, once a day, and says so in the schema's words."""

import pytest
from django.urls import reverse

from practice.models import DailySet
from tests.practice.today_support import aim, asked

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

URL = "/api/practice/today/"


@pytest.fixture
def api(client, alice):
    aim(alice, size=2)
    for number, frequency in enumerate((90, 80, 70)):
        asked(f"Question {number}", at="Meta", frequency=frequency)
    client.force_login(alice)
    return client


def test_the_address_is_named():
    assert reverse("api-practice-today") == URL


def test_before_building_the_set_is_empty(api):
    answer = api.get(URL).json()

    assert answer["built"] is False
    assert answer["items"] == []
    assert answer["size"] == 2


def test_post_builds_once_and_get_reads_it(api):
    built = api.post(URL, {"size": 3}, content_type="application/json")
    again = api.post(URL, {}, content_type="application/json")

    assert built.status_code == again.status_code == 201
    assert built.json() == again.json() == api.get(URL).json()
    item = built.json()["items"][0]
    assert item == {
        "id": item["id"],
        "position": 1,
        "question": "question-0",
        "title": "Question 0",
        "kind": "coding",
        "difficulty": "medium",
        "reason": "asked at Meta in the last 6 months (frequency 90/100)",
        "practised": False,
        "started": False,
    }
    assert DailySet.objects.count() == 1


def test_a_size_other_than_two_or_three_is_a_400(api):
    answer = api.post(URL, {"size": 5}, content_type="application/json")

    assert answer.status_code == 400
    assert "size" in answer.json()
    assert not DailySet.objects.exists()


def test_strangers_are_refused(client):
    assert client.get(URL).status_code in (401, 403)
