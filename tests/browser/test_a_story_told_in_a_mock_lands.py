"""A story told in a behavioral mock, in two real Chromiums against the production
server (issue 20's walk): Alice writes a story, picks it in the room of a
behavioral round Bob interviews; Bob reads its title only, and the whole story once
it is marked told; after the round, with Bob's scorecard in and Alice's own account
written, the story's page shows how it landed."""

import importlib
from datetime import timedelta

import pytest
from django.apps import apps as django_apps
from django.utils import timezone
from playwright.sync_api import expect

from interviews.models import Format, Round
from tests.browser.people import signed_in
from tests.factories import UserFactory
from tests.feedback.support import write_scorecard, write_self_assessment
from tests.interviews.sessions_support import book

pytestmark = [
    pytest.mark.browser,
    pytest.mark.embedded,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture(autouse=True)
def builtin_formats(transactional_db):
    migration = importlib.import_module("interviews.migrations.0002_builtin_formats")
    migration.add_builtin_formats(django_apps, None)


def enter(browser, server, user):
    return signed_in(browser, server.url, user, console=False)


def test_a_story_picked_in_a_behavioral_round_is_rated_afterwards(
    browser, server, password
):
    alice = UserFactory(
        email="alice@example.com", display_name="Alice", password=password
    )
    bob = UserFactory(email="bob@example.com", display_name="Bob", password=password)
    session = book(
        host=bob,
        partner=alice,
        host_role="interviewer",
        starts_at=timezone.now() + timedelta(minutes=2),
        format=Format.objects.get(slug="onsite-behavioral", owner=None),
    )
    alice_context, alice_page, alice_errors = enter(browser, server, alice)
    bob_context, bob_page, bob_errors = enter(browser, server, bob)

    # Alice writes her story.
    alice_page.goto(f"{server.url}/career/")
    alice_page.get_by_role("link", name="Write a story").click()
    form = alice_page.get_by_test_id("story-form")
    form.get_by_label("Title").fill("Rescued the launch")
    form.get_by_label("Situation").fill("Two weeks before launch, load tests failed.")
    form.get_by_label("Action").fill("Profiled, found the N+1, batched the reads.")
    form.get_by_label("Result").fill("p99 from 2.1 s to 180 ms; launched on time.")
    form.get_by_label("Ownership").check()
    form.get_by_role("button", name="Save the story").click()
    expect(alice_page.get_by_text("Story saved.")).to_be_visible()

    # In the room, she picks it; Bob sees its title only.
    room = f"{server.url}/sessions/{session.pk}/room/"
    alice_page.goto(room)
    bob_page.goto(room)
    panel = alice_page.get_by_test_id("stories-panel")
    expect(panel).to_be_visible()
    panel.get_by_test_id("story-choice").select_option(label="Rescued the launch")
    panel.get_by_test_id("story-pick").click()
    expect(panel).to_contain_text("p99 from 2.1 s to 180 ms")
    bob_panel = bob_page.get_by_test_id("stories-panel")
    expect(bob_panel).to_contain_text("Rescued the launch")
    expect(bob_panel).to_contain_text("You read it once it is told.")
    expect(bob_panel).not_to_contain_text("p99")

    # Told: now Bob reads all of it.
    alice_page.get_by_role("button", name="Mark told").click()
    expect(bob_panel).to_contain_text("p99 from 2.1 s to 180 ms")

    # After the round: Bob's scorecard, Alice's own account; the story landed.
    round_ = Round.objects.get(session=session)
    now = timezone.now()
    Round.objects.filter(pk=round_.pk).update(started_at=now, ended_at=now)
    round_.refresh_from_db()
    write_scorecard(round_, 3)
    write_self_assessment(round_, 3)
    alice_page.goto(f"{server.url}/career/")
    alice_page.get_by_role("link", name="Rescued the launch").click()
    landing = alice_page.get_by_test_id("landing")
    expect(landing).to_contain_text("with Bob")
    expect(landing).to_contain_text("of 4")

    assert alice_errors == [] and bob_errors == []
    alice_context.close()
    bob_context.close()
