"""Reading the browse list page by page (the fast path the API uses on a large bank)
gives exactly question_browse's list: the same questions in the same order, with the
same frequency, and the same count, for any mix of filters and any page size."""

import random

import pytest
from django.core.paginator import EmptyPage
from django.http import QueryDict
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from questions.filters import ORDERINGS, filters_from_params
from questions.models import (
    CompanyTag,
    Difficulty,
    Progress,
    ProgressStatus,
    RoundKind,
    Window,
)
from questions.selectors.browse import question_browse
from questions.selectors.browse_pages import BrowsePaginator, question_browse_pages
from tests.questions.factories import CompanyFactory, QuestionFactory, TopicFactory

TOPICS = ["graphs", "heaps", "intervals"]
COMPANIES = ["meta", "google", "x"]
KINDS = [RoundKind.CODING, RoundKind.SYSTEM_DESIGN]

# The browse code has SQLite branches: make test runs these under make run too.
pytestmark = pytest.mark.embedded


@pytest.fixture
def bank(db, alice):
    rng = random.Random(11)
    topics = {slug: TopicFactory(slug=slug, name=slug.title()) for slug in TOPICS}
    companies = {
        slug: CompanyFactory(slug=slug, name=slug.upper()) for slug in COMPANIES
    }
    for _ in range(36):
        question = QuestionFactory(
            # Few titles and few frequencies: ties that the order must break alike.
            title=rng.choice(["Alpha task", "Beta task", "Gamma task"]),
            kind=rng.choice(KINDS),
            # None: a list gave no difficulty (unrated).
            difficulty=rng.choice([*Difficulty, None]),
            statement=rng.choice(
                ["Merge the intervals.", "Balance the heap.", "Walk the graph."]
            ),
            topics=[topics[slug] for slug in rng.sample(TOPICS, rng.randint(0, 2))],
        )
        for company in rng.sample(COMPANIES, rng.randint(0, 3)):
            for window in rng.sample(Window.values, rng.randint(1, 3)):
                CompanyTag.objects.create(
                    question=question,
                    company=companies[company],
                    window=window,
                    frequency=rng.choice([10.0, 25.0, 50.0]),
                )
        if rng.random() < 0.25:
            Progress.objects.create(
                user=alice, question=question, status=ProgressStatus.SOLVED
            )


@pytest.fixture
def api_client(client, alice):
    client.force_login(alice)
    return client


filter_mixes = st.fixed_dictionaries(
    {},
    optional={
        "kind": st.lists(st.sampled_from(list(map(str, KINDS))), max_size=1),
        "difficulty": st.lists(st.sampled_from(["easy", "medium", "hard"]), max_size=2),
        "topic": st.lists(st.sampled_from(TOPICS), max_size=2),
        "company": st.lists(st.sampled_from(COMPANIES), max_size=2),
        "window": st.sampled_from(Window.values),
        "search": st.sampled_from(["interval", "heap", "walk graph", "nothing"]),
        "ordering": st.sampled_from(list(ORDERINGS)),
        "unsolved": st.just("true"),
    },
)


def query_dict(params: dict) -> QueryDict:
    query = QueryDict(mutable=True)
    for key, value in params.items():
        for item in value if isinstance(value, list) else [value]:
            query.appendlist(key, item)
    return query


@pytest.mark.django_db
@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(params=filter_mixes, page_size=st.integers(min_value=1, max_value=7))
def test_every_page_holds_the_same_questions_as_the_list(
    bank, alice, params, page_size
):
    filters = filters_from_params(query_dict(params))
    expected = [
        (question.slug, question.frequency)
        for question in question_browse(filters=filters, user=alice)
    ]

    pages = question_browse_pages(filters=filters, user=alice)
    last = max(1, -(-len(expected) // page_size))
    counts, found = set(), []
    for number in range(1, last + 1):
        # A fresh paginator each time: every page must bring the right count.
        paginator = BrowsePaginator(pages, page_size)
        found += [(q.slug, q.frequency) for q in paginator.page(number)]
        counts.add(paginator.count)

    assert counts == {len(expected)}
    assert found == expected
    with pytest.raises(EmptyPage):
        BrowsePaginator(pages, page_size).page(last + 1)


def test_a_deep_page_of_a_company_list_is_its_slice_of_the_whole_list(api_client):
    meta = CompanyFactory(slug="meta", name="Meta")
    for number in range(40):
        question = QuestionFactory(title=f"Question {number % 7}")
        CompanyTag.objects.create(
            question=question, company=meta, window="6m", frequency=number % 4 * 10
        )
    whole = api_client.get("/api/questions/?company=meta&window=6m&page_size=40")

    page = api_client.get("/api/questions/?company=meta&window=6m&page_size=6&page=4")

    assert page.json()["count"] == 40
    assert page.json()["results"] == whole.json()["results"][18:24]
