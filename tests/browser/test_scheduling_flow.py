"""Two friends schedule a swap-mode phone screen across time zones in a real browser:
Alice in New York looks through the questions, books a mock for Bob in Berlin, each
reads it in their own zone, Bob accepts, the countdown runs and the Join button opens
10 minutes before the start. Runs under make run's defaults too (make test)."""

import importlib
import re
import zoneinfo
from datetime import timedelta

import pytest
from django.apps import apps as django_apps
from django.utils import timezone
from playwright.sync_api import expect

from interviews.models import MockSession, SessionStatus
from tests.browser.people import signed_in
from tests.factories import UserFactory
from tests.interviews.sessions_support import book
from tests.questions.factories import (
    CompanyFactory,
    CompanyTagFactory,
    QuestionFactory,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.embedded,
    pytest.mark.django_db(transaction=True),
]

NEW_YORK, BERLIN = "America/New_York", "Europe/Berlin"


@pytest.fixture(autouse=True)
def builtin_formats(transactional_db):
    # The built-in formats come from a data migration, and a transactional test
    # empties every table when it ends: put them back for each test.
    migration = importlib.import_module("interviews.migrations.0002_builtin_formats")
    migration.add_builtin_formats(django_apps, None)


@pytest.fixture
def friends(password):
    alice = UserFactory(
        email="alice@example.com",
        display_name="Alice",
        time_zone=NEW_YORK,
        password=password,
    )
    bob = UserFactory(
        email="bob@example.com",
        display_name="Bob",
        time_zone=BERLIN,
        password=password,
    )
    return alice, bob


def log_in(browser, live_server, user, password, zone):
    return signed_in(
        browser, live_server.url, user, password=password, timezone_id=zone
    )


def test_alice_in_new_york_books_bob_in_berlin_who_accepts(
    browser, live_server, friends, password
):
    alice, bob = friends
    day = (timezone.now() + timedelta(days=3)).astimezone(zoneinfo.ZoneInfo(NEW_YORK))
    local = day.replace(hour=10, minute=0, second=0, microsecond=0)
    in_berlin = local.astimezone(zoneinfo.ZoneInfo(BERLIN))

    meta = CompanyFactory(name="Meta", slug="meta")
    CompanyTagFactory(
        question=QuestionFactory(title="Merge overlapping bookings"),
        company=meta,
        frequency=80,
    )
    QuestionFactory(title="Least recently used shelf")

    context, page, errors = log_in(browser, live_server, alice, password, NEW_YORK)
    page.get_by_role("link", name="Questions", exact=True).click()
    page.get_by_role("checkbox", name=re.compile(r"^Meta\b")).check()
    page.wait_for_url(re.compile(r"company=meta"))
    expect(page.get_by_test_id("result-count")).to_have_text("1")
    # A score out of 100 for that company and window, not a count.
    expect(page.get_by_test_id("frequency")).to_contain_text("80/100")
    expect(page.get_by_test_id("frequency")).to_contain_text("Meta · last 6 months")
    page.get_by_role("link", name="Merge overlapping bookings").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Merge overlapping bookings"
    )
    page.get_by_role("link", name="Sessions", exact=True).click()
    page.get_by_role("link", name="Schedule a mock").first.click()
    expect(page.get_by_test_id("my-zone")).to_have_text(NEW_YORK)
    page.get_by_label("Format").select_option(label="Phone screen (E4/E5)")
    page.get_by_label("Date", exact=True).fill(local.strftime("%Y-%m-%d"))
    page.get_by_label(f"Time ({NEW_YORK})").fill("10:00")
    page.get_by_label("Partner's e-mail").fill(bob.email)
    page.get_by_label("the interviewer").check()
    page.get_by_label("Swap mode", exact=False).check()
    page.get_by_role("button", name="Send the invitation").click()

    # Until Bob answers, Alice knows him by the address she typed.
    expect(
        page.get_by_text(
            "Invitation sent to bob@example.com. The session is confirmed once they "
            "accept."
        )
    ).to_be_visible()
    expect(page.get_by_test_id("status")).to_have_text(
        "Waiting for bob@example.com's answer"
    )
    expect(page.get_by_test_id("starts-at")).to_contain_text(
        f"10:00 {local.strftime('%Z')}"
    )
    expect(page.get_by_test_id("round")).to_have_count(2)
    expect(page.get_by_test_id("who").first).to_have_text(
        "You interview bob@example.com."
    )
    assert errors == []
    context.close()

    context, page, errors = log_in(browser, live_server, bob, password, BERLIN)
    page.goto(f"{live_server.url}/sessions/")
    card = page.get_by_test_id("session-card").first
    expect(card.get_by_test_id("starts-at")).to_contain_text(
        in_berlin.strftime("%H:%M %Z")
    )
    expect(card.get_by_test_id("roles")).to_contain_text("Alice interviews you")
    expect(card.get_by_test_id("card-status")).to_have_text("Waiting for your answer")
    # Three days ahead: days and hours, no seconds ticking.
    expect(card.get_by_test_id("countdown")).to_have_text(
        re.compile(r"^starts in [23] d \d{1,2} h$")
    )
    card.get_by_role("link", name="Phone screen (E4/E5)").click()
    expect(page.get_by_test_id("status")).to_have_text("Waiting for your answer")
    page.get_by_role("button", name="Accept", exact=True).click()

    expect(
        page.get_by_text("Accepted: it is in your upcoming sessions.")
    ).to_be_visible()
    expect(page.get_by_test_id("status")).to_have_text("Scheduled")
    assert MockSession.objects.get().status == SessionStatus.SCHEDULED
    page.goto(f"{live_server.url}/sessions/")
    upcoming = page.get_by_test_id("session-card").first
    expect(upcoming.get_by_test_id("card-status")).to_have_text("Scheduled")
    expect(upcoming.get_by_role("button", name="Join")).to_be_disabled()
    assert errors == []
    context.close()


def test_the_join_button_opens_on_time_and_leads_to_the_room(
    browser, server, friends, password
):
    alice, bob = friends
    session = book(
        host=alice,
        partner=bob,
        swap=True,
        starts_at=timezone.now() + timedelta(hours=1),
    )
    # The room opens in 30 s; the page's clock is moved on instead of waiting.
    starts_at = timezone.now() + timedelta(minutes=10, seconds=30)
    MockSession.objects.filter(pk=session.pk).update(
        starts_at=starts_at, ends_at=starts_at + session.duration
    )
    context, page, errors = log_in(browser, server, alice, password, NEW_YORK)
    page.clock.install()
    page.goto(f"{server.url}/sessions/")
    join = page.get_by_role("button", name="Join")

    expect(join).to_be_disabled()
    # Within the hour the countdown shows seconds and runs.
    countdown = page.get_by_test_id("countdown")
    expect(countdown).to_have_text(re.compile(r"^starts in \d\d:\d\d$"))
    first = countdown.inner_text()
    page.clock.run_for(2_000)
    expect(countdown).not_to_have_text(first)
    page.clock.fast_forward(45_000)
    expect(join).to_be_enabled()
    join.click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Room · Phone screen (E4/E5)"
    )
    # The room's socket answers: the round and its people are shown.
    expect(page.get_by_test_id("round-line")).to_have_text(
        re.compile(r"^Round 1 of 2: .+ interviews .+ \(you ")
    )
    assert errors == []
    context.close()


def test_the_host_copies_the_shareable_link(browser, live_server, friends, password):
    alice, _ = friends
    context, page, errors = log_in(browser, live_server, alice, password, NEW_YORK)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(f"{live_server.url}/sessions/new/")
    tomorrow = (timezone.now() + timedelta(days=1)).astimezone(
        zoneinfo.ZoneInfo(NEW_YORK)
    )
    page.get_by_label("Date", exact=True).fill(tomorrow.strftime("%Y-%m-%d"))
    page.get_by_label(f"Time ({NEW_YORK})").fill("09:00")
    page.get_by_label("No e-mail: make a shareable link instead").check()
    page.get_by_role("button", name="Send the invitation").click()

    expect(
        page.get_by_text("Session created. Share the invitation link below")
    ).to_be_visible()
    expect(page.get_by_test_id("status")).to_have_text(
        "Waiting for your friend to open the link"
    )
    link = page.get_by_test_id("invitation-link")
    expect(link).to_have_value(
        f"http://127.0.0.1:8000/sessions/invitations/"
        f"{MockSession.objects.get().invitations.get().token}/"
    )
    page.get_by_role("button", name="Copy").click()
    expect(page.get_by_role("button", name="Copied")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == link.input_value()
    assert errors == []
    context.close()
