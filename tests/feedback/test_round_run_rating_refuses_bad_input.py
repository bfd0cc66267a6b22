"""Whatever the rating of a round's running is sent (form or API: any scores, keys,
types, very long comments, NUL bytes, markup), the answer is a redirect with a
message, a 201 or a 400, never a 500; a refusal writes nothing, and what is
written is whole and shown escaped."""

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from feedback.models import InterviewerFeedback
from feedback.round_run import COMMENT_LIMIT, KEYS
from tests.feedback.support import finished_session, rounds_of, write_scorecard

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
JSON_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    TEXT,
)
GOOD = dict.fromkeys(KEYS, 3)


@pytest.fixture
def round_(alice, bob):
    return rounds_of(finished_session(host=alice, partner=bob, swap=False))[0]


def _whole_or_nothing():
    rows = list(InterviewerFeedback.objects.all())
    assert len(rows) <= 1
    for row in rows:
        assert set(row.ratings) == set(KEYS)
        assert all(type(v) is int and 1 <= v <= 4 for v in row.ratings.values())
        assert "\x00" not in row.comment and len(row.comment) <= COMMENT_LIMIT


@FUZZ
@given(
    scores=st.dictionaries(
        st.sampled_from([*KEYS, "other", "run-x"]),
        st.one_of(st.sampled_from(["1", "2", "3", "4", ""]), TEXT),
    ),
    comment=st.one_of(TEXT, st.just("x" * (COMMENT_LIMIT + 1)), st.just("a\x00b")),
    who=st.sampled_from(["candidate", "interviewer"]),
)
def test_any_form_post_is_a_redirect_or_refused(
    round_, alice, bob, scores, comment, who
):
    InterviewerFeedback.objects.all().delete()
    client = Client()
    client.force_login(bob if who == "candidate" else alice)
    data = {f"run-{key}": value for key, value in scores.items()}
    data["run-comment"] = comment
    response = client.post(reverse("feedback-round-run", args=[round_.pk]), data)
    # 400: a NUL byte anywhere in a request is refused before any view (core).
    assert response.status_code in (302, 400)
    _whole_or_nothing()
    if who == "interviewer":
        assert not InterviewerFeedback.objects.exists()


@FUZZ
@given(
    body=st.one_of(
        JSON_SCALARS,
        st.lists(JSON_SCALARS, max_size=3),
        st.fixed_dictionaries(
            {},
            optional={
                "ratings": st.one_of(
                    JSON_SCALARS,
                    st.dictionaries(
                        st.one_of(st.sampled_from([*KEYS, "extra"]), TEXT),
                        JSON_SCALARS,
                        max_size=6,
                    ),
                    st.just(GOOD),
                ),
                "comment": st.one_of(
                    JSON_SCALARS, st.just("<b>bold</b>"), st.just("y" * 3000)
                ),
            },
        ),
    )
)
def test_any_api_body_is_a_201_or_a_400(round_, bob, body):
    InterviewerFeedback.objects.all().delete()
    client = Client()
    client.force_login(bob)
    response = client.post(
        reverse("api-round-run", args=[round_.pk]),
        body,
        content_type="application/json",
    )
    assert response.status_code in (201, 400), response.content
    _whole_or_nothing()
    assert InterviewerFeedback.objects.exists() is (response.status_code == 201)


@pytest.mark.parametrize(
    ("comment", "message"),
    [
        ("a\x07b", "Remove the control characters"),
        ("z" * (COMMENT_LIMIT + 1), "under 2000 characters"),
    ],
)
def test_bad_comments_are_refused_with_a_clear_message(
    client, round_, bob, comment, message
):
    client.force_login(bob)
    response = client.post(
        reverse("feedback-round-run", args=[round_.pk]),
        {**{f"run-{key}": "3" for key in KEYS}, "run-comment": comment},
        follow=True,
    )
    assert message in response.content.decode()
    assert not InterviewerFeedback.objects.exists()


def test_a_missing_score_is_named(client, round_, bob):
    client.force_login(bob)
    response = client.post(
        reverse("feedback-round-run", args=[round_.pk]),
        {"run-clarity": "3", "run-hints": "3", "run-realism": "3"},
        follow=True,
    )
    assert "not rated yet: Time kept." in response.content.decode()
    assert not InterviewerFeedback.objects.exists()


def test_markup_is_shown_escaped(client, round_, alice, bob):
    client.force_login(bob)
    client.post(
        reverse("feedback-round-run", args=[round_.pk]),
        {
            **{f"run-{key}": "2" for key in KEYS},
            "run-comment": "<img src=x onerror=alert(1)>",
        },
    )
    write_scorecard(round_, 3)
    client.force_login(alice)
    page = client.get(reverse("feedback-round", args=[round_.pk])).content.decode()
    assert "<img src=x" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


def test_a_nul_byte_through_the_api_is_refused_with_a_message(client, round_, bob):
    client.force_login(bob)
    response = client.post(
        reverse("api-round-run", args=[round_.pk]),
        {"ratings": GOOD, "comment": "a\x00b"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "control characters" in response.content.decode()
    assert not InterviewerFeedback.objects.exists()
