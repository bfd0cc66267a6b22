"""Whatever the review-queue form is sent (any round id, any question text, any
`all`), the answer is a redirect for the round's candidate or a 404, never a 500,
and only questions the round offers them ever reach their queue."""

import datetime as dt

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interviews.models import RoundQuestion
from questions.models import Progress
from rooms.models import GivenHint
from tests.feedback.support import finished_session, rounds_of
from tests.questions.factories import QuestionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=24,
)
NUMBERS = st.integers(min_value=-(2**40), max_value=2**40).map(str)


@pytest.fixture
def offered(alice, bob):
    round_ = rounds_of(finished_session(host=alice, partner=bob, swap=False))[0]
    coding = round_.session.format.segments.get(kind="coding")
    hinted, plain = (
        RoundQuestion.objects.create(
            round=round_,
            segment=coding,
            position=position,
            question=QuestionFactory(),
            revealed_at=round_.started_at,
        )
        for position in range(2)
    )
    GivenHint.objects.create(
        round_question=hinted,
        number=1,
        given_at=round_.started_at + dt.timedelta(minutes=3),
    )
    return round_, hinted.question_id


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    who=st.sampled_from(["candidate", "interviewer"]),
    round_id=st.one_of(st.just(None), st.integers(min_value=0, max_value=2**31 - 1)),
    question=st.one_of(TEXT, NUMBERS, st.just("HINTED")),
    everything=st.one_of(st.just(""), TEXT),
)
def test_any_post_is_a_redirect_or_a_404(
    offered, alice, bob, who, round_id, question, everything
):
    round_, hinted_id = offered
    client = Client()
    client.force_login(bob if who == "candidate" else alice)
    round_id = round_.pk if round_id is None else round_id
    question = str(hinted_id) if question == "HINTED" else question

    response = client.post(
        f"/feedback/rounds/{round_id}/review-queue/",
        {"question": question, "all": everything},
    )

    assert response.status_code in (302, 404)
    assert set(Progress.objects.values_list("user_id", "question_id")) <= {
        (bob.pk, hinted_id)
    }
