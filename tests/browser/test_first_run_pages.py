"""What a newcomer meets first, in a real Chromium: a home page that says what to do
now, a question table whose sidebar scrolls as one, and pages that fit a 390 px
phone without scrolling sideways."""

import importlib
import re
from datetime import timedelta

import pytest
from django.apps import apps as django_apps
from django.utils import timezone
from playwright.sync_api import expect

from questions.models import Progress, ProgressStatus
from tests.browser.people import signed_in
from tests.factories import UserFactory
from tests.interviews.sessions_support import book
from tests.questions.factories import (
    CompanyFactory,
    CompanyTagFactory,
    QuestionFactory,
    TopicFactory,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.embedded,
    pytest.mark.django_db(transaction=True),
]

PHONE = {"width": 390, "height": 844}


@pytest.fixture(autouse=True)
def builtin_formats(transactional_db):
    # A transactional test empties every table when it ends, the formats of the
    # data migration too: put them back for each test.
    migration = importlib.import_module("interviews.migrations.0002_builtin_formats")
    migration.add_builtin_formats(django_apps, None)


@pytest.fixture
def people(password):
    alice = UserFactory(
        email="alice@example.com", display_name="Alice", password=password
    )
    bob = UserFactory(email="bob@example.com", display_name="Bob", password=password)
    return alice, bob


@pytest.fixture
def bank():
    companies = [CompanyFactory(name=f"Company {n:02}") for n in range(12)]
    topics = [TopicFactory(name=f"Topic {n:02}") for n in range(12)]
    questions = []
    for n in range(14):
        question = QuestionFactory(
            title=f"A question with quite a long title number {n}",
            topics=topics[n % 12 : n % 12 + 2],
        )
        CompanyTagFactory(question=question, company=companies[n % 12], frequency=n)
        questions.append(question)
    return questions


def test_home_says_what_to_do_now(browser, server, people, bank):
    alice, bob = people
    now = timezone.now()
    live_soon = book(host=bob, partner=alice, starts_at=now + timedelta(minutes=5))
    book(host=bob, partner=alice, starts_at=now + timedelta(days=2), accept=False)
    Progress.objects.create(
        user=alice,
        question=bank[0],
        status=ProgressStatus.ATTEMPTED,
        due_at=now - timedelta(hours=1),
    )

    context, page, errors = signed_in(browser, server.url, alice)

    next_card = page.get_by_test_id("session-card").first
    expect(next_card).to_contain_text("Phone screen (E4/E5)")
    expect(next_card.get_by_test_id("card-status")).to_have_text("Scheduled")
    expect(next_card.get_by_role("button", name="Join")).to_be_enabled()
    waiting = page.get_by_test_id("session-card").nth(1)
    expect(waiting.get_by_test_id("card-status")).to_have_text(
        "Waiting for your answer"
    )
    reviews = page.get_by_test_id("home-reviews")
    expect(reviews).to_contain_text("1 question to review.")
    expect(reviews.get_by_role("link", name=bank[0].title)).to_be_visible()

    waiting.get_by_role("button", name="Accept", exact=True).click()
    expect(
        page.get_by_text("Accepted: it is in your upcoming sessions.")
    ).to_be_visible()
    expect(page.get_by_test_id("no-invitation")).to_be_visible()
    expect(page.get_by_test_id("later-sessions")).to_contain_text("Phone screen")

    next_card = page.get_by_test_id("session-card").first
    next_card.get_by_role("button", name="Join").click()
    page.wait_for_url(re.compile(rf"/sessions/{live_soon.pk}/room/"))
    assert errors == []
    context.close()


def test_the_filter_sidebar_scrolls_as_one_and_shows_every_filter(
    browser, live_server, people, bank
):
    alice, _ = people
    context, page, errors = signed_in(
        browser,
        live_server.url,
        alice,
        viewport={"width": 1280, "height": 800},
    )
    page.goto(f"{live_server.url}/questions/")

    scrolling_inside = page.evaluate(
        """() => [...document.querySelectorAll('.browse-filters, .browse-filters *')]
            .filter(el => ['auto', 'scroll'].includes(getComputedStyle(el).overflowY))
            .map(el => el.tagName + '.' + el.className)"""
    )
    assert scrolling_inside == []
    topics = page.get_by_role("group", name="Topics")
    topics.scroll_into_view_if_needed()
    expect(topics).to_be_in_viewport()
    # Twelve companies: eight show, the rest fold under "More companies".
    companies = page.get_by_role("group", name="Companies")
    expect(companies.locator("input[type=checkbox]")).to_have_count(12)
    expect(companies.locator("details").get_by_role("checkbox").first).to_be_hidden()
    companies.get_by_text("More companies").click()
    expect(companies.locator("details").get_by_role("checkbox").first).to_be_visible()
    # The order menu shows its whole choice.
    order = page.get_by_label("Order")
    assert order.evaluate("el => el.scrollWidth <= el.clientWidth")
    page.get_by_role("checkbox", name=re.compile(r"^Company 03\b")).check()
    page.wait_for_url(re.compile(r"company=company-03"))
    expect(order.locator("option:checked")).to_have_text("Most asked first")
    assert errors == []
    context.close()


def test_pages_fit_a_390_px_phone_without_sideways_scrolling(
    browser, server, people, bank
):
    alice, bob = people
    session = book(
        host=alice,
        partner=bob,
        swap=True,
        starts_at=timezone.now() + timedelta(minutes=5),
    )
    context, page, errors = signed_in(browser, server.url, alice, viewport=PHONE)
    paths = [
        "/",
        "/questions/",
        f"/questions/?company={bank[3].company_tags.first().company.slug}",
        f"/questions/{bank[0].slug}/",
        "/questions/due/",
        "/questions/lists/",
        "/sessions/",
        "/sessions/new/",
        f"/sessions/{session.pk}/",
        f"/sessions/{session.pk}/room/",
        "/sessions/availability/",
        "/sessions/calendar/",
        "/me/",
    ]
    too_wide = {}
    for path in paths:
        page.goto(f"{server.url}{path}")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            too_wide[path] = width
    assert too_wide == {}
    assert errors == []
    context.close()
