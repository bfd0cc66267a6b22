"""Run in two real Chromium pages, in the built-in online assessment (a runnable
part): the candidate's `while True: pass` is stopped after 10 s with a message while
the page stays usable, and 'Run examples' on a starter question, for a deliberately
wrong solution, shows a passing and a failing example; both pages show the same run.
Pyodide comes from our static files only: no request leaves the server.

PostgreSQL mode only: the runner is all in the browser, and the room's commands
under make run's defaults are covered by the live room module."""

import importlib
from datetime import timedelta
from pathlib import Path

import pytest
import yaml
from django.apps import apps as django_apps
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import expect

from interviews.models import Format, RoundQuestion
from rooms.models import Pad, PadKind, RoomRun
from rooms.services.pads import round_pads_ensure
from tests.browser.test_live_room import enter
from tests.factories import UserFactory
from tests.interviews.sessions_support import book
from tests.questions.factories import QuestionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STARTER = Path(settings.BASE_DIR) / "questions" / "bank" / "coding-foundations.yaml"
ENDLESS = "while True:\n    pass\n"
WRONG = "def smallest_unclaimed(claimed):\n    return 1\n"


@pytest.fixture
def assessment(password):
    formats = importlib.import_module("interviews.migrations.0013_segment_runnable")
    formats.add_online_assessments(django_apps, None)
    [starter] = [
        entry
        for entry in yaml.safe_load(STARTER.read_text())["questions"]
        if entry["slug"] == "smallest-unclaimed-locker-number"
    ]
    alice = UserFactory(
        email="alice@example.com", display_name="Alice", password=password
    )
    bob = UserFactory(email="bob@example.com", display_name="Bob", password=password)
    session = book(
        host=alice,
        partner=bob,
        host_role="interviewer",
        format=Format.objects.get(slug="online-assessment", owner=None),
        starts_at=timezone.now() + timedelta(minutes=2),
    )
    round_ = session.rounds.get(order=0)
    RoundQuestion.objects.create(
        round=round_,
        segment=session.format.segments.get(kind="coding"),
        position=0,
        question=QuestionFactory(
            slug=starter["slug"],
            title=starter["title"],
            statement=starter["statement"],
            examples=starter["examples"],
        ),
        revealed_at=timezone.now(),
    )
    round_pads_ensure(round_=round_)
    Pad.objects.filter(round=round_, kind=PadKind.SHARED).update(language="python")
    return session, alice, bob


def replace_pad_text(page, text):
    page.locator("[data-pad] .cm-content").click()
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    # Inserted whole, as a paste is: the pad's auto-indent leaves it as written.
    page.keyboard.insert_text(text)


def test_an_endless_loop_stops_after_10_s_and_wrong_code_fails_an_example(
    browser, server, assessment
):
    session, alice, bob = assessment
    room = f"{server.url}/sessions/{session.pk}/room/"
    pages = []
    outside = []
    for user in (bob, alice):
        context, page, errors = enter(browser, server, user)
        if user == bob:
            # Bob's page keeps time by Playwright's clock, which flows as the real
            # one does until the test jumps it: the limit is checked on both sides
            # of 10 s without spinning a core for those 10 s.
            context.clock.install()
        page.on(
            "request",
            lambda request: (
                not request.url.startswith(server.url) and outside.append(request.url)
            ),
        )
        page.goto(room)
        pages.append((page, errors))
    (bob_page, bob_errors), (alice_page, alice_errors) = pages
    expect(bob_page.get_by_test_id("run-panel")).to_be_visible()
    expect(bob_page.get_by_test_id("run-meta")).to_have_text("No run yet.")

    replace_pad_text(bob_page, ENDLESS)
    bob_page.get_by_test_id("run-panel").get_by_role(
        "button", name="Run Python"
    ).click()
    expect(bob_page.locator("[data-run-status]")).to_have_text(
        "Running…", timeout=30000
    )
    started = bob_page.evaluate("performance.now()")
    # The page answers while the loop spins in its worker.
    assert bob_page.evaluate("1 + 1") == 2
    bob_page.locator("[data-pad] .cm-content").click()
    bob_page.keyboard.press("Control+End")
    bob_page.keyboard.insert_text("# still typing\n")
    # Short of 10 s the loop still runs; past them it is stopped. The clock
    # stands still at 9.5 s while that is checked, however slow the machine.
    ran_ms, now_ms = bob_page.evaluate("[performance.now(), Date.now()]")
    bob_page.clock.pause_at((now_ms + max(0, 9_500 - (ran_ms - started))) / 1000)
    expect(bob_page.locator("[data-run-status]")).to_have_text("Running…")
    expect(bob_page.get_by_test_id("run-meta")).to_have_text("No run yet.")
    bob_page.clock.fast_forward(1_000)
    bob_page.clock.resume()
    for page in (bob_page, alice_page):
        expect(page.get_by_test_id("run-meta")).to_contain_text(
            "Bob ran Python", timeout=20000
        )
        expect(page.get_by_test_id("run-meta")).to_contain_text("Stopped after 10 s")
        expect(page.get_by_test_id("run-output")).to_contain_text(
            "Stopped after 10 s: the run took too long"
        )

    replace_pad_text(bob_page, WRONG)
    bob_page.get_by_role(
        "button", name="Run examples: Smallest unclaimed locker number"
    ).click()
    for page in (bob_page, alice_page):
        meta = page.get_by_test_id("run-meta")
        expect(meta).to_contain_text("Some examples failed", timeout=20000)
        examples = page.locator("[data-run-examples] li")
        expect(examples).to_have_count(3)
        expect(examples.nth(0)).to_have_text("Example 1 [3,4,-1,1]: failed")
        expect(examples.nth(1)).to_have_text("Example 2 [7,8,9,11,12]: passed")
        expect(page.get_by_test_id("run-output")).to_contain_text(
            "Example 1: failed: expected 2, got 1"
        )
    assert bob_page.get_by_test_id("run-output").inner_text() == (
        alice_page.get_by_test_id("run-output").inner_text()
    )

    # Bad input: 10 MB printed, a module that is not there; then JavaScript.
    for code, said in [
        ('print("x" * 10_000_000)', "Output cut at 64 KiB: the program printed 9.5 MB"),
        ("import numpy", "This server does not ship that package"),
        (
            "import no_such_module",
            "ModuleNotFoundError: No module named 'no_such_module'",
        ),
    ]:
        replace_pad_text(bob_page, code)
        bob_page.get_by_test_id("run-button").click()
        expect(alice_page.get_by_test_id("run-output")).to_contain_text(said)
    bob_page.locator("select[data-language]").select_option("javascript")
    replace_pad_text(bob_page, "console.log([1, 2].map((x) => x * 2));")
    bob_page.get_by_role("button", name="Run JavaScript").click()
    expect(alice_page.get_by_test_id("run-meta")).to_contain_text("Bob ran JavaScript")
    expect(alice_page.get_by_test_id("run-output")).to_have_text("[2,4]\n")

    runs = list(RoomRun.objects.order_by("at").values_list("exit", "examples"))
    assert runs == [
        ("timeout", []),
        ("failed", [False, True, False]),
        ("ok", []),
        ("error", []),
        ("error", []),
        ("ok", []),
    ]
    assert outside == []
    assert bob_errors == [] and alice_errors == []
