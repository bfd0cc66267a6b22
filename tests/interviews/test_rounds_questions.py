"""The interviewer's questions: picked from the bank or drawn at random (of the part's
kind, never one the candidate solved), revealed in the room. Until then the candidate
learns only how many were chosen: not in the pages, not in the API."""

import json
import random
import re
from datetime import timedelta

import pytest
import time_machine

from core.errors import ApplicationError
from interviews.models import RoundQuestion, SegmentKind
from interviews.services.rounds import round_question_draw, round_question_pick
from questions.filters import QuestionFilters
from questions.models import Progress, ProgressStatus, RoundKind
from rooms.services.room import round_question_reveal
from tests.interviews.sessions_support import NOW, book
from tests.questions.factories import QuestionFactory


def room_view_in(page: str) -> dict:
    """The room's state as the page embeds it for its script."""
    found = re.search(
        r'<script id="room-state" type="application/json">(.*?)</script>', page, re.S
    )
    return json.loads(found.group(1))


pytestmark = pytest.mark.django_db

STARTS = NOW + timedelta(hours=2)
SECRET = "Merge the k sorted streams of sensor readings"


@pytest.fixture(autouse=True)
def frozen_now():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def session(alice, bob):
    # Round 1: Alice interviews Bob; round 2: Bob interviews Alice.
    return book(
        host=alice, partner=bob, swap=True, host_role="interviewer", starts_at=STARTS
    )


@pytest.fixture
def rounds(session):
    return list(session.rounds.order_by("order"))


@pytest.fixture
def coding(session):
    return session.format.segments.get(kind=SegmentKind.CODING)


@pytest.fixture
def secret():
    return QuestionFactory(
        title=SECRET, slug="k-sorted-streams", statement="Streams arrive **sorted**."
    )


def test_each_round_knows_its_interviewer_and_candidate(rounds, alice, bob):
    assert [(r.order, r.interviewer, r.candidate) for r in rounds] == [
        (0, alice, bob),
        (1, bob, alice),
    ]


def test_the_interviewer_picks_a_question_for_a_place(rounds, coding, alice, secret):
    chosen = round_question_pick(
        round_=rounds[0], by=alice, segment=coding, position=1, question=secret
    )

    assert (chosen.question, chosen.drawn_at_random, chosen.revealed_at) == (
        secret,
        False,
        None,
    )


def test_the_candidate_cannot_choose_their_own_questions(rounds, coding, bob, secret):
    with pytest.raises(ApplicationError, match="Only the round's interviewer"):
        round_question_pick(
            round_=rounds[0], by=bob, segment=coding, position=0, question=secret
        )
    assert not RoundQuestion.objects.exists()


def test_a_question_of_another_kind_or_place_is_refused(rounds, coding, alice):
    behavioral = QuestionFactory(kind=RoundKind.BEHAVIORAL)
    with pytest.raises(ApplicationError, match="for a coding question"):
        round_question_pick(
            round_=rounds[0], by=alice, segment=coding, position=0, question=behavioral
        )
    with pytest.raises(ApplicationError, match="2 question place"):
        round_question_pick(
            round_=rounds[0],
            by=alice,
            segment=coding,
            position=2,
            question=QuestionFactory(),
        )
    intro = coding.format.segments.get(kind=SegmentKind.INTRO)
    with pytest.raises(ApplicationError, match="no questions to choose"):
        round_question_pick(
            round_=rounds[0],
            by=alice,
            segment=intro,
            position=0,
            question=QuestionFactory(),
        )
    assert not RoundQuestion.objects.exists()


def test_the_draw_keeps_to_the_kind_and_skips_what_the_candidate_solved(
    rounds, coding, alice, bob
):
    solved = [QuestionFactory() for _ in range(4)]
    for question in solved:
        Progress.objects.create(
            user=bob, question=question, status=ProgressStatus.SOLVED
        )
    QuestionFactory(kind=RoundKind.BEHAVIORAL)
    QuestionFactory(kind=RoundKind.SYSTEM_DESIGN)
    fresh = QuestionFactory()

    for seed in range(15):
        drawn = round_question_draw(
            round_=rounds[0],
            by=alice,
            segment=coding,
            position=0,
            filters=QuestionFilters(),
            rng=random.Random(seed),
        )
        assert drawn.question == fresh
        assert drawn.drawn_at_random
        drawn.delete()


def test_the_draw_never_repeats_a_question_of_the_session(rounds, coding, alice, bob):
    first, second = QuestionFactory(), QuestionFactory()
    round_question_pick(
        round_=rounds[0], by=alice, segment=coding, position=0, question=first
    )

    drawn = round_question_draw(
        round_=rounds[1],
        by=bob,
        segment=coding,
        position=0,
        filters=QuestionFilters(),
        rng=random.Random(3),
    )

    assert drawn.question == second


def test_drawing_again_gives_another_question(rounds, coding, alice):
    questions = {QuestionFactory(), QuestionFactory()}
    arguments = {
        "round_": rounds[0],
        "by": alice,
        "segment": coding,
        "position": 0,
        "filters": QuestionFilters(),
    }
    first = round_question_draw(**arguments).question

    second = round_question_draw(**arguments).question

    assert {first, second} == questions
    assert RoundQuestion.objects.get().question == second
    # The first is free again for the other place; then nothing else is left.
    assert round_question_draw(**{**arguments, "position": 1}).question == first
    with pytest.raises(ApplicationError, match="No other coding question"):
        round_question_draw(**arguments)
    assert RoundQuestion.objects.get(position=0).question == second


def test_the_draw_says_so_when_nothing_is_left(rounds, coding, alice, bob):
    solved = QuestionFactory()
    Progress.objects.create(user=bob, question=solved, status=ProgressStatus.SOLVED)

    with pytest.raises(ApplicationError, match="No other coding question is left"):
        round_question_draw(
            round_=rounds[0],
            by=alice,
            segment=coding,
            position=0,
            filters=QuestionFilters(),
        )


def test_a_question_is_revealed_only_from_when_the_room_opens(
    frozen_now, rounds, coding, alice, bob, secret
):
    chosen = round_question_pick(
        round_=rounds[0], by=alice, segment=coding, position=0, question=secret
    )
    with pytest.raises(ApplicationError, match="Reveal questions in the room"):
        round_question_reveal(round_question=chosen, by=alice)

    frozen_now.move_to(STARTS - timedelta(minutes=10))
    with pytest.raises(ApplicationError, match="Only the round's interviewer"):
        round_question_reveal(round_question=chosen, by=bob)
    round_question_reveal(round_question=chosen, by=alice)

    chosen.refresh_from_db()
    assert chosen.revealed_at == STARTS - timedelta(minutes=10)
    with pytest.raises(ApplicationError, match="already revealed"):
        round_question_pick(
            round_=rounds[0],
            by=alice,
            segment=coding,
            position=0,
            question=QuestionFactory(),
        )


def test_the_candidate_sees_only_a_count_until_the_reveal(
    client, frozen_now, session, rounds, coding, alice, bob, secret
):
    chosen = round_question_pick(
        round_=rounds[0], by=alice, segment=coding, position=0, question=secret
    )
    round_question_pick(
        round_=rounds[0],
        by=alice,
        segment=coding,
        position=1,
        question=QuestionFactory(title="Second secret", slug="second-secret"),
    )
    client.force_login(bob)

    pages = [
        client.get(f"/sessions/{session.pk}/").content.decode(),
        client.get(f"/sessions/{session.pk}/room/").content.decode(),
    ]
    answer = client.get(f"/api/sessions/{session.pk}/")

    for text in [*pages, answer.content.decode()]:
        for hidden in (SECRET, "k-sorted-streams", "Second secret", "second-secret"):
            assert hidden not in text
    assert "2 questions chosen" in pages[0]
    first_round = answer.json()["rounds"][0]
    assert first_round["my_role"] == "candidate"
    assert (first_round["questions_chosen"], first_round["questions"]) == (2, [])

    frozen_now.move_to(STARTS)
    round_question_reveal(round_question=chosen, by=alice)

    room = client.get(f"/sessions/{session.pk}/room/").content.decode()
    assert SECRET in room
    (shown,) = room_view_in(room)["round"]["questions"]
    assert shown["statement_html"] == "<p>Streams arrive <strong>sorted</strong>.</p>"
    assert "hints" not in shown
    assert "Second secret" not in room
    answer = client.get(f"/api/sessions/{session.pk}/").json()
    assert [q["slug"] for q in answer["rounds"][0]["questions"]] == ["k-sorted-streams"]
    assert "second-secret" not in str(answer)


def test_the_interviewer_sees_the_chosen_questions_and_can_reveal(
    client, frozen_now, session, rounds, coding, alice, secret
):
    round_question_pick(
        round_=rounds[0], by=alice, segment=coding, position=0, question=secret
    )
    client.force_login(alice)

    assert SECRET in client.get(f"/sessions/{session.pk}/").content.decode()
    answer = client.get(f"/api/sessions/{session.pk}/").json()
    assert answer["rounds"][0]["questions"][0]["revealed"] is False

    frozen_now.move_to(STARTS + timedelta(minutes=6))
    view = room_view_in(client.get(f"/sessions/{session.pk}/room/").content.decode())
    (shown,) = view["round"]["questions"]
    assert (shown["title"], shown["revealed"]) == (SECRET, False)
    assert view["round"]["role"] == "interviewer"
    assert [s["label"] for s in view["round"]["segments"]][1] == "Coding"


def test_the_session_page_searches_the_bank_and_picks_by_title(
    client, session, rounds, coding, alice, secret
):
    QuestionFactory(title="Sorted squares")
    QuestionFactory(title="Streams of tweets", kind=RoundKind.SYSTEM_DESIGN)
    client.force_login(alice)
    slot = f"0-{coding.pk}-0"

    page = client.get(
        f"/sessions/{session.pk}/", {"slot": slot, "search": "sorted"}
    ).content.decode()

    assert SECRET in page and "Sorted squares" in page
    assert "Streams of tweets" not in page
    response = client.post(
        f"/sessions/{session.pk}/rounds/0/pick/",
        {"segment": coding.pk, "position": 0, "question": secret.slug},
    )
    assert response["Location"] == f"/sessions/{session.pk}/#slot-{slot}"
    assert RoundQuestion.objects.get().question == secret


def test_the_session_page_draws_at_random_within_a_difficulty(
    client, session, coding, alice
):
    QuestionFactory(difficulty=1)
    hard = QuestionFactory(difficulty=3)
    client.force_login(alice)

    client.post(
        f"/sessions/{session.pk}/rounds/0/draw/",
        {"segment": coding.pk, "position": 1, "difficulty": "hard"},
    )

    chosen = RoundQuestion.objects.get()
    assert (chosen.question, chosen.position, chosen.drawn_at_random) == (
        hard,
        1,
        True,
    )


def test_the_candidate_cannot_reveal_through_the_page(
    client, frozen_now, session, rounds, coding, alice, bob, secret
):
    chosen = round_question_pick(
        round_=rounds[0], by=alice, segment=coding, position=0, question=secret
    )
    frozen_now.move_to(STARTS)
    client.force_login(bob)

    response = client.post(f"/sessions/{session.pk}/questions/{chosen.pk}/reveal/")

    assert response.status_code == 404
    chosen.refresh_from_db()
    assert chosen.revealed_at is None


def test_the_room_page_names_each_round_and_my_part_in_it(
    client, frozen_now, session, bob
):
    client.force_login(bob)
    frozen_now.move_to(STARTS - timedelta(minutes=5))

    view = room_view_in(client.get(f"/sessions/{session.pk}/room/").content.decode())

    assert [(r["interviewer"], r["candidate"]) for r in view["rounds"]] == [
        ("Alice", "Bob"),
        ("Bob", "Alice"),
    ]
    assert view["round"]["order"] == 0
    assert view["round"]["role"] == "candidate"
    assert view["round"]["notes_pad"] is None
    assert view["round"]["clock"]["started_at"] is None


def test_picking_never_tells_a_candidate_which_questions_wait_for_them(
    rounds, coding, alice, bob, secret
):
    # Alice interviews Bob in round 1 and picks the secret question for him.
    round_question_pick(
        round_=rounds[0], by=alice, segment=coding, position=0, question=secret
    )

    # Bob, choosing for round 2, may pick the same one: a refusal would reveal it.
    chosen = round_question_pick(
        round_=rounds[1], by=bob, segment=coding, position=0, question=secret
    )
    assert chosen.question == secret

    # Alice's own choices still may not repeat within what she can see.
    with pytest.raises(ApplicationError, match="already chosen in this session"):
        round_question_pick(
            round_=rounds[0], by=alice, segment=coding, position=1, question=secret
        )
