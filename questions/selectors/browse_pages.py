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

Two orderings must read every match whatever the page: a search ranked by
relevance, and a list ordered by the highest of several tags (several companies, or
a window without a company), whose tags must be grouped by question. (One company
in any window reads each question's highest tag there from a table migration 0008
keeps, in its index's order: see _page_ids_by_best_tag.) Counting apart would read them
all a second time. So BrowsePaginator asks for the count and the page's ids
together, and on PostgreSQL one statement returns both (see _ranked_page_ids and
_page_ids_by_highest_tag).
"""

from dataclasses import dataclass, replace

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db import connection
from django.db.models import Max, Min, QuerySet

from questions.filters import QuestionFilters
from questions.models import Question
from questions.selectors.browse import (
    COMPANY_BEST,
    SEARCH_DOCUMENTS,
    SEARCH_QUERY_SQL,
    _matching_tags,
    browse_shape,
    filters_any,
    narrows_questions,
    question_browse,
    question_filter,
    question_ids_sql,
)
from users.models import User

# Far past any real list; below PostgreSQL's bigint, which bounds OFFSET.
MAX_OFFSET = 2**31

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


def _best_tag_kept(filters: QuestionFilters) -> bool:
    """One company in any window: migration 0008 keeps each question's highest
    frequency there, on PostgreSQL, in questions_companybest."""
    return (
        len(filters.company_ids) == 1
        and filters.window is None
        and connection.vendor == "postgresql"
    )


@dataclass(frozen=True)
class BrowsePages:
    """question_browse's list as Django's (and DRF's) Paginator reads it: count()
    and slices of Question with `frequency`, topics and `my_progress`."""

    filters: QuestionFilters
    user: User | None

    def count(self) -> int:
        filters = self.filters
        if narrows_questions(filters, self.user):
            return question_filter(filters=filters, user=self.user).count()
        if not (filters.company_ids or filters.window):
            return Question.objects.count()
        if _best_tag_kept(filters):
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT count(*) FROM {COMPANY_BEST} WHERE company_id = %s",
                    [filters.company_ids[0]],
                )
                return cursor.fetchone()[0]
        # Every tag's question exists (the foreign key cascades), so counting
        # distinct questions among the matching tags never joins the bank.
        tags = _matching_tags(filters)
        if _one_tag_each(filters):
            return tags.count()
        return tags.values("question_id").distinct().count()

    def __getitem__(self, page: slice) -> list[Question]:
        return self._rows(self._page_ids(page.start or 0, page.stop))

    def count_and_page(self, start: int, stop: int) -> tuple[int, list[Question]]:
        """The whole list's count and the questions from start to stop."""
        read_together = self._page_ids_with_count()
        if read_together is not None:
            count, ids = read_together(start, stop)
            if count is not None:
                return count, self._rows_in_order(ids)
        count = self.count()
        return count, self[start:stop] if start < min(stop, count) else []

    def _page_ids_with_count(self):
        """A way to read the count and the page's ids in one statement, where every
        match must be ranked whatever the page, so that counting apart would read
        them all twice; None elsewhere."""
        if connection.vendor != "postgresql":
            return None
        ordering = self.filters.effective_ordering
        if ordering == "relevance":
            return self._ranked_page_ids
        if ordering == "-frequency" and self._frequency_is_highest_tag():
            return self._page_ids_by_highest_tag
        return None

    def _frequency_is_highest_tag(self) -> bool:
        filters = self.filters
        has_tags = bool(filters.company_ids or filters.window)
        kept = _one_tag_each(filters) or _best_tag_kept(filters)
        return has_tags and not kept

    def _rows_in_order(self, ids: list[int]) -> list[Question]:
        # The ids come in their order: the page's rows need not be sorted again.
        rows = self._rows(ids, filters=replace(self.filters, ordering="title"))
        position = {pk: index for index, pk in enumerate(ids)}
        return sorted(rows, key=lambda row: position[row.pk])

    def _rows(self, ids, filters: QuestionFilters | None = None) -> list[Question]:
        # PostgreSQL runs a sliced id subquery once; the outer query annotates and
        # sorts the page's rows only.
        rows = Question.objects.filter(pk__in=ids)
        shaped = browse_shape(rows, filters=filters or self.filters, user=self.user)
        return list(shaped.only(*LIST_FIELDS))

    def _ranked_page_ids(self, start: int, stop: int) -> tuple[int | None, list]:
        """One statement: rank the matches once, count them, keep the page's ids.

        Only the narrow search documents are read (migration 0006); other filters
        narrow them by id. The inner query ranks each match beside its id and title
        (OFFSET 0 keeps PostgreSQL from folding it into the outer one, which would
        carry each tsvector up to the sort); the window count covers every match
        before LIMIT applies. A page past the end has no row to carry the count:
        then the count is None and the caller counts on its own.
        """
        filters = self.filters
        sql = (
            "SELECT question_id, count(*) OVER () FROM ("
            " SELECT question_id, title, ts_rank(document, query) AS rank"
            f" FROM {SEARCH_DOCUMENTS}, {SEARCH_QUERY_SQL} AS query"
            " WHERE document @@ query"
        )
        params = [filters.search]
        others = replace(filters, search="")
        if filters_any(others, self.user):
            narrowed_sql, narrowed_params = question_ids_sql(
                question_filter(filters=others, user=self.user)
            )
            sql += f" AND question_id IN ({narrowed_sql})"
            params += narrowed_params
        sql += (
            " OFFSET 0) AS matches"
            " ORDER BY rank DESC, title, question_id LIMIT %s OFFSET %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, (*params, stop - start, start))
            found = cursor.fetchall()
        if not found:
            return None, []
        return found[0][1], [row[0] for row in found]

    def _page_ids_by_highest_tag(
        self, start: int, stop: int
    ) -> tuple[int | None, list]:
        """One statement for a list ordered by each question's highest matching tag
        (several companies, or a window without a company): group the matching
        tags by question once, count the groups, and sort them by that frequency
        and the title.

        The per-row frequency subquery of question_browse would instead run once
        for every matching question, tens of thousands on a large bank.
        """
        filters = self.filters
        tags = _matching_tags(filters)
        others = replace(filters, companies=(), company_ids=(), window=None)
        if narrows_questions(others, self.user):
            narrowed = question_filter(filters=others, user=self.user)
            tags = tags.filter(question_id__in=narrowed.values("id"))
        highest = (
            tags.order_by().values("question_id").annotate(highest=Max("frequency"))
        )
        highest_sql, params = highest.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT question.id, count(*) OVER ()"
                f" FROM ({highest_sql}) AS tag"
                " JOIN questions_question AS question ON question.id = tag.question_id"
                " ORDER BY tag.highest DESC, question.title, question.id"
                " LIMIT %s OFFSET %s",
                (*params, stop - start, start),
            )
            found = cursor.fetchall()
        if not found:
            return None, []
        return found[0][1], [row[0] for row in found]

    def _page_ids(self, start: int, stop: int) -> QuerySet | list[int]:
        filters = self.filters
        if filters.effective_ordering == "-frequency" and _one_tag_each(filters):
            return self._page_ids_by_tag(start, stop)
        if filters.effective_ordering == "-frequency" and _best_tag_kept(filters):
            return self._page_ids_by_best_tag(start, stop)
        read_together = self._page_ids_with_count()
        if read_together is not None:
            return read_together(start, stop)[1]
        ordered = question_browse(filters=filters, user=self.user)
        ordered = ordered.select_related(None).prefetch_related(None)
        return ordered.values_list("pk", flat=True)[start:stop]

    def _page_ids_by_best_tag(self, start: int, stop: int) -> list[int]:
        """Ids of one company's questions in any window, most asked first: read in
        the order of questions_companybest's index, a page's titles looked up as
        it goes, so the first page stops after about 20 entries."""
        filters = self.filters
        sql = (
            f"SELECT best.question_id FROM {COMPANY_BEST} AS best"
            " JOIN questions_question AS question ON question.id = best.question_id"
            " WHERE best.company_id = %s"
        )
        params = [filters.company_ids[0]]
        others = replace(filters, companies=(), company_ids=())
        if narrows_questions(others, self.user):
            narrowed_sql, narrowed_params = question_ids_sql(
                question_filter(filters=others, user=self.user)
            )
            sql += f" AND best.question_id IN ({narrowed_sql})"
            params += narrowed_params
        sql += (
            " ORDER BY best.frequency DESC, question.title, question.id"
            " LIMIT %s OFFSET %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, (*params, stop - start, start))
            return [row[0] for row in cursor.fetchall()]

    def _page_ids_by_tag(self, start: int, stop: int) -> QuerySet:
        """Ids of one company's questions in one window, most asked first, read in
        the order of the index on (company, window, -frequency)."""
        filters = self.filters
        others = replace(filters, companies=(), company_ids=(), window=None)
        tag = {
            "company_tags__company_id": filters.company_ids[0],
            "company_tags__window": filters.window,
        }
        if start > 0 and not narrows_questions(filters, self.user):
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


class BrowsePaginator(Paginator):
    """Django's Paginator over BrowsePages, reading a page and the count together:
    one statement where every match must be ranked or grouped whatever the page
    (a search by relevance, a list by the highest of several tags)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.orphans:
            raise ValueError("BrowsePaginator pages have no orphans.")

    def page(self, number) -> Page:
        try:
            number = int(number)
        except (TypeError, ValueError) as error:
            raise PageNotAnInteger(self.error_messages["invalid_page"]) from error
        if number < 1:
            raise EmptyPage(self.error_messages["min_page"])
        start = (number - 1) * self.per_page
        if start > MAX_OFFSET:
            # No bank is that long, and PostgreSQL refuses an OFFSET past bigint.
            self.__dict__["count"] = self.object_list.count()
            raise EmptyPage(self.error_messages["no_results"])
        count, rows = self.object_list.count_and_page(start, start + self.per_page)
        # Paginator.count is a cached_property: what it would have asked for.
        self.__dict__["count"] = count
        if number > self.num_pages:
            raise EmptyPage(self.error_messages["no_results"])
        return self._get_page(rows, number, self)

    def get_page(self, number) -> Page:
        # Paginator.get_page validates the number against a count first: here the
        # page brings its count along.
        try:
            return self.page(number)
        except PageNotAnInteger:
            return self.page(1)
        except EmptyPage:
            return self.page(self.num_pages)
