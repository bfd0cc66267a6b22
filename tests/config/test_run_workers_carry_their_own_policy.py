"""Run's workers are governed by their own answers' policy, not the page's: the
Python worker may compile WebAssembly and fetch from us only, the JavaScript worker
may evaluate the pad's code and fetch nothing; no other static file gets one, and
the page itself gains only worker-src 'self'."""

import pytest
from django.conf import settings

from config.static_headers import static_headers

pytestmark = pytest.mark.embedded


def policy_of(url: str) -> str | None:
    headers: dict = {}
    static_headers(headers, "/srv" + url, url)
    return headers.get("Content-Security-Policy")


@pytest.mark.parametrize(
    "url",
    ["/static/dist/run_python_worker.js", "/static/dist/run_python_worker.1a2b3c.js"],
)
def test_the_python_worker_may_compile_wasm_and_fetch_only_from_us(url):
    assert policy_of(url) == (
        "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'"
    )


def test_the_javascript_worker_may_evaluate_the_pad_and_fetch_nothing():
    assert policy_of("/static/dist/run_js_worker.js") == (
        "default-src 'none'; script-src 'self' 'unsafe-eval'; connect-src 'none'"
    )


@pytest.mark.parametrize(
    "url", ["/static/dist/room.js", "/static/dist/run.js", "/static/dist/pyodide/x.js"]
)
def test_other_static_files_get_no_policy_of_their_own(url):
    assert policy_of(url) is None


def test_the_page_allows_workers_from_us_and_no_eval_at_all():
    directives = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    assert directives["worker-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert settings.WHITENOISE_ADD_HEADERS_FUNCTION is static_headers
