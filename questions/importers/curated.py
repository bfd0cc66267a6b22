"""Readers for the two MIT-licensed curated lists: NeetCode (150, Blind 75) and
Grind 75. Both become link-only coding questions plus curated QuestionLists."""

import re

from questions.importers import sources
from questions.importers.reading import (
    LineDict,
    parse_difficulty,
    slug_from_link,
    web_link,
)
from questions.importers.records import ListSpec, ParsedFile, Problem

WEEK_RE = re.compile(r"^Week \d+$")


def is_neetcode(document) -> bool:
    return (
        isinstance(document, list)
        and bool(document)
        and all(isinstance(item, dict) for item in document)
        and {"problem", "pattern", "link"} <= set(document[0])
    )


def is_grind(document) -> bool:
    return (
        isinstance(document, dict)
        and bool(document)
        and all(WEEK_RE.match(str(key)) for key in document)
    )


def _text(item: dict, key: str) -> str:
    value = item.get(key)
    return " ".join(value.split()) if isinstance(value, str) else ""


def _problem(parsed: ParsedFile, item, link_key: str, title_key: str):
    line = item.line if isinstance(item, LineDict) else 0
    parsed.rows += 1
    if not isinstance(item, dict):
        parsed.skip(line, "expected an object for each problem.")
        return None
    link, title = _text(item, link_key), _text(item, title_key)
    slug = slug_from_link(link) if link else None
    difficulty = parse_difficulty(_text(item, "difficulty"))
    if slug is None:
        parsed.skip(line, f"the link {link!r} names no problem.")
    elif not title or len(title) > 300:
        parsed.skip(line, "the title is empty or longer than 300 characters.")
    elif difficulty is None:
        parsed.skip(line, f"unknown difficulty {_text(item, 'difficulty')!r}.")
    else:
        return Problem(
            line=line,
            slug=slug,
            title=title,
            link=web_link(link, slug, file=parsed.name, line=line),
            difficulty=difficulty,
        )
    return None


def read_neetcode(parsed: ParsedFile, document: list) -> None:
    parsed.source, parsed.order = sources.NEETCODE, 10
    neetcode150, blind75 = [], []
    for item in document:
        problem = _problem(parsed, item, "link", "problem")
        if problem is None:
            continue
        pattern = _text(item, "pattern")
        problem.topics = (pattern,) if pattern else ()
        parsed.problems.append(problem)
        if item.get("neetcode150") is True:
            neetcode150.append((problem.slug, pattern))
        if item.get("blind75") is True:
            blind75.append((problem.slug, pattern))
    specs = [
        ("neetcode-150", "NeetCode 150", neetcode150, "NeetCode's 150 problems"),
        ("blind-75", "Blind 75", blind75, "The Blind 75 problems"),
    ]
    parsed.lists = [
        ListSpec(
            slug=slug,
            name=name,
            description=f"{what}, in NeetCode's order, grouped by pattern.",
            items=_unique(chosen),
        )
        for slug, name, chosen, what in specs
        if chosen
    ]


def read_grind(parsed: ParsedFile, document: dict) -> None:
    parsed.source, parsed.order = sources.GRIND75, 11
    items = []
    for week, problems in document.items():
        if not isinstance(problems, list):
            line = document.line_of(week) if isinstance(document, LineDict) else 0
            parsed.rows += 1
            parsed.skip(line, f"{week} is not a list of problems.")
            continue
        for item in problems:
            problem = _problem(parsed, item, "url", "title")
            if problem is None:
                continue
            topic = _text(item, "topic").replace("-", " ")
            problem.topics = (topic.capitalize(),) if topic else ()
            duration = item.get("duration")
            if isinstance(duration, int) and 1 <= duration <= 600:
                problem.estimated_minutes = duration
            parsed.problems.append(problem)
            items.append((problem.slug, week))
    if items:
        weeks = len({week for _, week in items})
        parsed.lists = [
            ListSpec(
                slug="grind-75",
                name="Grind 75",
                description=f"Tech Interview Handbook's study plan in {weeks} weeks.",
                items=_unique(items),
            )
        ]


def _unique(items: list[tuple[str, str]]) -> list[tuple[str, str]]:
    seen: set[str] = set()
    return [(s, section) for s, section in items if not (s in seen or seen.add(s))]
