"""The built-in rubrics, one per round kind: what each competency is, and what a 1
(strong no), 2, 3 and 4 (strong yes) look like in a round of that kind. A data
migration loads them; an admin edits them as new versions."""

# (key, title, (what 1 looks like, 2, 3, 4))
Criterion = tuple[str, str, tuple[str, str, str, str]]

COMMUNICATION: Criterion = (
    "communication",
    "Communication",
    (
        "Works in silence or talks past the interviewer; hints do not land.",
        "Explains some steps, but the interviewer often has to ask what is going on.",
        "Thinks aloud, explains choices before making them, takes hints well.",
        "Leads the conversation: checks in at each step, makes the reasoning easy "
        "to follow and invites pushback.",
    ),
)

CODING: list[Criterion] = [
    (
        "clarifying",
        "Understanding and clarifying",
        (
            "Starts coding on a wrong or partial reading of the problem.",
            "Restates the problem but misses important constraints or inputs.",
            "Asks about input sizes, edge cases and expected output before planning.",
            "Pins down the problem with examples of their own and surfaces the "
            "ambiguities that matter.",
        ),
    ),
    (
        "approach",
        "Approach and algorithm choice",
        (
            "No working approach, even with hints.",
            "Reaches a brute-force idea, or a better one only with strong hints.",
            "Finds a suitable approach, compares it with the naive one, needs few "
            "hints.",
            "Finds the best approach unaided and weighs alternatives with their costs.",
        ),
    ),
    (
        "code_quality",
        "Code quality",
        (
            "Code does not express the idea, or would not run.",
            "Works in parts; unclear names, duplication, or off-by-one mistakes.",
            "Correct, readable code with sensible names and structure.",
            "Clean, idiomatic code written quickly; helpers and data structures fit "
            "the problem.",
        ),
    ),
    (
        "verification",
        "Verification: edge cases and dry run",
        (
            "Does not test the code; bugs are pointed out by the interviewer.",
            "Tests only the happy path, or only when asked.",
            "Dry-runs an example and checks the main edge cases, finding own bugs.",
            "Tests methodically with chosen cases (empty, single, large, duplicates) "
            "and fixes what they find without prompting.",
        ),
    ),
    (
        "complexity",
        "Complexity analysis",
        (
            "Cannot state the time or space cost.",
            "States a cost that is wrong or only with help.",
            "Gives correct time and space complexity for the solution.",
            "Gives exact costs for each part, and knows when and how they could "
            "improve.",
        ),
    ),
    COMMUNICATION,
]

DESIGN: list[Criterion] = [
    (
        "requirements",
        "Requirements and use cases",
        (
            "Designs without asking what the system must do.",
            "Gathers some use cases but misses central ones.",
            "Lists the use cases and actors, and agrees the scope.",
            "Drives the scope, separating core from optional features with the "
            "interviewer.",
        ),
    ),
    (
        "modelling",
        "Classes and responsibilities",
        (
            "No coherent classes, or one class that does everything.",
            "Classes exist but responsibilities overlap or are misplaced.",
            "Clear classes with single responsibilities and sensible relations.",
            "A model that reads like the domain, with the right abstractions and "
            "no more.",
        ),
    ),
    (
        "extensibility",
        "Extensibility and patterns",
        (
            "A new requirement would mean rewriting the design.",
            "Some seams, but extensions need changes in many places.",
            "New features fit with local changes; patterns used where they help.",
            "Anticipates likely changes and explains the trade-offs of each pattern "
            "chosen.",
        ),
    ),
    (
        "interfaces",
        "Interfaces and code",
        (
            "No usable interfaces or method signatures.",
            "Interfaces that leak internals or miss key operations.",
            "Clean public methods and data types, with code for the core paths.",
            "Precise, minimal interfaces, with error cases and concurrency handled.",
        ),
    ),
    COMMUNICATION,
]

SYSTEM_DESIGN: list[Criterion] = [
    (
        "requirements",
        "Requirements and scope",
        (
            "Starts drawing boxes without requirements.",
            "Functional requirements only; no numbers.",
            "Functional and non-functional requirements with rough scale estimates.",
            "Sharp scope with estimates that then drive the design's choices.",
        ),
    ),
    (
        "architecture",
        "High-level architecture",
        (
            "No end-to-end design that would work.",
            "A design with gaps or components whose role is unclear.",
            "A complete design covering the main flows, data stores and APIs.",
            "A simple, complete design whose every component is justified.",
        ),
    ),
    (
        "deep_dive",
        "Deep dive and data model",
        (
            "Cannot go deeper into any component.",
            "Goes deeper only with guidance; data model vague.",
            "Solid data model and a sound deep dive into a key component.",
            "Deep dives into the hardest parts unprompted, with concrete details.",
        ),
    ),
    (
        "scale",
        "Scale and reliability",
        (
            "Ignores load, failure and bottlenecks.",
            "Mentions scaling terms without applying them.",
            "Finds the bottlenecks and addresses caching, sharding or replication.",
            "Designs for failure and growth, with numbers behind each choice.",
        ),
    ),
    (
        "tradeoffs",
        "Trade-offs",
        (
            "Presents one option as the only one.",
            "Names alternatives but cannot compare them.",
            "Compares options on consistency, latency, cost and complexity.",
            "Makes trade-offs explicit at every step and revisits them as the "
            "requirements change.",
        ),
    ),
    COMMUNICATION,
]

ML_SYSTEM_DESIGN: list[Criterion] = [
    (
        "requirements",
        "Requirements and scope",
        (
            "Jumps to a model without asking what the product needs.",
            "Some requirements; no business metric or constraints.",
            "Clear goal, business metric, scale and latency constraints.",
            "Sharp scope that shapes every later choice, agreed with the interviewer.",
        ),
    ),
    (
        "framing",
        "Framing as an ML task",
        (
            "No clear ML formulation.",
            "A formulation that does not match the product goal.",
            "A fitting task (classification, ranking, ...) with inputs and outputs.",
            "Compares framings and picks one for reasons tied to the goal.",
        ),
    ),
    (
        "data",
        "Data and labels",
        (
            "Does not say where training data comes from.",
            "Names data sources but not labels, bias or leakage.",
            "Sources, labelling and splits covered, with known pitfalls.",
            "Thorough data plan: feedback loops, sampling, leakage and privacy.",
        ),
    ),
    (
        "features",
        "Features",
        (
            "No features beyond the raw input.",
            "A few generic features.",
            "Relevant features for each entity, with how they are computed.",
            "Rich, well-argued features, including freshness and cost to serve.",
        ),
    ),
    (
        "modelling",
        "Model and loss",
        (
            "No model, or one that cannot fit the task.",
            "A model named without reasons; loss unclear.",
            "A suitable model and loss, with a simple baseline first.",
            "Compares models with their trade-offs and chooses the loss carefully.",
        ),
    ),
    (
        "evaluation",
        "Offline and online evaluation",
        (
            "No way to tell whether the model works.",
            "Offline metrics only, or metrics that do not fit the task.",
            "Offline metrics and an online A/B test tied to the business metric.",
            "A complete plan including guardrails, slices and how offline predicts "
            "online.",
        ),
    ),
    (
        "serving",
        "Serving, scale and monitoring",
        (
            "Does not say how predictions reach users.",
            "A serving path without latency or scale considered.",
            "Serving architecture that meets latency, with monitoring of drift.",
            "Candidate generation, caching, retraining and monitoring worked out "
            "at scale.",
        ),
    ),
    (
        "tradeoffs",
        "Trade-offs",
        (
            "Presents one option as the only one.",
            "Names alternatives but cannot compare them.",
            "Weighs accuracy against latency, cost and complexity.",
            "Trade-offs explicit at every step, revisited as constraints change.",
        ),
    ),
]

ML_CODING: list[Criterion] = [
    (
        "clarifying",
        "Understanding and clarifying",
        (
            "Starts without understanding the shapes or the task.",
            "Misses key details such as shapes, batching or numerical limits.",
            "Clarifies inputs, shapes and expected behaviour before coding.",
            "Pins down the interface and the numerical concerns up front.",
        ),
    ),
    (
        "ml_correctness",
        "ML correctness",
        (
            "The maths or the algorithm is wrong.",
            "Right idea with mistakes in shapes, gradients or the training loop.",
            "A correct implementation of the method.",
            "Correct and numerically stable, with the subtle cases handled.",
        ),
    ),
    (
        "code_quality",
        "Code quality",
        (
            "Code does not express the idea.",
            "Works in parts; loops where vectorised code is expected.",
            "Clear, vectorised code with sensible structure.",
            "Clean, efficient code close to what a library would ship.",
        ),
    ),
    (
        "verification",
        "Verification",
        (
            "Does not check the code.",
            "Checks only when asked.",
            "Checks shapes and a small example by hand.",
            "Tests methodically, including gradients and edge cases.",
        ),
    ),
    COMMUNICATION,
]

ML_FUNDAMENTALS: list[Criterion] = [
    (
        "correctness",
        "Correctness",
        (
            "Answers are wrong on basic concepts.",
            "Mostly right, with errors on important details.",
            "Correct answers to the questions asked.",
            "Correct and precise, including edge cases and assumptions.",
        ),
    ),
    (
        "depth",
        "Depth",
        (
            "Only buzzwords.",
            "Surface-level explanations that stall on follow-ups.",
            "Explains the why behind methods and handles follow-ups.",
            "Derives results and connects them to practice and recent work.",
        ),
    ),
    (
        "intuition",
        "Intuition",
        (
            "Cannot explain why a method works or fails.",
            "Some intuition, not applied to new situations.",
            "Clear intuition, applied to the examples discussed.",
            "Predicts behaviour in unfamiliar settings and explains it simply.",
        ),
    ),
    COMMUNICATION,
]

BEHAVIORAL: list[Criterion] = [
    (
        "structure",
        "Structure of the story",
        (
            "Rambling stories without a clear point.",
            "Some structure, but the situation or result is missing.",
            "Clear situation, task, action and result.",
            "Concise, well-paced stories that answer exactly what was asked.",
        ),
    ),
    (
        "impact",
        "Scope and impact, with numbers",
        (
            "No visible impact.",
            "Impact claimed without evidence or numbers.",
            "Impact with numbers at the scope of the level aimed for.",
            "Impact beyond the team, measured, at or above the level aimed for.",
        ),
    ),
    (
        "ownership",
        "Ownership",
        (
            "Describes what others did, or blames them.",
            "Says 'we' throughout; own part unclear.",
            "Clear about own decisions and actions.",
            "Drove the outcome, took hard calls and owned the mistakes.",
        ),
    ),
    (
        "collaboration",
        "Collaboration and conflict",
        (
            "Conflict avoided or handled badly.",
            "Resolved conflict, but by escalating or giving in.",
            "Resolved disagreement with empathy and data.",
            "Built alignment across teams and left relationships stronger.",
        ),
    ),
    (
        "reflection",
        "Reflection and growth",
        (
            "No lessons drawn.",
            "Generic lessons.",
            "Specific lessons and what they changed afterwards.",
            "Deep self-awareness, with lessons applied and shared with others.",
        ),
    ),
]

BUILTIN_RUBRICS: dict[str, tuple[str, list[Criterion]]] = {
    "coding": ("Coding round", CODING),
    "design": ("Object-oriented design round", DESIGN),
    "system_design": ("System design round", SYSTEM_DESIGN),
    "ml_system_design": ("ML system design round", ML_SYSTEM_DESIGN),
    "ml_coding": ("ML coding round", ML_CODING),
    "ml_fundamentals": ("ML fundamentals round", ML_FUNDAMENTALS),
    "behavioral": ("Behavioral round", BEHAVIORAL),
}


def rubrics_install(rubric_model, criterion_model) -> None:
    """Version 1 of every built-in rubric that is missing (models given, so that a
    migration can pass its historical ones)."""
    for kind, (title, criteria) in BUILTIN_RUBRICS.items():
        if rubric_model.objects.filter(kind=kind).exists():
            continue
        rubric = rubric_model.objects.create(kind=kind, version=1, title=title)
        criterion_model.objects.bulk_create(
            criterion_model(
                rubric=rubric,
                order=order,
                key=key,
                title=criterion_title,
                level_1=levels[0],
                level_2=levels[1],
                level_3=levels[2],
                level_4=levels[3],
            )
            for order, (key, criterion_title, levels) in enumerate(criteria)
        )
