"""Headers of our static files: Run's workers carry a Content-Security-Policy of
their own. A dedicated worker is governed by its script's answer, not by the page's
policy, and whitenoise answers static files before the CSP middleware sees them.

- Python's worker compiles Pyodide's WebAssembly ('wasm-unsafe-eval') and fetches
  its files from us ('self'), never from a CDN.
- JavaScript's worker runs the pad's code as a function ('unsafe-eval', only in
  that worker) and may fetch nothing (connect-src 'none').
"""

import re

WORKER_POLICIES = {
    "run_python_worker": "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; "
    "connect-src 'self'",
    "run_js_worker": "default-src 'none'; script-src 'self' 'unsafe-eval'; "
    "connect-src 'none'",
}
WORKER = re.compile(r"/dist/(run_python_worker|run_js_worker)(\.[0-9a-f]+)?\.js$")


def static_headers(headers, path: str, url: str) -> None:
    """whitenoise's WHITENOISE_ADD_HEADERS_FUNCTION: called once per file."""
    found = WORKER.search(url)
    if found:
        headers["Content-Security-Policy"] = WORKER_POLICIES[found.group(1)]
