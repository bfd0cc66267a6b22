"""The browse selector returns exactly what a plain-Python reading of the filter rules
returns, for any mix of filters (hypothesis draws the mixes)."""

import random

import pytest
from django.http import QueryDict
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from questions.filters import ORDERINGS, filters_from_params
from questions.models import (
    CompanyTag,
    Difficulty,
    Progress,
    ProgressStatus,
    Question,
    RoundKind,
    Window,
)
from questions.selectors.browse import question_browse
from tests.questions.factories import CompanyFactory, QuestionFactory, TopicFactory

TOPICS = ["graphs", "heaps", "intervals", "trees"]
COMPANIES = ["meta", "google", "x"]
KINDS = [RoundKind.CODING, RoundKind.SYSTEM_DESIGN, RoundKind.BEHAVIORAL]

# The browse code has SQLite branches: make test runs these under make run too.
pytestmark = pytest.mark.embedded


@pytest.fixture
def bank(db, alice):
    rng = random.Random(7)
    topics = {slug: TopicFactory(slug=slug, name=slug.title()) for slug in TOPICS}
    companies = {
        slug: CompanyFactory(slug=slug, name=slug.upper()) for slug in COMPANIES
    }
    questions = []
    for number in range(40):
        question = QuestionFactory(
            title=f"{rng.choice(['Alpha', 'Beta', 'Gamma'])} task {number:02d}",
            kind=rng.choice(KINDS),
            # None: a list gave no difficulty (unrated).
            difficulty=rng.choice([*Difficulty, None]),
            statement=rng.choice(
                ["Merge the intervals.", "Balance the heap.", "Walk the graph."]
            ),
            topics=[topics[slug] for slug in rng.sample(TOPICS, rng.randint(0, 2))],
        )
        for company in rng.sample(COMPANIES, rng.randint(0, 2)):
            for window in rng.sample(Window.values, rng.randint(1, 2)):
                CompanyTag.objects.create(
                    question=question,
                    company=companies[company],
                    window=window,
                    frequency=rng.choice([10.0, 25.0, 50.0, 100.0]),
                )
        if rng.random() < 0.3:
            question.last_asked_on = f"2026-{rng.randint(1, 11):02d}-01"
            question.save()
        if rng.random() < 0.25:
            Progress.objects.create(
                user=alice, question=question, status=ProgressStatus.SOLVED
            )
        questions.append(question)
    return questions


def reference(params: dict, alice) -> list[str]:
    """The filter rules written plainly, over Python objects."""
    kinds = set(params.get("kind", []))
    levels = {Difficulty.from_name(name).value for name in params.get("difficulty", [])}
    topics = set(params.get("topic", []))
    companies = set(params.get("company", []))
    window = params.get("window")
    solved = set(
        Progress.objects.filter(user=alice, status=ProgressStatus.SOLVED).values_list(
            "question_id", flat=True
        )
    )
    rows = []
    for question in Question.objects.prefetch_related(
        "topics", "company_tags__company"
    ):
        tags = [
            tag
            for tag in question.company_tags.all()
            if (not companies or tag.company.slug in companies)
            and (not window or tag.window == window)
        ]
        if kinds and question.kind not in kinds:
            continue
        if levels and question.difficulty not in levels:
            continue
        if topics and not topics & {topic.slug for topic in question.topics.all()}:
            continue
        if (companies or window) and not tags:
            continue
        if params.get("unsolved") and question.id in solved:
            continue
        frequency = max((tag.frequency for tag in tags), default=None)
        rows.append((question, frequency))
    ordering = params.get("ordering") or (
        "-frequency" if companies or window else "title"
    )
    keys = {
        "-frequency": lambda row: (
            row[1] is None,
            -(row[1] or 0),
            row[0].title,
            row[0].id,
        ),
        "-recent": lambda row: (
            row[0].last_asked_on is None,
            -(row[0].last_asked_on.toordinal() if row[0].last_asked_on else 0),
            row[0].title,
            row[0].id,
        ),
        "difficulty": lambda row: (
            row[0].difficulty is None,
            row[0].difficulty or 0,
            row[0].title,
            row[0].id,
        ),
        "title": lambda row: (row[0].title, row[0].id),
    }
    return [row[0].slug for row in sorted(rows, key=keys[ordering])]


filter_mixes = st.fixed_dictionaries(
    {},
    optional={
        "kind": st.lists(st.sampled_from(list(map(str, KINDS))), max_size=2),
        "difficulty": st.lists(st.sampled_from(["easy", "medium", "hard"]), max_size=2),
        "topic": st.lists(st.sampled_from(TOPICS), max_size=2),
        "company": st.lists(st.sampled_from(COMPANIES), max_size=2),
        "window": st.sampled_from(Window.values),
        "ordering": st.sampled_from(list(ORDERINGS)),
        "unsolved": st.just("true"),
    },
)


@pytest.mark.django_db
@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(params=filter_mixes)
def test_browse_matches_the_plain_python_reference(bank, alice, params):
    query = QueryDict(mutable=True)
    for key, value in params.items():
        for item in value if isinstance(value, list) else [value]:
            query.appendlist(key, item)

    filters = filters_from_params(query)
    found = [question.slug for question in question_browse(filters=filters, user=alice)]

    assert found == reference(params, alice)
