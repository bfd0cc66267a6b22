"""The progress page in a real Chromium, on the demo data: its charts are drawn (in
the theme's colours, light and dark), and the three weakest areas and the week's
60/30/10 plan are there as text."""

import importlib
from io import StringIO

import pytest
from django.apps import apps as django_apps
from django.core.management import call_command
from playwright.sync_api import expect

from demo.accounts import DEMO_ACCOUNTS
from feedback.models import Criterion, Rubric
from feedback.rubrics import rubrics_install
from tests.browser.people import session_cookie_add
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.embedded,
    pytest.mark.django_db(transaction=True),
]

ALICE = next(each for each in DEMO_ACCOUNTS if each.display_name == "Alice")
CHARTS = [
    "chart-trend-coding",
    "chart-trend-system_design",
    "chart-profile",
    "chart-calibration",
]
# How many pixels of the canvas are drawn on, and whether one of them is exactly
# the colour a CSS variable names (a point or line of the first series).
DRAWN = """([canvas, variable]) => {
  const { width, height } = canvas;
  const pixels = canvas.getContext("2d").getImageData(0, 0, width, height).data;
  const hex = getComputedStyle(document.documentElement)
    .getPropertyValue(variable).trim().replace("#", "");
  const want = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
  let painted = 0, matches = 0;
  const colours = new Set();
  for (let i = 0; i < pixels.length; i += 4) {
    if (pixels[i + 3] === 0) continue;
    painted += 1;
    colours.add((pixels[i] << 16) | (pixels[i + 1] << 8) | pixels[i + 2]);
    if (pixels[i + 3] === 255 && pixels[i] === want[0] && pixels[i + 1] === want[1]
        && pixels[i + 2] === want[2]) matches += 1;
  }
  return { painted, colours: colours.size, matches, total: width * height };
}"""


@pytest.fixture
def demo(transactional_db):
    # A transactional test empties every table when it ends, data migrations' rows
    # too: put the built-in formats and rubrics back first.
    formats = importlib.import_module("interviews.migrations.0002_builtin_formats")
    formats.add_builtin_formats(django_apps, None)
    rubrics_install(Rubric, Criterion)
    call_command("load_demo", stdout=StringIO())


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_demo_progress_page_draws_its_charts_weakest_areas_and_plan(
    browser, live_server, demo, scheme, tmp_path
):
    context = browser.new_context(
        color_scheme=scheme, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    errors = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Email").fill(ALICE.email)
    page.get_by_label("Password").fill(ALICE.password)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(f"{live_server.url}/")

    page.goto(f"{live_server.url}/feedback/progress/")

    for test_id in CHARTS:
        canvas = page.get_by_test_id(test_id)
        expect(canvas).to_have_attribute("data-drawn", "true")
        canvas.scroll_into_view_if_needed()
        assert len(canvas.screenshot(path=tmp_path / f"{test_id}.png")) > 2000
        drawn = page.evaluate(DRAWN, [canvas.element_handle(), "--chart-1"])
        assert drawn["painted"] > drawn["total"] * 0.01, (test_id, drawn)
        assert drawn["colours"] > 10, (test_id, drawn)
    # The first series is drawn in the theme's own first chart colour.
    trend = page.evaluate(
        DRAWN, [page.get_by_test_id("chart-trend-coding").element_handle(), "--chart-1"]
    )
    assert trend["matches"] > 20, trend

    weak = page.get_by_test_id("weak-area")
    expect(weak).to_have_count(3)
    expect(weak.first).to_contain_text("Verification")
    expect(weak.first.get_by_role("link").first).to_be_visible()
    for tier, share in [("weakest", "60%"), ("middling", "30%"), ("strongest", "10%")]:
        area = page.get_by_test_id(f"plan-{tier}")
        expect(area.get_by_test_id("plan-share")).to_have_text(share)
        expect(area.get_by_role("link").first).to_be_visible()
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert (background == "rgb(18, 18, 26)") == (scheme == "dark"), background
    page.screenshot(path=tmp_path / f"progress-{scheme}.png", full_page=True)
    assert errors == []
    context.close()


def test_without_feedback_the_page_says_what_to_do(
    browser, live_server, transactional_db, password
):
    newcomer = UserFactory(email="carol@example.com", password=password)
    context = browser.new_context()
    page = context.new_page()
    session_cookie_add(context, live_server.url, newcomer)
    page.goto(f"{live_server.url}/")

    page.goto(f"{live_server.url}/feedback/progress/")

    empty = page.get_by_test_id("progress-empty")
    expect(empty).to_contain_text("Book a mock session")
    expect(empty.get_by_role("link", name="Sessions")).to_be_visible()
    expect(page.locator("canvas")).to_have_count(0)
    expect(page.get_by_label("Hours you have per week")).to_have_value("6")
    context.close()
