"""Browse filters: parsed once from query parameters, for the page and the API alike.

An unknown value is refused with a message naming its parameter, never turned into an
empty list, so a mistyped link says what is wrong.
"""

from dataclasses import dataclass, field

from django.http import QueryDict

from core.errors import ApplicationError
from questions.models import Company, Difficulty, RoundKind, Topic, Window

ORDERINGS = {
    "-frequency": "most asked first",
    "-recent": "most recently asked first",
    "difficulty": "easiest first",
    "title": "by title",
}
MAX_SEARCH_LENGTH = 200
MAX_VALUES_PER_PARAMETER = 50


@dataclass(frozen=True)
class QuestionFilters:
    kinds: tuple[str, ...] = ()
    difficulties: tuple[int, ...] = ()
    topics: tuple[str, ...] = ()
    companies: tuple[str, ...] = ()
    window: str | None = None
    search: str = ""
    ordering: str | None = None
    unsolved: bool = False
    company_ids: tuple[int, ...] = field(default=(), compare=False)
    topic_ids: tuple[int, ...] = field(default=(), compare=False)

    @property
    def active_count(self) -> int:
        """How many filters narrow the list (the order is not one): the phone's
        "Filters" button shows it while the filters are folded away."""
        return (
            len(self.kinds)
            + len(self.difficulties)
            + len(self.topics)
            + len(self.companies)
            + bool(self.window)
            + bool(self.search)
            + self.unsolved
        )

    @property
    def effective_ordering(self) -> str:
        if self.ordering:
            return self.ordering
        if self.search:
            return "relevance"
        if self.companies or self.window:
            return "-frequency"
        return "title"


def _values(params: QueryDict, name: str) -> list[str]:
    # Accept both ?topic=a&topic=b and ?topic=a,b (shorter links to share).
    values = []
    for raw in params.getlist(name):
        values.extend(part.strip() for part in raw.split(",") if part.strip())
    if len(values) > MAX_VALUES_PER_PARAMETER:
        raise ApplicationError(
            f"{name}: at most {MAX_VALUES_PER_PARAMETER} values.", field=name
        )
    return list(dict.fromkeys(values))


def _refuse(name: str, unknown: list[str], allowed: str) -> ApplicationError:
    listed = ", ".join(repr(value) for value in unknown)
    return ApplicationError(f"{name}: unknown value {listed}; {allowed}.", field=name)


def _kinds(params: QueryDict) -> tuple[str, ...]:
    kinds = _values(params, "kind")
    unknown = [kind for kind in kinds if kind not in RoundKind.values]
    if unknown:
        raise _refuse("kind", unknown, "use " + ", ".join(RoundKind.values))
    return tuple(kinds)


def _difficulties(params: QueryDict) -> tuple[int, ...]:
    names = [name.lower() for name in _values(params, "difficulty")]
    allowed = [member.slug for member in Difficulty]
    unknown = [name for name in names if name not in allowed]
    if unknown:
        raise _refuse("difficulty", unknown, "use easy, medium or hard")
    return tuple(Difficulty.from_name(name).value for name in names)


def _slugs(params: QueryDict, name: str, model) -> tuple[tuple[str, ...], tuple[int]]:
    slugs = _values(params, name)
    if not slugs:
        return (), ()
    found = dict(model.objects.filter(slug__in=slugs).values_list("slug", "id"))
    unknown = [slug for slug in slugs if slug not in found]
    if unknown:
        raise _refuse(name, unknown, f"see /api/{model._meta.verbose_name_plural}/")
    return tuple(slugs), tuple(found[slug] for slug in slugs)


def _window(params: QueryDict) -> str | None:
    window = params.get("window", "").strip()
    if not window:
        return None
    if window not in Window.values:
        raise _refuse("window", [window], "use " + ", ".join(Window.values))
    return window


def _ordering(params: QueryDict) -> str | None:
    ordering = params.get("ordering", "").strip()
    if not ordering:
        return None
    if ordering not in ORDERINGS:
        raise _refuse("ordering", [ordering], "use " + ", ".join(ORDERINGS))
    return ordering


def _unsolved(params: QueryDict) -> bool:
    value = params.get("unsolved", "").strip().lower()
    if value in {"", "0", "false", "no", "off"}:
        return False
    if value in {"1", "true", "yes", "on"}:
        return True
    raise _refuse("unsolved", [value], "use true or false")


def _search(params: QueryDict) -> str:
    search = " ".join(params.get("search", "").split())
    if len(search) > MAX_SEARCH_LENGTH:
        raise ApplicationError(
            f"search: at most {MAX_SEARCH_LENGTH} characters.", field="search"
        )
    return search


def filters_from_params(params: QueryDict) -> QuestionFilters:
    topics, topic_ids = _slugs(params, "topic", Topic)
    companies, company_ids = _slugs(params, "company", Company)
    return QuestionFilters(
        kinds=_kinds(params),
        difficulties=_difficulties(params),
        topics=topics,
        companies=companies,
        window=_window(params),
        search=_search(params),
        ordering=_ordering(params),
        unsolved=_unsolved(params),
        company_ids=company_ids,
        topic_ids=topic_ids,
    )
