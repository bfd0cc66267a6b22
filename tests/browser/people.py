"""People signed in to a server, each in a browser context of their own (own cookies,
own time zone), for tests where two or more people act at once."""

from django.conf import settings
from django.test import Client


def session_cookie_add(context, base_url, user) -> None:
    """Sign `user` in to the browser `context` with a session made in the test
    database, which the server reads: what the sign-in form ends with, without
    its two page loads and password hash (half a second a walk, docs/testing.md).
    The form itself is walked by the tests that pass a password to `signed_in`."""
    client = Client()
    client.force_login(user)
    name = settings.SESSION_COOKIE_NAME
    context.add_cookies(
        [{"name": name, "value": client.cookies[name].value, "url": base_url}]
    )


def signed_in(
    browser, base_url, user, *, password=None, console=True, **context_options
):
    """(context, page, errors) for `user`, signed in at `base_url` and on the home
    page, in a browser context with `context_options` (a time zone, a viewport):
    through the sign-in form given a `password`, else by a session cookie.
    `errors` gathers the page's uncaught errors and, with `console`, what it logs
    as errors (a refused request included)."""
    context = browser.new_context(**context_options)
    page = context.new_page()
    errors = []
    if console:
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    if password is None:
        session_cookie_add(context, base_url, user)
        page.goto(f"{base_url}/")
        return context, page, errors
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(f"{base_url}/")
    return context, page, errors
