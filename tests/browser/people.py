"""People signed in to a server, each in a browser context of their own (own cookies,
own time zone), for tests where two or more people act at once."""


def signed_in(browser, base_url, user, password, *, console=True, **context_options):
    """(context, page, errors) for `user`, signed in at `base_url` and on the home
    page, in a browser context with `context_options` (a time zone, a viewport).
    `errors` gathers the page's uncaught errors and, with `console`, what it logs
    as errors (a refused request included)."""
    context = browser.new_context(**context_options)
    page = context.new_page()
    errors = []
    if console:
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(f"{base_url}/")
    return context, page, errors
