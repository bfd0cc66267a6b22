"""Whatever a signed-in person sends to solo practice's forms (any question, any
set item, any nudge or answer name, any outcome, rating and note), the answer is a
page, a redirect with a message, a 400 that says why, or a 404 - never a 500 - and
nothing is half written: no session without its practice, no attempt without a
rating, no nudge or opened answer that the clock did not allow."""

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interviews.models import MockSession
from practice.models import PracticeNudge, SoloPractice
from practice.services.solo import solo_practice_start
from questions.models import Attempt
from tests.factories import UserFactory
from tests.questions.factories import QuestionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=30,
)
NUMBERS = st.integers(min_value=-(2**40), max_value=2**40).map(str)
ANY = st.one_of(TEXT, NUMBERS, st.just(""))
SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def practising(alice):
    question = QuestionFactory(slug="merge-the-bookings")
    return solo_practice_start(user=alice, question=question)


def fresh_practice(user) -> SoloPractice:
    """Each example its own practice: one example's end must not hide the next's."""
    return solo_practice_start(user=user, question=QuestionFactory())


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@SETTINGS
@given(
    question=st.one_of(ANY, st.just("merge-the-bookings")), item=ANY, as_=st.booleans()
)
def test_any_start_is_a_room_a_message_or_a_404(practising, alice, question, item, as_):
    user = alice if as_ else UserFactory()
    response = client_of(user).post(
        "/practice/solo/start/", {"question": question, "item": item}
    )
    assert response.status_code in (302, 404)
    # Every session made has its practice, and nobody else's set item was taken.
    assert MockSession.objects.filter(is_solo=True).count() == (
        SoloPractice.objects.count()
    )
    assert not SoloPractice.objects.exclude(daily_set_item=None).exists()


@SETTINGS
@given(
    action=st.sampled_from(["nudges", "answers"]),
    name=st.one_of(ANY, st.sampled_from(["first_hint", "outline", "coding_long"])),
    what=st.one_of(ANY, st.sampled_from(["hint", "outline", "give_up"])),
    json=st.booleans(),
)
def test_nudges_and_answers_before_the_clock_allows_change_nothing(
    alice, action, name, what, json
):
    practising = fresh_practice(alice)
    headers = {"HTTP_ACCEPT": "application/json"} if json else {}
    response = client_of(alice).post(
        f"/practice/solo/{practising.pk}/{action}/",
        {"name": name, "what": what},
        **headers,
    )
    practising.refresh_from_db()
    if action == "answers" and what == "give_up":
        assert response.status_code in (200, 302)
        assert practising.answers_opened_at is not None
        return
    assert response.status_code == (400 if json else 302)
    if json:
        assert response.json()["error"]
    assert not PracticeNudge.objects.filter(practice=practising).exists()
    assert practising.answers_opened_at is None


@SETTINGS
@given(outcome=ANY, rating=ANY, note=st.one_of(TEXT, st.just("x" * 5001)))
def test_a_bad_end_logs_nothing_and_says_why(alice, outcome, rating, note):
    practising = fresh_practice(alice)
    response = client_of(alice).post(
        f"/practice/solo/{practising.pk}/finish/",
        {"outcome": outcome, "rating": rating, "note": note},
        follow=True,
    )
    assert response.status_code == 200
    valid = outcome in {"solved", "solved_with_help", "not_solved"} and rating in {
        "1",
        "2",
        "3",
        "4",
    }
    if not valid or len(note) > 5000:
        assert not Attempt.objects.filter(progress__question=practising.question)
        assert list(response.context["messages"])
