"""Reading files with line numbers, so every refusal and skip can say where."""

import bisect
import csv
import io
import json
import json.decoder
import json.scanner
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from core.validators import is_web_url
from questions.importers.report import ImportRefused
from questions.models import RESERVED_QUESTION_SLUGS, Difficulty

SLUG_RE = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
LEETCODE_PROBLEM = "https://leetcode.com/problems/{slug}/"


class LineDict(dict):
    """A mapping that remembers the line it starts on and the line of each key."""

    line: int = 0
    # Replaced per instance, never changed in place.
    key_lines: dict = {}

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


def read_text(path: Path, name: str) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ImportRefused(
            file=name,
            line=line,
            problem=f"the file is not UTF-8 text (byte 0x{data[error.start]:02x}).",
        ) from error


def csv_rows(text: str, name: str) -> Iterator[tuple[int, list[str]]]:
    """Yield (line the record starts on, fields); blank lines are left out."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    start = 1
    try:
        for fields in reader:
            if any(value.strip() for value in fields):
                yield start, fields
            start = reader.line_num + 1
    except csv.Error as error:
        raise ImportRefused(
            file=name, line=reader.line_num or start, problem=f"broken CSV: {error}."
        ) from error


class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    pass


def _construct_mapping(loader, node):
    data = LineDict()
    data.line = node.start_mark.line + 1
    data.key_lines = {}
    yield data
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in data:
            raise yaml.constructor.ConstructorError(
                None, None, f"the key {key!r} appears twice", key_node.start_mark
            )
        data[key] = loader.construct_object(value_node, deep=True)
        data.key_lines[key] = key_node.start_mark.line + 1


_LineLoader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)


def load_yaml(text: str, name: str):
    try:
        return yaml.load(text, Loader=_LineLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or str(error)
        raise ImportRefused(
            file=name,
            line=mark.line + 1 if mark else None,
            problem=f"the YAML does not parse: {problem}.",
        ) from error


def load_json(text: str, name: str):
    newlines = [i for i, char in enumerate(text) if char == "\n"]

    def parse_object(s_and_end, *args, **kwargs):
        value, end = json.decoder.JSONObject(s_and_end, *args, **kwargs)
        data = LineDict(value)
        data.line = bisect.bisect_left(newlines, s_and_end[1]) + 1
        data.key_lines = {}
        return data, end

    decoder = json.JSONDecoder()
    decoder.parse_object = parse_object
    # The C scanner ignores parse_object; the Python one calls it for every object.
    decoder.scan_once = json.scanner.py_make_scanner(decoder)
    try:
        return decoder.decode(text)
    except json.JSONDecodeError as error:
        raise ImportRefused(
            file=name,
            line=error.lineno,
            problem=f"the JSON does not parse: {error.msg}.",
        ) from error


def slug_from_link(link: str) -> str | None:
    """The problem's key: the path segment after /problems/, else the last one."""
    parts = [part for part in urlsplit(link.strip()).path.split("/") if part]
    if "problems" in parts[:-1]:
        parts = parts[: parts.index("problems") + 2]
    slug = parts[-1].lower() if parts else ""
    if slug in RESERVED_QUESTION_SLUGS:
        return None
    return slug if SLUG_RE.match(slug) and len(slug) <= 200 else None


def canonical_link(link: str, slug: str) -> str:
    """One spelling per LeetCode problem, so formats that differ in slashes agree."""
    link = link.strip()
    host = urlsplit(link).hostname or ""
    if host in ("leetcode.com", "www.leetcode.com") or "://" not in link:
        return LEETCODE_PROBLEM.format(slug=slug)
    return link


def web_link(link: str, slug: str, *, file: str, line: int) -> str:
    """The problem's canonical link; anything but an http(s) address refuses the
    whole file, since a link is shown as a link on every page that lists it."""
    canonical = canonical_link(link, slug)
    if not is_web_url(canonical):
        raise ImportRefused(
            file=file,
            line=line,
            problem=f"the link {link.strip()!r} is not a web address: links must "
            "start with http:// or https://.",
        )
    return canonical


def parse_difficulty(value: str) -> int | None:
    try:
        return int(Difficulty.from_name(value))
    except KeyError:
        return None


def parse_number(value: str) -> float | None:
    try:
        number = float(value.strip().rstrip("%").strip())
    except ValueError:
        return None
    return number if number == number and abs(number) != float("inf") else None
