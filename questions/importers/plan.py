"""Finding the files of an import, telling their format from their content, reading
them, and checking what they refer to: everything that can refuse an import happens
here, before the first write."""

from pathlib import Path

from django.utils.text import slugify

from questions.importers import company_lists as lists
from questions.importers import curated
from questions.importers.bank_schema import is_bank, list_items, validate_bank
from questions.importers.companies import CompanyDirectory, canonical_name
from questions.importers.reading import csv_rows, load_json, load_yaml, read_text
from questions.importers.records import ParsedFile
from questions.importers.report import ImportRefused
from questions.models import Company, Question, Topic

SUFFIXES = {".csv", ".json", ".yaml", ".yml"}
BANK_KEYS = ("companies", "topics", "questions", "lists")
CSV_LABELS = {
    "long": "company lists, long form (hxu296)",
    "per_company": "company list, one company (hxu296)",
    "window_folder": "company list, per-company window folder",
    "slug_folder": "company list, per-company slug folder",
    "flat": "company list, flat file",
}


def discover(root: Path, name: str | None = None) -> list[tuple[Path, str]]:
    """(path, name shown in reports) of every file to read, in a stable order.

    Names keep the folder above each file: window files name their company by it.
    """
    if root.is_file():
        return [(root, name or f"{root.parent.name}/{root.name}".lstrip("/"))]
    if not root.is_dir():
        raise ImportRefused(
            file=str(root), line=None, problem="no such file or folder."
        )
    found = []
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        hidden = any(p.startswith(".") or p == "__MACOSX" for p in relative.parts)
        if path.is_file() and path.suffix.lower() in SUFFIXES and not hidden:
            found.append((path, f"{name or root.name}/{relative.as_posix()}"))
    if not found:
        raise ImportRefused(
            file=root.name,
            line=None,
            problem="the folder holds no .csv, .json, .yaml or .yml file.",
        )
    return found


def parse_file(path: Path, name: str) -> ParsedFile:
    parsed = ParsedFile(name=name, format="", source=None, order=0)
    text = read_text(path, name)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        _parse_csv(parsed, path, text)
        return parsed
    document = load_json(text, name) if suffix == ".json" else load_yaml(text, name)
    if is_bank(document):
        parsed.bank = validate_bank(document, name)
        parsed.format = "Mockloop bank"
        parsed.source = None
        parsed.rows = sum(len(document.get(key) or []) for key in BANK_KEYS)
        parsed.order = 90 if _only(document, "lists") else 1
        if not (document.get("questions") or document.get("lists")):
            parsed.order = 0
    elif suffix == ".json" and curated.is_neetcode(document):
        parsed.format = "NeetCode problem list"
        curated.read_neetcode(parsed, document)
    elif suffix == ".json" and curated.is_grind(document):
        parsed.format = "Grind 75 plan"
        curated.read_grind(parsed, document)
    else:
        raise ImportRefused(
            file=name,
            line=1,
            problem="this is neither a Mockloop bank (format: mockloop-bank/1), "
            "a NeetCode problem list nor a Grind 75 plan.",
        )
    return parsed


def _only(document: dict, key: str) -> bool:
    return bool(document.get(key)) and not any(
        document.get(other) for other in BANK_KEYS if other != key
    )


def _parse_csv(parsed: ParsedFile, path: Path, text: str) -> None:
    rows = csv_rows(text, parsed.name)
    first = next(rows, None)
    if first is None:
        raise ImportRefused(
            file=parsed.name, line=1, problem="the file is empty; expected a header."
        )
    line, header = first
    kind = lists.csv_format(header)
    if kind is None:
        known = "; ".join(",".join(h) for h in lists.HEADERS)
        raise ImportRefused(
            file=parsed.name,
            line=line,
            problem=f"the header {','.join(header)!r} is not one Mockloop reads "
            f"(expected one of: {known}).",
        )
    parsed.format = CSV_LABELS[kind]
    if kind == "long":
        lists.read_long_form(parsed, rows)
    elif kind == "per_company":
        lists.read_per_company(parsed, rows, path.stem)
    elif kind == "window_folder":
        lists.read_window_folder(parsed, rows, len(header))
    elif kind == "slug_folder":
        lists.read_slug_folder(parsed, rows)
    else:
        lists.read_flat_file(parsed, rows)


def plan(root: Path, name: str | None = None) -> list[ParsedFile]:
    """Every file read and checked, in the order to write them."""
    files = [parse_file(path, shown) for path, shown in discover(root, name)]
    lists.flat_files_conflicts(files)
    files.sort(key=lambda parsed: (parsed.order, parsed.name))
    _check_references(files)
    return files


class _Known:
    """What exists, or will once the files before the one being checked are written."""

    def __init__(self, files: list[ParsedFile]) -> None:
        self.topics = dict(Topic.objects.values_list("slug", "name"))
        self.topic_names = {name: slug for slug, name in self.topics.items()}
        self.company_names = dict(Company.objects.values_list("name", "slug"))
        self.companies = CompanyDirectory()
        self.company_keys: set[str] = set()
        wanted = {
            slug
            for parsed in files
            if parsed.bank
            for entry in parsed.bank.get("lists") or []
            for slug, _ in list_items(entry)
        }
        self.questions = set(
            Question.objects.filter(slug__in=wanted).values_list("slug", flat=True)
        )

    def has_company(self, name: str) -> bool:
        keys = {slugify(name), slugify(canonical_name(name))}
        return bool(self.companies.find(name)) or bool(keys & self.company_keys)


def _check_references(files: list[ParsedFile]) -> None:
    known = _Known(files)
    for parsed in files:
        if parsed.bank:
            _check_bank(parsed, known)
        else:
            known.questions.update(problem.slug for problem in parsed.problems)


def _refuse(parsed: ParsedFile, entry, key: str, problem: str):
    raise ImportRefused(file=parsed.name, line=entry.line_of(key), problem=problem)


def _check_bank(parsed: ParsedFile, known: _Known) -> None:
    document = parsed.bank
    for entry in document.get("topics") or []:
        taken = known.topic_names.get(entry["name"])
        if taken not in (None, entry["slug"]):
            _refuse(
                parsed, entry, "name", f"the topic {taken!r} is already named that."
            )
        known.topic_names.pop(known.topics.get(entry["slug"]), None)
        known.topics[entry["slug"]] = entry["name"]
        known.topic_names[entry["name"]] = entry["slug"]
    for entry in document.get("companies") or []:
        taken = known.company_names.get(entry["name"])
        if taken not in (None, entry["slug"]):
            _refuse(parsed, entry, "name", f"the company {taken!r} has that name.")
        known.company_names[entry["name"]] = entry["slug"]
        names = [entry["slug"], entry["name"], *(entry.get("aliases") or [])]
        known.company_keys.update(slugify(name) for name in names)
    for entry in document.get("questions") or []:
        known.questions.add(entry["slug"])
        for slug in entry.get("topics") or []:
            if slug not in known.topics:
                _refuse(parsed, entry, "topics", f"unknown topic {slug!r}.")
        for tag in entry.get("companies") or []:
            if not known.has_company(tag["company"]):
                _refuse(parsed, tag, "company", f"unknown company {tag['company']!r}.")
    for entry in document.get("lists") or []:
        for slug, _ in list_items(entry):
            if slug not in known.questions:
                _refuse(parsed, entry, "items", f"unknown question {slug!r}.")
