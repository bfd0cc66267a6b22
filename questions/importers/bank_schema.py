"""The mockloop-bank/1 schema (questions/bank/FORMAT.md), checked before any write.

A bank file is authored by people, so it is all or nothing: the first problem found
refuses the file with its line, where a community list would skip one row.
"""

import datetime
import json
import re

from core.validators import CONTROL_CHARACTERS, is_web_url
from questions.importers.reading import LineDict
from questions.importers.report import ImportRefused
from questions.models import RESERVED_QUESTION_SLUGS, RoundKind, Window

FORMAT = "mockloop-bank/1"
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DIFFICULTIES = ("easy", "medium", "hard")
TOP_KEYS = {"format", "source", "companies", "topics", "questions", "lists"}
QUESTION_KEYS = {
    "slug",
    "title",
    "kind",
    "difficulty",
    "topics",
    "estimated_minutes",
    "link",
    "statement",
    "hints",
    "solution_outline",
    "follow_ups",
    "expected_complexity",
    "examples",
    "companies",
}
IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,63}$")
MAX_EXAMPLES = 20
MAX_EXAMPLES_CHARS = 16 * 1024


def is_bank(document) -> bool:
    return isinstance(document, dict) and "format" in document


class _Checker:
    def __init__(self, name: str) -> None:
        self.name = name

    def fail(self, where, key, problem: str):
        line = where.line_of(key) if isinstance(where, LineDict) and key else None
        line = line or (where.line if isinstance(where, LineDict) else None)
        raise ImportRefused(file=self.name, line=line, problem=problem)

    def mapping(self, value, parent, key, what: str, allowed: set) -> LineDict:
        if not isinstance(value, dict):
            self.fail(parent, key, f"{what} must be a mapping of keys to values.")
        unknown = sorted(set(value) - allowed, key=str)
        if unknown:
            self.fail(value, unknown[0], f"{what} has an unknown key {unknown[0]!r}.")
        return value

    def items(self, mapping, key) -> list:
        value = mapping.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.fail(mapping, key, f"{key!r} must be a list.")
        return value

    def text(
        self, mapping, key, *, required=False, max_length=None, one_line=False
    ) -> str:
        value = mapping.get(key)
        if value is None or (value == "" and not required):
            if required:
                self.fail(mapping, key, f"{key!r} is required.")
            return ""
        if not isinstance(value, str) or (required and not value.strip()):
            self.fail(mapping, key, f"{key!r} must be text.")
        if max_length and len(value) > max_length:
            self.fail(mapping, key, f"{key!r} is longer than {max_length} characters.")
        if one_line and CONTROL_CHARACTERS.search(value):
            self.fail(
                mapping,
                key,
                f"{key!r} must be one line: no line breaks, tabs or control "
                "characters.",
            )
        return value

    def web_url(self, mapping, key, *, max_length: int) -> str:
        value = self.text(mapping, key, max_length=max_length)
        if value and not is_web_url(value):
            self.fail(
                mapping,
                key,
                f"{value!r} is not a web address: links must start with http:// or "
                "https://.",
            )
        return value

    def slug(self, mapping, key="slug") -> str:
        value = self.text(mapping, key, required=True, max_length=200)
        if not SLUG.match(value):
            self.fail(mapping, key, f"{value!r} is not a lower-case kebab-case slug.")
        return value

    def texts(self, mapping, key) -> list[str]:
        values = self.items(mapping, key)
        if not all(isinstance(value, str) for value in values):
            self.fail(mapping, key, f"every entry of {key!r} must be text.")
        return values

    def choice(self, mapping, key, choices) -> str:
        value = mapping.get(key)
        if value not in choices:
            self.fail(
                mapping,
                key,
                f"{key!r} is {value!r}; expected one of {', '.join(choices)}.",
            )
        return value

    def unique(self, seen: set, value, where, what: str) -> None:
        if value in seen:
            self.fail(where, "slug", f"the {what} {value!r} appears twice in the file.")
        seen.add(value)


def validate_bank(document, name: str) -> dict:
    """The document, checked; raises ImportRefused at the first problem."""
    check = _Checker(name)
    if not isinstance(document, LineDict):
        check.fail(None, None, "a bank file is a mapping that starts with 'format'.")
    check.mapping(document, None, None, "The file", TOP_KEYS)
    if document.get("format") != FORMAT:
        check.fail(document, "format", f"'format' must be {FORMAT!r}.")
    if document.get("source") is not None:
        source = check.mapping(
            document["source"],
            document,
            "source",
            "source",
            {"slug", "name", "url", "license"},
        )
        if source.get("slug") is not None:
            check.slug(source)
        check.text(source, "name", required=True, max_length=200, one_line=True)
        check.web_url(source, "url", max_length=200)
        check.text(source, "license", max_length=200)
    seen: set = set()
    for company in check.items(document, "companies"):
        company = check.mapping(
            company,
            document,
            "companies",
            "a company",
            {"slug", "name", "aliases", "loop_notes"},
        )
        check.unique(seen, check.slug(company), company, "company")
        check.text(company, "name", required=True, max_length=120, one_line=True)
        check.texts(company, "aliases")
        check.text(company, "loop_notes")
    seen = set()
    for topic in check.items(document, "topics"):
        topic = check.mapping(
            topic, document, "topics", "a topic", {"slug", "name", "aliases"}
        )
        check.unique(seen, check.slug(topic), topic, "topic")
        check.text(topic, "name", required=True, max_length=120, one_line=True)
        check.texts(topic, "aliases")
    seen = set()
    for question in check.items(document, "questions"):
        question = check.mapping(
            question, document, "questions", "a question", QUESTION_KEYS
        )
        check.unique(seen, check.slug(question), question, "question")
        if question["slug"] in RESERVED_QUESTION_SLUGS:
            check.fail(
                question, "slug", f"{question['slug']!r} names a page; pick another."
            )
        _validate_question(check, question)
    seen = set()
    for question_list in check.items(document, "lists"):
        _validate_list(check, document, question_list, seen)
    return document


def _validate_question(check: _Checker, question: LineDict) -> None:
    check.text(question, "title", required=True, max_length=300, one_line=True)
    check.choice(question, "kind", RoundKind.values)
    if question.get("difficulty") is not None:
        check.choice(question, "difficulty", DIFFICULTIES)
    for topic in check.texts(question, "topics"):
        if not SLUG.match(topic):
            check.fail(question, "topics", f"{topic!r} is not a topic slug.")
    minutes = question.get("estimated_minutes")
    if minutes is not None and (
        isinstance(minutes, bool)
        or not isinstance(minutes, int)
        or not 0 < minutes <= 600
    ):
        check.fail(
            question, "estimated_minutes", "'estimated_minutes' must be 1 to 600."
        )
    link = check.web_url(question, "link", max_length=500)
    statement = check.text(question, "statement")
    if not statement.strip() and not link:
        check.fail(question, "slug", "a question needs a statement or a link.")
    check.texts(question, "hints")
    check.text(question, "solution_outline")
    check.texts(question, "follow_ups")
    check.text(question, "expected_complexity", max_length=200)
    if question.get("examples") is not None:
        _validate_examples(check, question)
    for tag in check.items(question, "companies"):
        tag = check.mapping(
            tag,
            question,
            "companies",
            "a company tag",
            {"company", "window", "frequency", "sample", "last_seen"},
        )
        check.text(tag, "company", required=True, max_length=120)
        check.choice(tag, "window", Window.values)
        frequency = tag.get("frequency")
        if (
            isinstance(frequency, bool)
            or not isinstance(frequency, int | float)
            or not 0 <= frequency <= 100
        ):
            check.fail(tag, "frequency", "'frequency' must be a number from 0 to 100.")
        if not isinstance(tag.get("sample", False), bool):
            check.fail(tag, "sample", "'sample' must be true or false.")
        _check_date(check, tag, "last_seen")


def _validate_examples(check: _Checker, question: LineDict) -> None:
    """A coding question's examples: the function the pad defines and its cases,
    each its arguments and the value expected, as plain JSON data."""
    examples = check.mapping(
        question["examples"],
        question,
        "examples",
        "'examples'",
        {"function", "signature", "cases"},
    )
    if question.get("kind") not in ("coding", "ml_coding"):
        check.fail(question, "examples", "only coding questions have 'examples'.")
    function = check.text(examples, "function", required=True, max_length=64)
    if not IDENTIFIER.match(function):
        check.fail(examples, "function", f"{function!r} is not a function name.")
    check.text(examples, "signature", max_length=200, one_line=True)
    cases = check.items(examples, "cases")
    if not 1 <= len(cases) <= MAX_EXAMPLES:
        check.fail(examples, "cases", f"give 1 to {MAX_EXAMPLES} 'cases'.")
    for case in cases:
        case = check.mapping(case, examples, "cases", "a case", {"args", "expected"})
        if not isinstance(case.get("args"), list) or "expected" not in case:
            check.fail(case, "args", "a case needs 'args' (a list) and 'expected'.")
    try:
        size = len(json.dumps(examples, allow_nan=False))
    except (TypeError, ValueError):
        check.fail(
            examples, "cases", "cases hold only JSON data: text, numbers, lists."
        )
    if size > MAX_EXAMPLES_CHARS:
        check.fail(examples, "cases", "the examples are longer than 16 KiB as JSON.")


def _check_date(check: _Checker, mapping: LineDict, key: str) -> None:
    value = mapping.get(key)
    if value is None or isinstance(value, datetime.date):
        return
    try:
        mapping[key] = datetime.date.fromisoformat(str(value))
    except ValueError:
        check.fail(mapping, key, f"{key!r} must be a date such as 2025-01-31.")


def _validate_list(check: _Checker, document, question_list, seen: set) -> None:
    question_list = check.mapping(
        question_list,
        document,
        "lists",
        "a list",
        {"slug", "name", "description", "items"},
    )
    check.unique(seen, check.slug(question_list), question_list, "list")
    check.text(question_list, "name", required=True, max_length=200, one_line=True)
    check.text(question_list, "description")
    for item in check.items(question_list, "items"):
        if isinstance(item, dict):
            item = check.mapping(
                item, question_list, "items", "an item", {"slug", "section"}
            )
            check.slug(item)
            check.text(item, "section", max_length=120)
        elif not isinstance(item, str) or not SLUG.match(item):
            check.fail(question_list, "items", f"{item!r} is not a question slug.")


def list_items(question_list: dict) -> list[tuple[str, str]]:
    """The list's (slug, section) pairs, whichever way the file writes them."""
    return [
        (item["slug"], item.get("section") or "")
        if isinstance(item, dict)
        else (item, "")
        for item in question_list.get("items") or []
    ]
