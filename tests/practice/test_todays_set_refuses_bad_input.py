"""Whatever the start form or the API is sent (sizes, rebuild flags, of any type),
the answer is a redirect, a 201 or a 400, never a 500, and at most one set of two
or three questions exists."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from practice.models import DailySet
from tests.practice.today_support import aim, asked

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=12,
)
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | TEXT,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3)
    ),
    max_leaves=5,
)


@pytest.fixture
def signed_in(client, alice):
    aim(alice)
    for number in range(4):
        asked(f"Question {number}", at="Meta", frequency=90 - number)
    client.force_login(alice)
    return client


def holds() -> None:
    assert DailySet.objects.count() <= 1
    for daily_set in DailySet.objects.all():
        assert daily_set.items.count() in (2, 3)


@FUZZ
@given(size=TEXT | st.sampled_from(["2", "3", " 3", "3.0", "-2", "1e9"]), rebuild=TEXT)
def test_the_start_form_takes_any_text(signed_in, size, rebuild):
    response = signed_in.post(
        reverse("practice-today"), {"size": size, "rebuild": rebuild}
    )

    assert response.status_code == 302
    holds()


@FUZZ
@given(body=st.dictionaries(st.sampled_from(["size", "rebuild"]), JSON))
def test_the_api_answers_201_or_400(signed_in, body):
    response = signed_in.post(
        "/api/practice/today/", body, content_type="application/json"
    )

    assert response.status_code in (201, 400), response.content
    holds()
