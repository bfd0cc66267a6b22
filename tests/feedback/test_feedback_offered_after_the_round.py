"""The scorecard and the self-assessment are offered where people are when a round
ends: in the room, and on the session page afterwards."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from rooms.selectors.room import room_view
from tests.feedback.support import finished_session, rounds_of
from tests.interviews.sessions_support import book

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


def test_the_room_names_the_rounds_feedback_page_to_both(alice, bob):
    session = finished_session(host=alice, partner=bob)
    first = rounds_of(session)[0]
    for person in (alice, bob):
        view = room_view(session=session, user=person)
        assert view["round"]["feedback_url"] == reverse(
            "feedback-round", args=[first.pk]
        )


def test_the_session_page_links_each_finished_round(client, alice, bob):
    session = finished_session(host=alice, partner=bob)
    first, second = rounds_of(session)
    client.force_login(bob)

    page = client.get(reverse("session-detail", args=[session.pk])).content.decode()

    assert reverse("feedback-round", args=[first.pk]) in page
    assert reverse("feedback-round", args=[second.pk]) in page
    assert "Write your self-assessment before the feedback arrives." in page
    assert "Write your scorecard." in page


def test_nothing_is_offered_before_the_round_has_run(client, alice, bob):
    session = book(
        host=alice, partner=bob, starts_at=timezone.now() + timedelta(days=1)
    )
    client.force_login(alice)

    page = client.get(reverse("session-detail", args=[session.pk])).content.decode()
    assert 'data-testid="session-feedback"' not in page

    round_ = rounds_of(session)[0]
    feedback = client.get(reverse("feedback-round", args=[round_.pk]))
    assert 'data-testid="feedback-not-open"' in feedback.content.decode()


def test_a_format_the_plan_suggests_opens_chosen_on_the_schedule_form(client, alice):
    from interviews.models import Format

    onsite = Format.objects.get(slug="onsite-coding", owner=None)
    client.force_login(alice)

    page = client.get(f"{reverse('session-new')}?format={onsite.pk}").content.decode()

    assert f'<option value="{onsite.pk}" selected>' in page
