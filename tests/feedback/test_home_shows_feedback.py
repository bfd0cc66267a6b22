"""The home page tells what feedback I owe and the last feedback I received, and
never a scorecard I may not read yet."""

import pytest
from django.urls import reverse

from tests.feedback.support import (
    finished_session,
    rounds_of,
    write_scorecard,
    write_self_assessment,
)

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


def test_home_lists_what_i_owe_then_the_last_feedback_received(client, alice, bob):
    first, second = rounds_of(finished_session(host=alice, partner=bob))
    write_scorecard(first, 3, recommendation="strong_hire")  # Alice on Bob
    client.force_login(bob)

    home = client.get(reverse("home")).content.decode()
    assert "Feedback is ready: write your self-assessment" in home
    assert "Write your scorecard." in home  # round 2: Bob interviews Alice
    assert 'data-testid="last-feedback"' not in home

    write_self_assessment(first, 2)
    home = client.get(reverse("home")).content.decode()
    assert 'data-testid="last-feedback"' in home
    assert "Alice on your coding round" in home and "Strong hire" in home
    assert reverse("feedback-round", args=[first.pk]) in home
