"""Issue 20's done-when, in Chromium: a loop format's three rounds, held and scored
by two friends, produce a debrief that each can read only after their own
scorecard. Alice is the candidate; Bob interviews the coding and system design
rounds, Carol the behavioral one. Alice also rates how Carol ran her round, which
Carol reads only once her scorecard is in, and then charted on "Feedback I gave"."""

import re

import pytest
from playwright.sync_api import expect

from feedback.selectors.loops import hire_rule_text
from feedback.selectors.rubrics import rubric_current
from tests.browser.people import signed_in
from tests.factories import UserFactory
from tests.feedback.loop_support import held_loop, three_round_loop
from tests.feedback.support import write_scorecard, write_self_assessment

pytestmark = [
    pytest.mark.browser,
    pytest.mark.embedded,
    pytest.mark.django_db(transaction=True),
]


def test_each_reads_the_debrief_only_after_their_own_scorecard(
    browser, live_server, alice, bob
):
    carol = UserFactory(email="carol@example.com", display_name="Carol")
    coding, design, behavioral = held_loop(
        candidate=alice, interviewers=[bob, bob, carol], loop=three_round_loop(alice)
    )
    write_scorecard(coding, 3, recommendation="hire")
    write_scorecard(design, {"communication": 4, "scale": 2}, recommendation="hire")
    for round_ in (coding, design, behavioral):
        write_self_assessment(round_, 3)
    debrief_url = f"{live_server.url}/feedback/loops/{coding.pk}/"

    alice_context, alice_page, alice_errors = signed_in(browser, live_server.url, alice)
    carol_context, carol_page, carol_errors = signed_in(browser, live_server.url, carol)

    # Before Carol's scorecard, nobody reads the debrief: not her, not Alice.
    assert carol_page.goto(debrief_url).status == 404
    assert alice_page.goto(debrief_url).status == 404
    # Chromium logs each 404 document as a console error: those two are expected.
    carol_errors.clear()
    alice_errors.clear()
    alice_page.goto(f"{live_server.url}/feedback/")
    expect(alice_page.get_by_test_id("debrief-link")).to_have_count(0)

    # Alice rates how Carol ran the behavioral round; Carol cannot read it yet.
    alice_page.goto(f"{live_server.url}/feedback/rounds/{behavioral.pk}/")
    for key, score in {"clarity": 4, "hints": 3, "realism": 4, "time": 2}.items():
        alice_page.get_by_test_id(f"run-{key}-{score}").check()
    alice_page.get_by_test_id("run-comment").fill("The follow-ups felt real.")
    alice_page.get_by_test_id("submit-round-run").click()
    expect(alice_page.get_by_test_id("round-run-read")).to_contain_text("2/4")

    carol_page.goto(f"{live_server.url}/feedback/rounds/{behavioral.pk}/")
    expect(carol_page.get_by_test_id("round-run-locked")).to_be_visible()
    expect(carol_page.get_by_text("The follow-ups felt real.")).to_have_count(0)

    # Carol submits her scorecard through the page.
    for criterion in rubric_current(kind="behavioral").criteria.all():
        carol_page.get_by_test_id(f"score-{criterion.key}-3").check()
    carol_page.get_by_test_id("recommendation-no_hire").check()
    carol_page.get_by_test_id("submit-scorecard").click()
    expect(carol_page.get_by_test_id("scorecard-mine")).to_contain_text("No hire")
    expect(carol_page.get_by_test_id("round-run-comment")).to_have_text(
        "The follow-ups felt real."
    )

    # Now the feedback page links the debrief, and it reads as the rule says.
    carol_page.goto(f"{live_server.url}/feedback/")
    carol_page.get_by_test_id("debrief-link").click()
    carol_page.wait_for_url(debrief_url)
    expect(carol_page.get_by_test_id("debrief-verdict")).to_have_text("No hire")
    expect(carol_page.get_by_test_id("hire-rule")).to_have_text(hire_rule_text())
    expect(carol_page.get_by_test_id("debrief-round")).to_have_count(3)
    communication = carol_page.get_by_test_id("debrief-competency").filter(
        has_text="Communication"
    )
    expect(communication).to_contain_text("4/4")
    expect(carol_page.get_by_test_id("debrief-check").nth(2)).to_contain_text("✗")

    # Alice, whose accounts are all in, reads the same packet.
    assert alice_page.goto(debrief_url).status == 200
    expect(alice_page.get_by_test_id("debrief-verdict")).to_have_text("No hire")
    expect(alice_page.get_by_test_id("debrief-weak")).to_contain_text(
        re.compile("Scale")
    )

    # Carol's rating trend on "Feedback I gave".
    carol_page.goto(f"{live_server.url}/feedback/given/")
    expect(carol_page.get_by_test_id("round-run-criterion")).to_have_count(4)
    expect(carol_page.get_by_test_id("chart-round-run")).to_have_attribute(
        "data-drawn", "true"
    )

    assert alice_errors == [] and carol_errors == []
    alice_context.close()
    carol_context.close()
