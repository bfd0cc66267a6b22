"""What happens inside a part of a round, step by step: the guide the room shows and
the interviewer moves through, and the outline a pad starts from.

The coding steps and their minutes follow the five-step approach of seed 002; ML
system design follows its steps (minutes here are this product's split of a 35-minute
part); behavioral follows STAR with a reflection at the end.
"""

from interviews.models import SegmentKind

CODING_STEPS = (
    ("Clarify", 3),
    ("Plan", 5),
    ("Code", 5),
    ("Dry run", 2),
    ("Close", 2),
)
ML_SYSTEM_DESIGN_STEPS = (
    ("Clarify requirements", 5),
    ("Frame as an ML task", 4),
    ("Data and labels", 5),
    ("Features", 5),
    ("Model and loss", 6),
    ("Offline and online evaluation", 5),
    ("Serving and monitoring", 5),
)
BEHAVIORAL_STEPS = (
    ("Situation", 2),
    ("Task", 1),
    ("Action", 4),
    ("Result", 2),
    ("Reflection", 1),
)

PHASES: dict[str, tuple[tuple[str, int], ...]] = {
    SegmentKind.CODING: CODING_STEPS,
    SegmentKind.ML_CODING: CODING_STEPS,
    SegmentKind.ML_SYSTEM_DESIGN: ML_SYSTEM_DESIGN_STEPS,
    SegmentKind.BEHAVIORAL: BEHAVIORAL_STEPS,
}


def phases_of(kind: str) -> tuple[tuple[str, int], ...]:
    """The steps of a part of this kind; none for talk (intro, questions) and for
    kinds without a fixed order of steps."""
    return PHASES.get(kind, ())


def _outline(title: str, steps) -> str:
    lines = [f"# {title}", ""]
    for name, _ in steps:
        lines += [f"## {name}", "", ""]
    return "\n".join(lines)


PAD_TEMPLATES: dict[str, str] = {
    SegmentKind.ML_SYSTEM_DESIGN: _outline("ML system design", ML_SYSTEM_DESIGN_STEPS),
    SegmentKind.BEHAVIORAL: _outline("Story (STAR)", BEHAVIORAL_STEPS),
}


def pad_template(kind: str) -> str:
    """The text a round's shared pad starts with: an outline for ML system design
    and behavioral rounds, nothing for coding (a blank notepad, as in real rounds)."""
    return PAD_TEMPLATES.get(kind, "")
