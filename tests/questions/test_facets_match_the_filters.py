"""Each facet count is the number of questions its value would show: the same
filters with that one value chosen in its own dimension instead (LeetCode's rule),
for any mix of filters (hypothesis draws the mixes). The list itself is checked
against a plain-Python reference in test_browse_filters_match_reference."""

from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings

from questions.filters import filters_from_params
from questions.models import Company, Difficulty, Topic
from questions.selectors.browse import question_facets, question_filter

# The reference test's bank and filter mixes: both tests read the same questions.
from tests.questions.test_browse_filters_match_reference import (
    bank,  # noqa: F401 (a fixture)
    filter_mixes,
)
from tests.questions.test_browse_pages_match_the_list import query_dict

# The browse code has SQLite branches: make test runs these under make run too.
pytestmark = pytest.mark.embedded


def shown(filters, alice, **chosen) -> int:
    return question_filter(filters=replace(filters, **chosen), user=alice).count()


@pytest.mark.django_db
@pytest.mark.usefixtures("bank")
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(params=filter_mixes)
def test_every_facet_counts_what_choosing_it_would_show(alice, params):
    filters = filters_from_params(query_dict(params))

    facets = question_facets(filters=filters, user=alice)

    for facet in facets.kinds:
        assert facet.count == shown(filters, alice, kinds=(facet.value,))
        assert facet.selected == (facet.value in filters.kinds)
    for facet in facets.difficulties:
        level = Difficulty.from_name(facet.value)
        assert facet.count == shown(filters, alice, difficulties=(level,))
    expected_topics = {
        topic.slug: shown(filters, alice, topics=(topic.slug,), topic_ids=(topic.id,))
        for topic in Topic.objects.all()
    }
    assert {f.value: f.count for f in facets.topics} == {
        slug: count for slug, count in expected_topics.items() if count
    }
    expected_companies = {
        company.slug: shown(
            filters, alice, companies=(company.slug,), company_ids=(company.id,)
        )
        for company in Company.objects.all()
    }
    assert {f.value: f.count for f in facets.companies} == {
        slug: count for slug, count in expected_companies.items() if count
    }
    assert [f.count for f in facets.companies] == sorted(
        (f.count for f in facets.companies), reverse=True
    )
