import pytest
from playwright.sync_api import expect

from users.models import User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_visitor_reads_what_mockloop_is_and_finds_sign_up(
    page, live_server, console_errors
):
    page.goto(live_server.url)

    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Practise real interviews"
    )
    assert page.locator(".hero .lead").count() == 3
    page.get_by_role("link", name="Create an account").click()
    expect(page).to_have_url(f"{live_server.url}/accounts/signup/")
    assert console_errors == []


def test_sign_up_guesses_the_time_zone_from_the_browser(browser, live_server):
    context = browser.new_context(timezone_id="Asia/Tokyo")
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/signup/")

    expect(page.get_by_label("Time zone")).to_have_value("Asia/Tokyo")
    page.get_by_label("Email").fill("erin@example.com")
    page.get_by_label("Display name").fill("Erin")
    page.locator("#id_password1").fill("long-enough-secret-42")
    page.locator("#id_password2").fill("long-enough-secret-42")
    page.get_by_role("button", name="Sign Up").click()

    page.wait_for_url(f"{live_server.url}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welcome back, Erin")
    assert User.objects.get(email="erin@example.com").time_zone == "Asia/Tokyo"
    context.close()


def test_the_keyboard_reaches_the_skip_link_and_the_navigation(logged_in_page):
    page = logged_in_page

    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to content")).to_be_focused()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Questions", exact=True)).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Questions")


def test_the_profile_saves_a_time_zone_and_shows_times_in_it(
    logged_in_page, live_server
):
    page = logged_in_page
    page.get_by_role("link", name="Alice").click()

    page.get_by_label("Time zone").select_option("Europe/Berlin")
    page.get_by_role("button", name="Save").click()

    expect(page.get_by_text("Your profile is saved.")).to_be_visible()
    expect(page.get_by_test_id("now")).to_contain_text("CET")


def test_the_theme_follows_the_system_setting(browser, live_server):
    colors = {}
    for scheme in ("light", "dark"):
        context = browser.new_context(color_scheme=scheme)
        page = context.new_page()
        page.goto(live_server.url)
        colors[scheme] = page.evaluate(
            "getComputedStyle(document.body).backgroundColor"
        )
        context.close()

    assert colors["light"] == "rgb(247, 247, 251)"
    assert colors["dark"] == "rgb(18, 18, 26)"


def test_pages_fit_a_phone_screen(browser, live_server):
    context = browser.new_context(viewport={"width": 375, "height": 740})
    page = context.new_page()
    page.goto(live_server.url)

    overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    assert overflow is False
    context.close()
