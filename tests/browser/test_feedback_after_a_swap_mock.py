"""After a swap-mode mock, each partner writes a scorecard for the round they
interviewed and a self-assessment for the round they were interviewed in, in a real
Chromium, and reads the other's feedback only when the blind rule allows."""

import re

import pytest
from playwright.sync_api import expect

from notifications.models import Message
from tests.browser.people import signed_in
from tests.feedback.support import finished_session, rounds_of

pytestmark = [
    pytest.mark.browser,
    pytest.mark.embedded,
    pytest.mark.django_db(transaction=True),
]

CODING_KEYS = [
    "clarifying",
    "approach",
    "code_quality",
    "verification",
    "complexity",
    "communication",
]
ALICE_STRENGTH = "Asked about overlapping ends before writing a line."
BOB_STRENGTH = "Named every edge case before the dry run."


def sign_in(browser, live_server, user):
    return signed_in(browser, live_server.url, user)


def rate(page, scores: dict[str, int]) -> None:
    for key, score in scores.items():
        page.get_by_test_id(f"score-{key}-{score}").check()


def test_each_partner_gives_and_receives_under_the_blind_rule(
    browser, live_server, alice, bob
):
    first, second = rounds_of(finished_session(host=alice, partner=bob))
    url = f"{live_server.url}/feedback/rounds/{{}}/"
    alice_context, alice_page, alice_errors = sign_in(browser, live_server, alice)
    bob_context, bob_page, bob_errors = sign_in(browser, live_server, bob)

    # Both find what they owe on the feedback page.
    alice_page.goto(f"{live_server.url}/feedback/")
    expect(alice_page.get_by_test_id("to-write-row")).to_have_count(2)

    # Round 1: Alice, the interviewer, drafts; the draft survives a reload.
    alice_page.goto(url.format(first.pk))
    expect(alice_page.get_by_test_id("round-facts")).to_be_visible()
    rate(alice_page, {"clarifying": 4, "approach": 3})
    alice_page.get_by_test_id("strengths").fill(ALICE_STRENGTH)
    expect(alice_page.get_by_test_id("save-status")).to_have_text(
        re.compile(r"^Draft saved at")
    )
    alice_page.reload()
    expect(alice_page.get_by_test_id("strengths")).to_have_value(ALICE_STRENGTH)
    expect(alice_page.get_by_test_id("score-clarifying-4")).to_be_checked()

    # Submitting with criteria unrated is refused, saying which.
    alice_page.get_by_test_id("submit-scorecard").click()
    expect(alice_page.locator(".message-error")).to_contain_text("not rated yet")
    rate(alice_page, {"code_quality": 2, "verification": 2, "complexity": 3})
    rate(alice_page, {"communication": 4})
    alice_page.get_by_test_id("recommendation-hire").check()
    alice_page.get_by_test_id("submit-scorecard").click()
    expect(alice_page.get_by_test_id("scorecard-mine")).to_contain_text("Hire")
    expect(alice_page.get_by_test_id("their-self-waiting")).to_be_visible()

    # Bob, the candidate, is told it is ready but reads it only after his own.
    bob_page.goto(url.format(first.pk))
    expect(bob_page.get_by_test_id("scorecard-locked")).to_be_visible()
    expect(bob_page.get_by_text(ALICE_STRENGTH)).to_have_count(0)
    rate(bob_page, dict.fromkeys(CODING_KEYS, 3))
    bob_page.get_by_test_id("went-badly").fill("Rushed the dry run.")
    bob_page.get_by_test_id("submit-self").click()
    received = bob_page.get_by_test_id("scorecard-received")
    expect(received).to_contain_text(ALICE_STRENGTH)
    # His own rating beside hers, per criterion.
    expect(
        received.get_by_role("row", name=re.compile("Code quality"))
    ).to_contain_text("2/4")
    expect(
        received.get_by_role("row", name=re.compile("Code quality"))
    ).to_contain_text("3/4")
    # And now Alice reads his account.
    alice_page.reload()
    expect(alice_page.get_by_test_id("self-read")).to_contain_text(
        "Rushed the dry run."
    )

    # Round 2, roles reversed: Alice assesses herself first and waits.
    alice_page.goto(url.format(second.pk))
    rate(alice_page, dict.fromkeys(CODING_KEYS, 2))
    alice_page.get_by_test_id("submit-self").click()
    expect(alice_page.get_by_test_id("scorecard-waiting")).to_be_visible()

    bob_page.goto(url.format(second.pk))
    expect(bob_page.get_by_text("Rushed the dry run.")).to_have_count(0)
    rate(bob_page, dict.fromkeys(CODING_KEYS, 4))
    bob_page.get_by_test_id("strengths").fill(BOB_STRENGTH)
    bob_page.get_by_test_id("recommendation-strong_hire").check()
    bob_page.get_by_test_id("submit-scorecard").click()
    expect(bob_page.get_by_test_id("self-read")).to_be_visible()

    alice_page.reload()
    expect(alice_page.get_by_test_id("scorecard-received")).to_contain_text(
        BOB_STRENGTH
    )
    alice_page.goto(f"{live_server.url}/feedback/")
    expect(alice_page.get_by_test_id("to-write-row")).to_have_count(0)
    expect(alice_page.get_by_test_id("received-row")).to_have_count(1)
    expect(alice_page.get_by_test_id("given-row")).to_have_count(1)
    # Each is told of the other's feedback (sent by the worker; see
    # test_blind_rule_and_privacy for what the e-mail and the bell say).
    told = Message.objects.filter(topic__contains=":feedback:ready:")
    assert sorted(
        (message.user.display_name, message.topic.split(":")[-2]) for message in told
    ) == [
        ("Alice", "scorecard"),
        ("Alice", "self"),
        ("Bob", "scorecard"),
        ("Bob", "self"),
    ]

    assert alice_errors == [] and bob_errors == []
    alice_context.close()
    bob_context.close()
