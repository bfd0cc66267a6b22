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


def phases_in_part(
    kind: str, *, minutes: int, questions: int
) -> tuple[tuple[str, int], ...]:
    """The steps of a part as the room times them: they fill the part. Each question
    goes through every step (the room starts the steps again for the next one), so
    one pass gets the part's minutes over its questions. "Code" takes what the
    other steps leave (a 35-minute coding part codes for 23 minutes, not 5); steps
    without one are the guide's minutes scaled, whole minutes that add up."""
    steps = phases_of(kind)
    if not steps:
        return ()
    budget = max(minutes // max(questions, 1), len(steps))
    others = sum(m for name, m in steps if name != "Code")
    if any(name == "Code" for name, _ in steps) and budget - others >= 1:
        return tuple(
            (name, budget - others if name == "Code" else m) for name, m in steps
        )
    guide = sum(m for _, m in steps)
    exact = [m * budget / guide for _, m in steps]
    scaled = [max(1, int(each)) for each in exact]
    # Largest remainders first, until the whole minutes add up to the budget.
    by_remainder = sorted(
        range(len(steps)), key=lambda i: exact[i] - int(exact[i]), reverse=True
    )
    for index in by_remainder[: max(budget - sum(scaled), 0)]:
        scaled[index] += 1
    while sum(scaled) > budget:
        largest = scaled.index(max(scaled))
        scaled[largest] -= 1
    return tuple((name, m) for (name, _), m in zip(steps, scaled, strict=True))


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
