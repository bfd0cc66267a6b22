"""The demo fills the pages a newcomer opens first beyond mocks: Alice aims at two
companies, has a three-day streak (practised on each of the last three days, so the
home page shows it), and keeps two stories, one from her brag document."""

import pytest
from django.utils import timezone

from career.models import BragEntry, Story
from demo.session import HOST_EMAIL
from practice.selectors.habit import habit_for
from users.models import User

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


def test_alice_has_a_streak_targets_and_stories(loaded_demo, client):
    alice = User.objects.get(email=HOST_EMAIL)

    assert habit_for(user=alice, now=timezone.now()).streak == 3
    assert alice.practice_settings.target_companies.count() == 2
    assert Story.objects.filter(owner=alice).count() == 2
    assert Story.objects.filter(owner=alice, brag_entry__isnull=False).count() == 1
    assert BragEntry.objects.filter(owner=alice).count() == 1
    client.force_login(alice)
    home = client.get("/").content.decode()
    assert "3</strong> days in a row" in home
