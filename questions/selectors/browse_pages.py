"""The browse list page by page, fast on a large bank.

Paginating question_browse's queryset directly makes PostgreSQL count by joining
every match to the wide question table, and build, annotate (one frequency subquery
per row) and sort whole rows up to the page's offset: half a second for a company's
list, or for page 500 of a search, on a bank of 100,000 questions
(docs/benchmarks.md). The list read here is the same, in the same order, with the
same frequency, in two queries plus the two prefetches whatever the page's size:

1. the count, from the narrowest table that holds it exactly;
2. the page's rows, chosen by a subquery that sorts ids alone (straight from the
   index on company, window and frequency when one company and one window are
   chosen), so annotations and wide columns are read for the page's rows only.

Past the first page of one company's list in one window, two more small queries on
that index find which frequencies the page spans (see _page_ids_by_tag).
"""

from dataclasses import dataclass, replace

from django.db.models import Max, Min, QuerySet

from questions.filters import QuestionFilters
from questions.models import Question
from questions.selectors.browse import (
    _matching_tags,
    browse_shape,
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
        # PostgreSQL runs the sliced id subquery once; the outer query annotates and
        # sorts the page's rows only.
        rows = Question.objects.filter(
            pk__in=self._page_ids(page.start or 0, page.stop)
        )
        shaped = browse_shape(rows, filters=self.filters, user=self.user)
        return list(shaped.only(*LIST_FIELDS))

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

    def _page_ids(self, start: int, stop: int) -> QuerySet:
        filters = self.filters
        if filters.effective_ordering == "-frequency" and _one_tag_each(filters):
            return self._page_ids_by_tag(start, stop)
        ordered = question_browse(filters=filters, user=self.user)
        ordered = ordered.select_related(None).prefetch_related(None)
        return ordered.values_list("pk", flat=True)[start:stop]

    def _page_ids_by_tag(self, start: int, stop: int) -> QuerySet:
        """Ids of one company's questions in one window, most asked first, read in
        the order of the index on (company, window, -frequency)."""
        filters = self.filters
        others = replace(filters, companies=(), company_ids=(), window=None)
        tag = {
            "company_tags__company_id": filters.company_ids[0],
            "company_tags__window": filters.window,
        }
        if start > 0 and not self._narrows_questions():
            # A deep page would sort every question before it by frequency and
            # title. Its rows are those whose frequency lies between the page's
            # first and last, which the index alone finds; the questions asked
            # more often than the page's first come before it.
            tags = _matching_tags(filters).order_by("-frequency")
            bounds = tags[start:stop].aggregate(
                high=Max("frequency"), low=Min("frequency")
            )
            if bounds["high"] is None:
                return Question.objects.none().values_list("pk", flat=True)
            before = tags.filter(frequency__gt=bounds["high"]).count()
            tag["company_tags__frequency__range"] = (bounds["low"], bounds["high"])
            start, stop = start - before, stop - before
        # One filter() call: the company, the window, the frequency range and the
        # ordering all read the same joined tag.
        return (
            question_filter(filters=others, user=self.user)
            .filter(**tag)
            .order_by("-company_tags__frequency", "title", "id")
            .values_list("pk", flat=True)[start:stop]
        )


def question_browse_pages(
    *, filters: QuestionFilters, user: User | None
) -> BrowsePages:
    """The browse list for a paginator: same rows and order as question_browse."""
    return BrowsePages(filters=filters, user=user)
