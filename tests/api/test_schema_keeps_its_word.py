"""The OpenAPI schema is the contract: schemathesis generates requests for every
operation from it, signed in, over a little data of the user's own, and each answer
must be no server error and match what the schema says (status, content type,
body); requests that break the schema (a number for a name, a missing field) must be
refused, and so must requests without the user's token."""

import zlib
from datetime import time, timedelta

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from django.utils import timezone
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import positive_data_acceptance

from career.services.brag import brag_entry_create
from career.services.real import real_interview_create, stage_create
from career.services.stories import story_create
from config.wsgi import application
from interviews.services.availability import (
    availability_set,
    booking_link_get_or_create,
)
from interviews.services.formats import format_create
from questions.services import list_create
from tests.conftest import builtin_rows_ensure
from tests.factories import UserFactory
from tests.feedback.support import (
    finished_session,
    rounds_of,
    write_scorecard,
    write_self_assessment,
)
from tests.interviews.sessions_support import book
from tests.questions.factories import CompanyFactory, CompanyTagFactory, QuestionFactory

schema = schemathesis.openapi.from_wsgi("/api/schema/", application)

# What the signed-in user owns, by path parameter: generated ids and slugs are
# mapped onto these half the time, so operations on real objects are tried too.
OWN: dict[str, dict] = {}


@schema.auth(refresh_interval=None)
class SignedIn:
    """The signed-in user's token, so that schemathesis also knows what a request
    without it looks like (and checks that it is refused)."""

    def get(self, case, context):
        return OWN.get("token", "")

    def set(self, case, data, context):
        case.headers = {**(case.headers or {}), "Authorization": f"Token {data}"}


@pytest.fixture
def in_process(db):
    """Requests run inside the test's transaction, as with Django's test client:
    the handler must not close the connection after each one."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture(scope="module")
def own_objects(django_db_setup, django_db_blocker):
    """A little of everything the user can own, made once for the module (about
    half a second of work, for a hundred operations) inside a transaction rolled
    back after it. Each operation's test runs in a savepoint of its own within
    it (the `db` fixture), so what one operation changes the next never sees."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            # A transactional test before this module may have emptied every
            # table, the built-in formats and rubrics too.
            builtin_rows_ensure()
            yield from _own_objects_made()
        finally:
            OWN.clear()
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def signed_in(own_objects, in_process):
    return OWN


def _own_objects_made():
    user = UserFactory(email="schema@example.com", display_name="Schema")
    friend = UserFactory(email="friend@example.com", display_name="Friend")
    meta = CompanyFactory(name="Meta", slug="meta")
    question = QuestionFactory(slug="merge-intervals")
    CompanyTagFactory(question=question, company=meta)
    session = book(host=user, partner=friend, starts_at=timezone.now() + timedelta(1))
    own_list = list_create(owner=user, name="Mine")
    own_format = format_create(
        owner=user,
        name="Short",
        segments=[{"kind": "coding", "minutes": 30, "questions": 1}],
    )
    availability_set(
        user=friend,
        slots=[
            {"weekday": d, "start_time": time(8), "end_time": time(20)}
            for d in range(7)
        ],
    )
    interviewed, was_interviewed = rounds_of(
        finished_session(host=user, partner=friend)
    )
    scorecard = write_scorecard(interviewed, 3, submitted=False)
    assessment = write_self_assessment(was_interviewed, 3)
    story = story_create(owner=user, title="A story", competencies=["ownership"])
    entry = brag_entry_create(owner=user, day="2026-01-05", what="Shipped it")
    loop = real_interview_create(owner=user, company_slug="meta", level="E5")
    stage = stage_create(
        interview=loop, format="coding", day="2026-01-06", at="10:00", time_zone="UTC"
    )
    OWN.update(
        token=Token.objects.create(user=user).key,
        ids={
            "/api/lists/": own_list.pk,
            "/api/formats/": own_format.pk,
            "/api/sessions/": session.pk,
            "/api/scorecards/": scorecard.pk,
            "/api/self-assessments/": assessment.pk,
            "/api/career/stories/": story.pk,
            "/api/career/brag/": entry.pk,
            "/api/career/interviews/": loop.pk,
            "/api/career/stages/": stage.pk,
        },
        slug=question.slug,
        booking=booking_link_get_or_create(user=friend).token,
        # A round the user was the candidate of: they may rate how it was run.
        round=was_interviewed.pk,
    )
    yield


def aim_at_own_objects(case) -> None:
    parameters = case.path_parameters or {}
    for name, value in parameters.items():
        if zlib.crc32(str(value).encode()) % 2:
            continue
        if name == "id":
            prefix = next(p for p in OWN["ids"] if case.path.startswith(p))
            parameters[name] = OWN["ids"][prefix]
        elif name == "slug":
            parameters[name] = OWN["slug"]
        elif name == "token":
            parameters[name] = OWN["booking"]
        elif name == "round_id" and case.path.startswith("/api/rounds/"):
            parameters[name] = OWN["round"]


@schema.parametrize()
@settings(
    max_examples=15,
    derandomize=True,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_every_operation_answers_as_the_schema_says(case, signed_in):
    aim_at_own_objects(case)
    # Schema-valid is not always acceptable: a slug of no company, a time in the
    # past, a question already on the list are refused with a 400 that names the
    # field, which a schema cannot express. Everything else is checked.
    case.call_and_validate(excluded_checks=[positive_data_acceptance])
