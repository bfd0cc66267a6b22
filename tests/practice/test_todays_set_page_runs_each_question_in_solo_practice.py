"""The "Today's set" page: before the set exists, a form to start it with two or
three questions (the settings' number chosen); then each question with its reason
and whether it was practised, and a form that runs the next unpractised one in
solo practice (POST question and item to practice-solo-start). The main navigation
and the due queue link to it."""

import re

import pytest
from django.urls import reverse

from practice.models import DailySet
from practice.services.solo import solo_practice_finish, solo_practice_start
from tests.practice.today_support import aim, asked

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


@pytest.fixture
def signed_in(client, alice):
    aim(alice, size=3)
    for number, frequency in enumerate((90, 80, 70, 60)):
        asked(f"Question {number}", at="Meta", frequency=frequency)
    client.force_login(alice)
    return client


def page(client) -> str:
    response = client.get(reverse("practice-today"))
    assert response.status_code == 200
    return response.content.decode()


def next_form(text: str) -> dict:
    form = re.search(
        r'<form method="post" action="([^"]+)"[^>]*data-testid="practise-next-form">'
        r"(.*?)</form>",
        text,
        re.S,
    )
    assert form, "no form to practise the next question"
    fields = dict(
        re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', form[2])
    )
    return {"action": form[1], **fields}


def test_before_the_set_a_form_starts_it_with_the_settings_size_chosen(signed_in):
    text = page(signed_in)

    assert 'data-testid="start-today"' in text
    assert re.search(r'value="3" checked data-testid="size-3"', text)
    assert 'data-testid="size-2"' in text
    assert not DailySet.objects.exists()


def test_starting_shows_each_question_with_its_reason(signed_in, alice):
    response = signed_in.post(reverse("practice-today"), {"size": "2"})

    assert response.status_code == 302
    text = page(signed_in)
    assert text.count('data-testid="today-item"') == 2
    assert "Asked at Meta in the last 6 months (frequency 90/100)" in text
    assert text.count("Not practised yet") == 2


def test_the_next_question_runs_in_solo_practice(signed_in, alice):
    signed_in.post(reverse("practice-today"), {"size": "3"})
    first, second, _ = DailySet.objects.get().items.select_related("question")

    form = next_form(page(signed_in))
    assert form == {
        "action": reverse("practice-solo-start"),
        "csrfmiddlewaretoken": form["csrfmiddlewaretoken"],
        "question": first.question.slug,
        "item": str(first.pk),
    }

    practice = solo_practice_start(
        user=alice, question=first.question, daily_set_item=first
    )
    text = page(signed_in)
    assert "Started" in text
    assert "Build again" not in text
    solo_practice_finish(
        practice_id=practice.pk, user=alice, outcome="solved", rating=3
    )

    text = page(signed_in)
    assert text.count("Practised<") == 1
    assert next_form(text)["item"] == str(second.pk)
    assert "Practise next: Question 1" in text


def test_the_solo_start_form_takes_the_page_fields(signed_in, alice):
    signed_in.post(reverse("practice-today"), {"size": "2"})
    form = next_form(page(signed_in))

    response = signed_in.post(
        form["action"], {"question": form["question"], "item": form["item"]}
    )

    assert response.status_code == 302
    assert "Started" in page(signed_in)


def test_build_again_offers_the_other_size_until_a_question_is_started(signed_in):
    signed_in.post(reverse("practice-today"), {"size": "2"})
    assert "Build again" in page(signed_in)

    signed_in.post(reverse("practice-today"), {"size": "3", "rebuild": "1"})

    assert page(signed_in).count('data-testid="today-item"') == 3


def test_a_wrong_size_is_refused_with_a_message(signed_in):
    response = signed_in.post(reverse("practice-today"), {"size": "7"}, follow=True)

    assert "Choose two or three questions." in response.content.decode()
    assert not DailySet.objects.exists()


def test_the_navigation_and_the_due_queue_link_to_it(signed_in):
    due = signed_in.get(reverse("review-due")).content.decode()

    assert f'href="{reverse("practice-today")}"' in due
    assert re.search(r'<li><a href="/practice/today/"[^>]*>Today</a></li>', due)


def test_it_needs_signing_in(client):
    response = client.get(reverse("practice-today"))

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
