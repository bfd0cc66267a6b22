from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction

from tests.conftest import builtin_rows_ensure


@pytest.fixture(scope="module")
def loaded_demo(django_db_setup, django_db_blocker):
    """`load_demo` run once for a module's tests, inside a transaction rolled back
    after them: each test runs in a savepoint of its own within it, so what one
    test changes the next never sees. Returns what the command printed."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            # A transactional test before this module may have emptied every
            # table, the built-in formats and rubrics the demo uses too.
            builtin_rows_ensure()
            out = StringIO()
            call_command("load_demo", stdout=out)
            yield out.getvalue()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
