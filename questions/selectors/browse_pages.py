"""The browse list page by page, fast on a large bank.

Paginating question_browse's queryset directly makes PostgreSQL count by joining
every match to the question table, and build, annotate (one frequency subquery per
row) and sort whole rows up to a page's offset: half a second for a company's list
or page 500 of a search on a bank of 100,000 questions (docs/benchmarks.md). The
list read here is the same, in the same order, with the same frequency; a page
costs three queries, plus the two prefetches, whatever its size or depth:

1. the count, from the narrowest table that holds it exactly;
2. the ids of the page, sorted on narrow rows; with one company and one window,
   straight from the index on (company, window, -frequency), so the first pages
   stop reading after the page;
3. the page's rows by id, with their frequency and source.
"""

from dataclasses import dataclass, replace

from questions.filters import QuestionFilters
from questions.models import Question
from questions.selectors.browse import (
    _matching_tags,
    browse_prefetches,
    frequency_annotation,
    question_browse,
    question_filter,
)
from users.models import User

# What the list API and the list page show of a question; the statement, hints and
# solution stay in the table.
LIST_FIELDS = (
    "slug",
    "title",
    "kind",
    "difficulty",
    "link",
    "estimated_minutes",
    "last_asked_on",
    "source__slug",
    "source__name",
    "source__url",
    "source__license",
)


def _one_tag_each(filters: QuestionFilters) -> bool:
    # The unique constraint on (question, company, window) leaves each question at
    # most one tag of one company in one window: that tag's frequency is its own.
    return len(filters.company_ids) == 1 and filters.window is not None


@dataclass(frozen=True)
class BrowsePages:
    """question_browse's list as Django's (and DRF's) Paginator reads it: count()
    and slices of Question with `frequency`, topics and `my_progress`."""

    filters: QuestionFilters
    user: User | None

    def count(self) -> int:
        filters = self.filters
        if self._narrows_questions():
            return question_filter(filters=filters, user=self.user).count()
        if not (filters.company_ids or filters.window):
            return Question.objects.count()
        # Every tag's question exists (the foreign key cascades), so counting
        # distinct questions among the matching tags never joins the bank.
        tags = _matching_tags(filters)
        if _one_tag_each(filters):
            return tags.count()
        return tags.values("question_id").distinct().count()

    def __getitem__(self, page: slice) -> list[Question]:
        ids = list(self._ordered_ids()[page])
        if not ids:
            return []
        rows = (
            Question.objects.filter(pk__in=ids)
            .annotate(frequency=frequency_annotation(self.filters))
            .select_related("source")
            .prefetch_related(*browse_prefetches(self.user))
            .only(*LIST_FIELDS)
        )
        by_id = {question.pk: question for question in rows}
        return [by_id[pk] for pk in ids if pk in by_id]

    def _narrows_questions(self) -> bool:
        """Whether a filter other than company and window applies."""
        filters = self.filters
        unsolved = filters.unsolved and self.user is not None
        unsolved = unsolved and self.user.is_authenticated
        return bool(
            filters.kinds
            or filters.difficulties
            or filters.topic_ids
            or filters.search
            or unsolved
        )

    def _ordered_ids(self):
        filters = self.filters
        if filters.effective_ordering == "-frequency" and _one_tag_each(filters):
            others = replace(filters, companies=(), company_ids=(), window=None)
            # One filter() call: the company, the window and the ordering all
            # read the same joined tag.
            return (
                question_filter(filters=others, user=self.user)
                .filter(
                    company_tags__company_id=filters.company_ids[0],
                    company_tags__window=filters.window,
                )
                .order_by("-company_tags__frequency", "title", "id")
                .values_list("pk", flat=True)
            )
        return (
            question_browse(filters=filters, user=self.user)
            .select_related(None)
            .prefetch_related(None)
            .values_list("pk", flat=True)
        )


def question_browse_pages(*, filters: QuestionFilters, user: User | None):
    """The browse list for a paginator: same rows and order as question_browse."""
    return BrowsePages(filters=filters, user=user)
