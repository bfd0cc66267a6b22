"""Reading the question bank: browse, search, facets, one question, and a random draw.

Filter semantics (the reference for the tests): values within one parameter are
alternatives (any of the topics, any of the companies); parameters combine with AND.
`window` and `company` together select the company tags that a question must have; its
frequency is the highest among those tags.
"""

import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    Count,
    F,
    FloatField,
    Func,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.http import Http404

from questions.filters import QuestionFilters
from questions.models import (
    Company,
    CompanyTag,
    Difficulty,
    Progress,
    ProgressStatus,
    Question,
    RoundKind,
    Topic,
    Window,
)
from questions.permissions import can_see_interviewer_fields
from users.models import User

ORDER_BY = {
    "-frequency": [F("frequency").desc(nulls_last=True), "title", "id"],
    "-recent": [F("last_asked_on").desc(nulls_last=True), "title", "id"],
    "difficulty": [F("difficulty").asc(nulls_last=True), "title", "id"],
    "title": ["title", "id"],
    "relevance": [F("rank").desc(), "title", "id"],
}
FACET_COMPANIES_SHOWN = 30


def _matching_tags(filters: QuestionFilters) -> QuerySet:
    tags = CompanyTag.objects.all()
    if filters.company_ids:
        tags = tags.filter(company_id__in=filters.company_ids)
    if filters.window:
        tags = tags.filter(window=filters.window)
    return tags


# Migration 0006 keeps each question's search document, on PostgreSQL, in this
# table; migration 0005 keeps its topic ids in its row; migration 0008 keeps each
# question's highest frequency at each company, across windows.
SEARCH_DOCUMENTS = "questions_questionsearch"
COMPANY_BEST = "questions_companybest"
SEARCH_QUERY_SQL = "websearch_to_tsquery('english', %s)"


class _QuestionSql(Func):
    """SQL about a question, written for the question table under whatever alias the
    query gives it (subqueries rename it): `{pk}` is its id, `{table}` the table."""

    sql = ""

    def __init__(self, *params):
        super().__init__(F("pk"))
        self.params = params

    def as_sql(self, compiler, connection, **extra_context):
        pk_sql, params = compiler.compile(self.source_expressions[0])
        table = pk_sql.rsplit(".", 1)[0]
        return self.sql.format(pk=pk_sql, table=table), (*params, *self.params)


class QuestionHasTopic(_QuestionSql):
    """Whether a question has any of the given topic ids. The index on (kind,
    difficulty, title, id) includes the ids, so the filter needs neither the join
    nor the row."""

    output_field = BooleanField()
    conditional = True
    sql = '{table}."topic_ids" && %s::bigint[]'


class QuestionMatchesSearch(_QuestionSql):
    output_field = BooleanField()
    conditional = True
    sql = (
        "{pk} IN (SELECT question_id FROM "
        + SEARCH_DOCUMENTS
        + " WHERE document @@ "
        + SEARCH_QUERY_SQL
        + ")"
    )


class QuestionSearchRank(_QuestionSql):
    output_field = FloatField()
    sql = (
        "(SELECT ts_rank(document, "
        + SEARCH_QUERY_SQL
        + ") FROM "
        + SEARCH_DOCUMENTS
        + " WHERE question_id = {pk})"
    )


def _filter_topics(questions: QuerySet, topic_ids: tuple[int, ...]) -> QuerySet:
    if connection.vendor == "postgresql":
        return questions.filter(QuestionHasTopic(list(topic_ids)))
    return questions.filter(
        id__in=Question.topics.through.objects.filter(topic_id__in=topic_ids).values(
            "question_id"
        )
    )


def _filter_search(questions: QuerySet, search: str) -> QuerySet:
    """PostgreSQL: the search documents with their GIN index. SQLite: every word
    must appear in the title, topics or statement."""
    if connection.vendor == "postgresql":
        return questions.filter(QuestionMatchesSearch(search))
    condition = Q()
    for word in search.split():
        condition &= (
            Q(title__icontains=word)
            | Q(topic_names__icontains=word)
            | Q(statement__icontains=word)
        )
    return questions.filter(condition)


def _search_rank_without_documents(search: str) -> Case:
    """SQLite's relevance, which has no search documents: every word in the title
    ranks first, in the topics next, in the statement last, as ts_rank's weights
    (A title, B topics, C statement) order them on PostgreSQL."""
    words = search.split()

    def every_word(field: str) -> Q:
        condition = Q()
        for word in words:
            condition &= Q(**{f"{field}__icontains": word})
        return condition

    return Case(
        When(every_word("title"), then=Value(3.0)),
        When(every_word("topic_names"), then=Value(2.0)),
        default=Value(1.0),
        output_field=FloatField(),
    )


def question_ids_sql(questions: QuerySet) -> tuple[str, tuple]:
    """The questions' ids as SQL and parameters, to narrow a hand-written statement
    with `... IN (sql)`."""
    return questions.order_by().values("pk").query.sql_with_params()


def filters_any(filters: QuestionFilters, user: User | None) -> bool:
    """Whether any filter applies, so that not every question is in the list."""
    return bool(
        narrows_questions(filters, user) or filters.company_ids or filters.window
    )


def narrows_questions(filters: QuestionFilters, user: User | None) -> bool:
    """Whether a filter other than company and window applies."""
    unsolved = filters.unsolved and user is not None and user.is_authenticated
    return bool(
        filters.kinds
        or filters.difficulties
        or filters.topic_ids
        or filters.search
        or unsolved
    )


def question_filter(*, filters: QuestionFilters, user: User | None) -> QuerySet:
    """Questions matching the filters, without ordering or annotations."""
    questions = Question.objects.all()
    if filters.kinds:
        questions = questions.filter(kind__in=filters.kinds)
    if filters.difficulties:
        questions = questions.filter(difficulty__in=filters.difficulties)
    if filters.topic_ids:
        questions = _filter_topics(questions, filters.topic_ids)
    if filters.company_ids or filters.window:
        questions = questions.filter(
            id__in=_matching_tags(filters).values("question_id")
        )
    if filters.search:
        questions = _filter_search(questions, filters.search)
    if filters.unsolved and user is not None and user.is_authenticated:
        questions = questions.exclude(
            id__in=Progress.objects.filter(
                user=user, status=ProgressStatus.SOLVED
            ).values("question_id")
        )
    return questions


def frequency_annotation(filters: QuestionFilters) -> Subquery:
    """A question's frequency: the highest among its tags that match the filters."""
    highest = (
        _matching_tags(filters)
        .filter(question_id=OuterRef("pk"))
        .order_by("-frequency")
        .values("frequency")[:1]
    )
    return Subquery(highest)


# How recently a window says a company asked, most recent first; "all time" says
# nothing about when.
WINDOW_RECENCY = (Window.DAYS_30, Window.MONTHS_3, Window.MONTHS_6, Window.OLDER)
WINDOW_SAYS = {
    Window.DAYS_30: "last 30 days",
    Window.MONTHS_3: "last 3 months",
    Window.MONTHS_6: "last 6 months",
    Window.OLDER: "over 6 months ago",
}


@dataclass(frozen=True)
class LastAsked:
    """When the filtered companies last asked a question, as far as the data knows:
    a day (a report, or a tag that gives one), else the most recent window."""

    on: date | None = None
    window: str = ""

    @property
    def label(self) -> str:
        return WINDOW_SAYS.get(self.window, "")


def last_asked_for_page(
    questions: list[Question], *, filters: QuestionFilters
) -> dict[int, LastAsked]:
    """Question id -> LastAsked, from the tags of the companies filtered on (every
    company when none is): a date from one company never shows under another.
    Reports feed the tags their days. One query for a page."""
    tags = CompanyTag.objects.filter(question_id__in=[q.pk for q in questions])
    if filters.company_ids:
        tags = tags.filter(company_id__in=filters.company_ids)
    if filters.window:
        tags = tags.filter(window=filters.window)
    latest: dict[int, date] = {}
    windows: dict[int, str] = {}
    for question_id, window, seen in tags.values_list(
        "question_id", "window", "last_seen_on"
    ):
        if seen and (question_id not in latest or seen > latest[question_id]):
            latest[question_id] = seen
        if window in WINDOW_RECENCY and (
            question_id not in windows
            or WINDOW_RECENCY.index(window) < WINDOW_RECENCY.index(windows[question_id])
        ):
            windows[question_id] = window
    return {
        q.pk: LastAsked(on=latest.get(q.pk), window=windows.get(q.pk, ""))
        for q in questions
    }


def top_tags_for_page(
    questions: list[Question], *, filters: QuestionFilters
) -> dict[int, CompanyTag]:
    """Question id -> the tag its shown frequency comes from (the highest among the
    tags that match the filters), so the table can say at which company and in
    which window. One query for a page."""
    tags = (
        _matching_tags(filters)
        .filter(question_id__in=[q.pk for q in questions])
        .select_related("company", "source")
        .order_by("question_id", "-frequency", "company__name")
    )
    top: dict[int, CompanyTag] = {}
    for tag in tags:
        top.setdefault(tag.question_id, tag)
    return top


def browse_prefetches(user: User | None) -> list[Prefetch]:
    """Topics and the reader's own progress, one query each for a whole page."""
    prefetches = [Prefetch("topics", queryset=Topic.objects.order_by("name"))]
    if user is not None and user.is_authenticated:
        prefetches.append(
            Prefetch(
                "progress",
                queryset=Progress.objects.filter(user=user),
                to_attr="my_progress",
            )
        )
    return prefetches


def question_browse(*, filters: QuestionFilters, user: User | None) -> QuerySet:
    """The browse list: filtered, annotated with `frequency` (and `rank` when
    searching), ordered, with topics and the reader's own progress prefetched so
    that a page costs the same few queries whatever its size. To paginate a large
    bank, question_browse_pages (selectors.browse_pages) reads the same list
    faster."""
    questions = question_filter(filters=filters, user=user)
    return browse_shape(questions, filters=filters, user=user)


def browse_shape(
    questions: QuerySet, *, filters: QuestionFilters, user: User | None
) -> QuerySet:
    """Questions as the browse list shows them: annotated, ordered, prefetched."""
    questions = questions.annotate(frequency=frequency_annotation(filters))
    ordering = filters.effective_ordering
    if ordering == "relevance":
        if connection.vendor == "postgresql":
            questions = questions.annotate(rank=QuestionSearchRank(filters.search))
        else:
            questions = questions.annotate(
                rank=_search_rank_without_documents(filters.search)
            )
    return (
        questions.select_related("source")
        .prefetch_related(*browse_prefetches(user))
        .order_by(*ORDER_BY[ordering])
    )


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True)
class Facets:
    kinds: list[FacetValue]
    difficulties: list[FacetValue]
    topics: list[FacetValue]
    companies: list[FacetValue]


def question_facets(*, filters: QuestionFilters, user: User | None) -> Facets:
    """Counts beside each filter value: how many questions it would show, given every
    other filter (a dimension's own choices do not narrow its own counts)."""

    def others(**cleared) -> QuerySet:
        return question_filter(filters=replace(filters, **cleared), user=user)

    def narrowed(rows: QuerySet, **cleared) -> QuerySet:
        # Counting every question needs no semi-join against the whole bank.
        rest = replace(filters, **cleared)
        if filters_any(rest, user):
            return rows.filter(question_id__in=others(**cleared).values("id"))
        return rows

    # One pass for both: the kind counts honour the chosen difficulties and the
    # difficulty counts the chosen kinds.
    kind_and_difficulty = (
        others(kinds=(), difficulties=())
        .order_by()
        .values_list("kind", "difficulty")
        .annotate(count=Count("id"))
    )
    kind_counts, difficulty_counts = Counter(), Counter()
    for kind, difficulty, count in kind_and_difficulty:
        if not filters.difficulties or difficulty in filters.difficulties:
            kind_counts[kind] += count
        if not filters.kinds or kind in filters.kinds:
            difficulty_counts[difficulty] += count
    topic_links = narrowed(
        Question.topics.through.objects.all(), topics=(), topic_ids=()
    )
    by_topic = dict(
        topic_links.order_by()
        .values_list("topic_id")
        .annotate(count=Count("*"))
        .values_list("topic_id", "count")
    )
    topic_counts = [
        (topic, by_topic[topic.id])
        for topic in Topic.objects.filter(id__in=by_topic).order_by("name")
    ]
    # A tag in the chosen window already puts its question in that window.
    rest = replace(filters, companies=(), company_ids=())
    narrowing = (
        others(companies=(), company_ids=()) if narrows_questions(rest, user) else None
    )
    by_company = _questions_per_company(window=filters.window, questions=narrowing)
    ranked = sorted(by_company, key=lambda company_id: -by_company[company_id])
    # Enough to break ties at the cut by name, and the chosen ones wherever they are.
    cut = (
        by_company[ranked[FACET_COMPANIES_SHOWN - 1]]
        if len(ranked) >= FACET_COMPANIES_SHOWN
        else 0
    )
    wanted = [company_id for company_id in ranked if by_company[company_id] >= cut]
    wanted += [
        company_id for company_id in filters.company_ids if company_id in by_company
    ]
    companies = sorted(
        Company.objects.filter(id__in=wanted),
        key=lambda company: (-by_company[company.id], company.name),
    )
    shown_companies = companies[:FACET_COMPANIES_SHOWN]
    shown_companies += [
        company
        for company in companies[FACET_COMPANIES_SHOWN:]
        if company.id in filters.company_ids
    ]
    return Facets(
        kinds=[
            FacetValue(
                kind.value,
                kind.label,
                kind_counts.get(kind.value, 0),
                kind.value in filters.kinds,
            )
            for kind in RoundKind
        ],
        difficulties=[
            FacetValue(
                level.slug,
                level.label,
                difficulty_counts.get(level.value, 0),
                level.value in filters.difficulties,
            )
            for level in Difficulty
        ],
        topics=[
            FacetValue(topic.slug, topic.name, count, topic.slug in filters.topics)
            for topic, count in topic_counts
        ],
        companies=[
            FacetValue(
                company.slug,
                company.name,
                by_company[company.id],
                company.slug in filters.companies,
            )
            for company in shown_companies
        ],
    )


@dataclass(frozen=True)
class QuestionView:
    question: Question
    shows_interviewer_fields: bool
    tags: list[CompanyTag]


def question_get_for_user(*, slug: str, user: User) -> QuestionView:
    question = (
        Question.objects.select_related("source", "author")
        .prefetch_related("topics")
        .filter(slug=slug)
        .first()
    )
    if question is None:
        raise Http404("No such question.")
    tags = list(
        question.company_tags.select_related("company", "source").order_by(
            "company__name", "window"
        )
    )
    return QuestionView(
        question=question,
        shows_interviewer_fields=can_see_interviewer_fields(user, question),
        tags=tags,
    )


# Where else a person meets questions is for the apps above to say (interviews:
# mocks); each source, added when its app is ready, gives question ids.
SEEN_ELSEWHERE: list[Callable[[User], set[int]]] = []


def question_ids_seen_by(*, candidate: User) -> set[int]:
    """Questions a candidate must not be drawn again: the ones they solved, and the
    ones they met elsewhere (in mocks, as candidate or interviewer)."""
    solved = set(
        Progress.objects.filter(
            user=candidate, status=ProgressStatus.SOLVED
        ).values_list("question_id", flat=True)
    )
    for source in SEEN_ELSEWHERE:
        solved |= source(candidate)
    return solved


def question_draw_random(
    *,
    filters: QuestionFilters,
    candidate: User,
    exclude_ids: set[int] | frozenset[int] = frozenset(),
    rng: random.Random | None = None,
) -> Question | None:
    """A random question within the filters that the candidate has not seen, and
    that is not among `exclude_ids` (say, the ones a session already uses)."""
    candidates = question_filter(filters=filters, user=candidate).exclude(
        id__in=question_ids_seen_by(candidate=candidate) | set(exclude_ids)
    )
    count = candidates.count()
    if count == 0:
        return None
    index = (rng or random).randrange(count)
    return candidates.order_by("id")[index]


def _questions_per_company(
    *, window: str | None, questions: QuerySet | None
) -> dict[int, int]:
    """How many of the questions (all when None) each company asked, in the window
    or in any."""
    if window is None and connection.vendor == "postgresql":
        # One row per (company, question) already: a count, not a distinct count.
        sql = f"SELECT company_id, count(*) FROM {COMPANY_BEST}"
        params: tuple = ()
        if questions is not None:
            ids_sql, params = question_ids_sql(questions)
            sql += f" WHERE question_id IN ({ids_sql})"
        with connection.cursor() as cursor:
            cursor.execute(sql + " GROUP BY company_id", params)
            return dict(cursor.fetchall())
    tags = CompanyTag.objects.all()
    if window:
        tags = tags.filter(window=window)
    if questions is not None:
        tags = tags.filter(question_id__in=questions.values("id"))
    # One tag per (question, company, window): within one window a company's tags
    # count its questions; across windows a question may have several.
    per_company = Count("*") if window else Count("question_id", distinct=True)
    return dict(
        tags.order_by()
        .values_list("company_id")
        .annotate(count=per_company)
        .values_list("company_id", "count")
    )


def companies_with_counts() -> list[Company]:
    """Every company, by name, with `question_count`: the questions it asked."""
    counts = _questions_per_company(window=None, questions=None)
    companies = list(Company.objects.order_by("name"))
    for company in companies:
        company.question_count = counts.get(company.pk, 0)
    return companies


def topics_with_counts() -> QuerySet:
    return Topic.objects.annotate(question_count=Count("questions")).order_by("name")
