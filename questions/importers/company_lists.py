"""Readers for the company-tagged LeetCode lists described in docs/imports.md.

Every format is turned into problems (slug, title, link, difficulty, topics) and tags
(company, window, frequency 0-100). Rows that cannot be read are skipped with the
line and the reason; a file whose header or name cannot be read is refused.
"""

import re
from collections import defaultdict
from collections.abc import Iterable
from pathlib import PurePosixPath

from questions.importers import sources
from questions.importers.reading import (
    parse_difficulty,
    parse_number,
    slug_from_link,
    web_link,
)
from questions.importers.records import ParsedFile, Problem, Tag
from questions.importers.report import ImportRefused
from questions.models import Window

LONG_FORM = ("problem_link", "problem_name", "company_name", "num_occur")
PER_COMPANY = ("problem_link", "problem_name", "num_occur")
WINDOW_FOLDER = (
    "Difficulty",
    "Title",
    "Frequency",
    "Acceptance Rate",
    "Link",
    "Topics",
)
SLUG_FOLDER = ("ID", "URL", "Title", "Difficulty", "Acceptance %", "Frequency %")
FLAT_FILE = (
    "ID",
    "Title",
    "Acceptance",
    "Difficulty",
    "Frequency",
    "Leetcode Question Link",
)
HEADERS = {
    LONG_FORM: "long",
    PER_COMPANY: "per_company",
    WINDOW_FOLDER: "window_folder",
    # A window file with no rows may have only the first five columns.
    WINDOW_FOLDER[:5]: "window_folder",
    SLUG_FOLDER: "slug_folder",
    FLAT_FILE: "flat",
}
WINDOW_FILES = {
    "thirty days": Window.DAYS_30,
    "three months": Window.MONTHS_3,
    "six months": Window.MONTHS_6,
    "more than six months": Window.OLDER,
    "all": Window.ALL,
}
# Flat files bucket by year; the model's windows stop at six months, so both year
# files fill "older" (see flat_files_conflicts for when both are present).
FLAT_WINDOWS = {
    "6months": Window.MONTHS_6,
    "1year": Window.OLDER,
    "2year": Window.OLDER,
    "alltime": Window.ALL,
}


def csv_format(header: list[str]) -> str | None:
    return HEADERS.get(tuple(cell.strip() for cell in header))


def _problem(parsed, line, link, title, difficulty=None, topics=()) -> Problem | None:
    slug = slug_from_link(link)
    title = " ".join(title.split())
    if slug is None:
        parsed.skip(line, f"the link {link.strip()!r} names no problem.")
    elif not title:
        parsed.skip(line, "the title is empty.")
    elif len(title) > 300:
        parsed.skip(line, "the title is longer than 300 characters.")
    elif difficulty is not None and parse_difficulty(difficulty) is None:
        parsed.skip(line, f"unknown difficulty {difficulty.strip()!r}.")
    else:
        return Problem(
            line=line,
            slug=slug,
            title=title,
            link=web_link(link, slug, file=parsed.name, line=line),
            difficulty=parse_difficulty(difficulty) if difficulty else None,
            topics=tuple(topics),
        )
    return None


def _frequency(parsed, line, value, *, scaled: bool, column: str) -> float | None:
    number = parse_number(value)
    if number is None:
        parsed.skip(line, f"{column} {value.strip()!r} is not a number.")
    elif number < 0 or (scaled and number > 100):
        limit = "between 0 and 100" if scaled else "zero or more"
        parsed.skip(line, f"{column} {value.strip()!r} is not {limit}.")
    else:
        return number
    return None


def _rows(parsed, rows, width):
    for line, fields in rows:
        parsed.rows += 1
        if len(fields) != width:
            parsed.skip(line, f"expected {width} fields, found {len(fields)}.")
            continue
        yield line, [value.strip() for value in fields]


def _scale(parsed, counted: list[tuple[Problem, str, float]], window: str, **kw):
    """Counts to 0-100 per company, the most asked question at 100."""
    top: dict[str, float] = defaultdict(float)
    for _, company, count in counted:
        top[company] = max(top[company], count)
    for problem, company, count in counted:
        frequency = round(100 * count / top[company], 2) if top[company] else 0.0
        parsed.problems.append(problem)
        parsed.tags.append(
            Tag(problem.line, problem.slug, company, window, frequency, **kw)
        )


def read_long_form(parsed: ParsedFile, rows: Iterable) -> None:
    parsed.source, parsed.order = sources.HXU296, 60
    counted = []
    for line, (link, title, company, occur) in _rows(parsed, rows, 4):
        problem = _problem(parsed, line, link, title)
        if problem is None:
            continue
        if not company:
            parsed.skip(line, "the company name is empty.")
            continue
        count = _frequency(parsed, line, occur, scaled=False, column="num_occur")
        if count is not None:
            counted.append((problem, company, count))
    _scale(parsed, counted, Window.ALL)


def read_per_company(parsed: ParsedFile, rows: Iterable, company: str) -> None:
    parsed.source, parsed.order = sources.HXU296, 50
    counted = []
    for line, (link, title, occur) in _rows(parsed, rows, 3):
        problem = _problem(parsed, line, link, title)
        count = (
            _frequency(parsed, line, occur, scaled=False, column="num_occur")
            if problem
            else None
        )
        if count is not None:
            counted.append((problem, company, count))
    _scale(parsed, counted, Window.ALL)


def read_window_folder(parsed: ParsedFile, rows: Iterable, width: int) -> None:
    path = PurePosixPath(parsed.name)
    window = WINDOW_FILES.get(re.sub(r"^\d+\.\s*", "", path.stem).strip().lower())
    if window is None or len(path.parts) < 2:
        raise ImportRefused(
            file=parsed.name,
            line=None,
            problem="a window file must be <Company Name>/<n>. <window>.csv with "
            "window Thirty Days, Three Months, Six Months, More Than Six Months "
            "or All.",
        )
    parsed.source, parsed.order = sources.FIVE_WINDOW, 20
    for line, fields in _rows(parsed, rows, width):
        difficulty, title, frequency, _acceptance, link = fields[:5]
        topics = [t.strip() for t in (fields[5:] or [""])[0].split(",") if t.strip()]
        problem = _problem(parsed, line, link, title, difficulty, topics)
        value = (
            _frequency(parsed, line, frequency, scaled=True, column="Frequency")
            if problem
            else None
        )
        if value is not None:
            parsed.problems.append(problem)
            parsed.tags.append(
                Tag(line, problem.slug, path.parent.name, window, round(value, 2))
            )


def read_slug_folder(parsed: ParsedFile, rows: Iterable) -> None:
    path = PurePosixPath(parsed.name)
    windows = {name.replace(" ", "-"): w for name, w in WINDOW_FILES.items()}
    window = windows.get(path.stem.lower())
    if window is None or len(path.parts) < 2:
        raise ImportRefused(
            file=parsed.name,
            line=None,
            problem="a window file must be <company-slug>/<window>.csv with window "
            "thirty-days, three-months, six-months, more-than-six-months or all.",
        )
    parsed.source, parsed.order = sources.SLUG_FOLDERS, 30
    for line, fields in _rows(parsed, rows, 6):
        _id, link, title, difficulty, _acceptance, frequency = fields
        problem = _problem(parsed, line, link, title, difficulty)
        value = (
            _frequency(parsed, line, frequency, scaled=True, column="Frequency %")
            if problem
            else None
        )
        if value is not None:
            parsed.problems.append(problem)
            parsed.tags.append(
                Tag(line, problem.slug, path.parent.name, window, round(value, 2), True)
            )


def read_flat_file(parsed: ParsedFile, rows: Iterable) -> None:
    company, _, window_name = PurePosixPath(parsed.name).stem.rpartition("_")
    window = FLAT_WINDOWS.get(window_name.lower())
    if window is None or not company:
        raise ImportRefused(
            file=parsed.name,
            line=None,
            problem="a flat file must be named <company-slug>_<window>.csv with "
            "window 6months, 1year, 2year or alltime.",
        )
    parsed.source, parsed.order = sources.FLAT_FILES, 40
    parsed.company_window = (company, window_name.lower())
    counted = []
    for line, fields in _rows(parsed, rows, 6):
        _id, title, _acceptance, difficulty, frequency, link = fields
        # Flat files replace commas in titles with semicolons.
        title = title.replace(";", ",")
        problem = _problem(parsed, line, link, title, difficulty)
        count = (
            _frequency(parsed, line, frequency, scaled=False, column="Frequency")
            if problem
            else None
        )
        if count is not None:
            counted.append((problem, company, count))
    _scale(parsed, counted, window, company_is_slug=True)


def flat_files_conflicts(files: list[ParsedFile]) -> None:
    """A company's 1year and 2year files would both fill "older": keep 1year."""
    named = [f.company_window for f in files if f.company_window]
    one_year = {company for company, window in named if window == "1year"}
    for parsed in files:
        company, window = parsed.company_window or (None, None)
        if window == "2year" and company in one_year:
            parsed.problems, parsed.tags = [], []
            parsed.skip(
                1,
                "skipped the whole file: its 2year window and the 1year file "
                "both fill the 'older' window, and the 1year file is kept.",
            )
