"""The short rubric on which a candidate rates how their round was run. Fixed in
code, not data: four criteria, each with what a 1, 2, 3 and 4 look like, so that
an interviewer's trend compares like with like across every round."""

from dataclasses import dataclass


@dataclass(frozen=True)
class RoundRunCriterion:
    key: str
    title: str
    levels: tuple[str, str, str, str]


CRITERIA = (
    RoundRunCriterion(
        "clarity",
        "Clarity of the question",
        (
            "I could not tell what was asked, even after asking.",
            "The question became clear only after several rounds of questions.",
            "Clear once I asked a question or two.",
            "Clear from the start, with the constraints I needed.",
        ),
    ),
    RoundRunCriterion(
        "hints",
        "Timing and usefulness of hints",
        (
            "Hints gave the answer away, or never came while I was stuck.",
            "Hints came late or said little I could use.",
            "Hints came when I was stuck and moved me on.",
            "Hints nudged at the right moment without giving the answer away.",
        ),
    ),
    RoundRunCriterion(
        "realism",
        "Realism",
        (
            "Nothing like a real interview.",
            "Parts felt like a real interview; much did not.",
            "Close to a real interview.",
            "Felt like the real thing, pressure included.",
        ),
    ),
    RoundRunCriterion(
        "time",
        "Time kept",
        (
            "The clock was ignored: we ran far over, or stopped far short.",
            "The parts ran over or were cut short.",
            "Mostly on time, with a part a few minutes out.",
            "Every part on time, with warnings before time ran out.",
        ),
    ),
)
KEYS = tuple(criterion.key for criterion in CRITERIA)
COMMENT_LIMIT = 2000
