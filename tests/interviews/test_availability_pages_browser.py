"""In a real browser, without page scripts: Bob publishes a window with the keyboard,
Alice, in another zone, sees it in hers and books it with the keyboard."""

import importlib
import re
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.apps import apps as django_apps
from django.utils import timezone
from playwright.sync_api import expect

from interviews.models import MockSession, SessionStatus
from interviews.services.availability import WEEKDAYS
from tests.browser.people import signed_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

BERLIN, NEW_YORK = ZoneInfo("Europe/Berlin"), ZoneInfo("America/New_York")


@pytest.fixture(autouse=True)
def builtin_formats(transactional_db):
    # Transactional tests empty every table when they end, the built-in formats of
    # the migrations included. serialized_rollback stops bringing them back once a
    # Playwright test has run in the session (seen with pytest-django 4.14).
    migration = importlib.import_module("interviews.migrations.0002_builtin_formats")
    migration.add_builtin_formats(django_apps, None)


def log_in(browser, live_server, user):
    return signed_in(browser, live_server.url, user)


def test_a_window_published_in_berlin_is_booked_from_new_york_by_keyboard(
    browser, live_server, alice, bob
):
    alice.time_zone, bob.time_zone = "America/New_York", "Europe/Berlin"
    alice.save()
    bob.save()
    day = timezone.now().astimezone(BERLIN).date() + timedelta(days=2)
    first_slot = datetime.combine(day, time(18), tzinfo=BERLIN).astimezone(NEW_YORK)

    context, page, errors = log_in(browser, live_server, bob)
    page.goto(f"{live_server.url}/sessions/availability/")
    expect(page.get_by_test_id("window-row")).to_have_count(2)
    page.get_by_role("button", name="Add a row").click()
    expect(page.get_by_test_id("window-row")).to_have_count(3)
    page.get_by_label("Day, window 1").select_option(label=WEEKDAYS[day.weekday()])
    page.get_by_label("From, window 1").fill("18:00")
    page.get_by_label("To, window 1").fill("19:00")
    # Enter in a field saves: Save is the form's first button, not "Add a row".
    page.get_by_label("To, window 1").press("Enter")
    expect(page.get_by_role("status")).to_contain_text("Your availability is saved.")
    share_link = page.get_by_test_id("share-link").get_attribute("href")
    assert errors == []
    context.close()

    context, page, errors = log_in(browser, live_server, alice)
    page.goto(f"{live_server.url}{share_link}")
    expect(page.get_by_test_id("viewer-zone")).to_have_text("America/New_York")
    slot = page.get_by_role(
        "button", name=re.compile(f"at {first_slot:%H:%M} \\(18:00 for Bob\\)")
    ).first
    expect(slot).to_have_text(f"{first_slot:%H:%M}")
    slot.focus()
    page.keyboard.press("Enter")

    page.wait_for_url(re.compile(r"/sessions/\d+/$"))
    session = MockSession.objects.get()
    assert session.status == SessionStatus.SCHEDULED
    assert session.starts_at == first_slot
    assert errors == []
    context.close()
