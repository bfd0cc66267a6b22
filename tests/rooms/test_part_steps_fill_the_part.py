"""The steps the room times fill their part: each question of the part goes through
every step, "Code" takes what the other steps leave, and guides without it are
scaled to whole minutes that add up. No step is ever shorter than a minute."""

import pytest

from interviews.models import SegmentKind
from rooms.phases import phases_in_part, phases_of

KINDS_WITH_STEPS = [
    SegmentKind.CODING,
    SegmentKind.ML_CODING,
    SegmentKind.ML_SYSTEM_DESIGN,
    SegmentKind.BEHAVIORAL,
]


def test_a_35_minute_coding_part_codes_for_23_minutes():
    assert phases_in_part(SegmentKind.CODING, minutes=35, questions=1) == (
        ("Clarify", 3),
        ("Plan", 5),
        ("Code", 23),
        ("Dry run", 2),
        ("Close", 2),
    )


@pytest.mark.parametrize("kind", KINDS_WITH_STEPS)
@pytest.mark.parametrize("minutes", [10, 15, 20, 30, 35, 45, 60])
@pytest.mark.parametrize("questions", [1, 2, 3])
def test_the_steps_of_one_question_fill_its_share_of_the_part(kind, minutes, questions):
    steps = phases_in_part(kind, minutes=minutes, questions=questions)
    share = minutes // questions

    assert [name for name, _ in steps] == [name for name, _ in phases_of(kind)]
    assert all(m >= 1 for _, m in steps)
    assert sum(m for _, m in steps) == max(share, len(steps))


def test_talk_parts_have_no_steps():
    assert phases_in_part(SegmentKind.INTRO, minutes=5, questions=0) == ()
