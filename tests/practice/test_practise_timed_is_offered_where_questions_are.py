""" "Practise timed" sits where a person picks what to practise: a question's page, a
list's rows and the review queue's; each posts the question to solo practice, and
pressing it opens that question's room."""

import re

import pytest
from django.utils import timezone

from practice.models import SoloPractice
from questions.models import Progress, QuestionList, QuestionListItem
from tests.questions.factories import QuestionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

FORM = re.compile(
    r'<form method="post" action="/practice/solo/start/"[^>]*>.*?'
    r'name="question" value="(?P<slug>[^"]+)"',
    re.S,
)


@pytest.fixture
def question(db):
    return QuestionFactory(title="Merge the bookings", slug="merge-the-bookings")


def offered(client, url) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200
    return FORM.findall(response.content.decode())


def test_a_questions_page_a_list_and_the_queue_offer_it(client, alice, question):
    client.force_login(alice)
    mine = QuestionList.objects.create(slug="mine", name="Mine", owner=alice)
    QuestionListItem.objects.create(question_list=mine, question=question, position=0)
    Progress.objects.create(user=alice, question=question, due_at=timezone.now())

    for url in (
        f"/questions/{question.slug}/",
        f"/questions/lists/{mine.pk}/",
        "/questions/due/",
    ):
        assert offered(client, url) == [question.slug], url


def test_pressing_it_opens_the_questions_room(client, alice, question):
    client.force_login(alice)

    response = client.post("/practice/solo/start/", {"question": question.slug})

    practice = SoloPractice.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/sessions/{practice.session_id}/room/"
    room = client.get(response["Location"])
    assert "Practising alone · Merge the bookings" in room.content.decode()
