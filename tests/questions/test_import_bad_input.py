"""Malformed rows are skipped with their line and reason; malformed files are refused
whole, naming the file, the line and the problem, and nothing is written."""

import zipfile
from pathlib import Path

import pytest

from questions.importers import ImportRefused, import_path
from questions.models import Company, CompanyTag, Question, Source, Topic

pytestmark = pytest.mark.django_db

DATA = Path(__file__).parent / "data"
WINDOW_HEADER = "Difficulty,Title,Frequency,Acceptance Rate,Link,Topics\n"


def window_file(tmp_path: Path, body: str, name="5. All.csv") -> Path:
    path = tmp_path / "Acme" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes((WINDOW_HEADER + body).encode("utf-8"))
    return path


def nothing_written() -> bool:
    return not (
        Question.objects.exists()
        or CompanyTag.objects.exists()
        or Company.objects.exists()
        or Topic.objects.exists()
        or Source.objects.exists()
    )


def test_malformed_rows_are_skipped_with_line_and_reason(tmp_path):
    window_file(
        tmp_path,
        "EASY,Two Sum,100.0,0.54,https://leetcode.com/problems/two-sum,Array\n"
        "VERY HARD,Trapping Rain Water,90.0,0.6,https://leetcode.com/problems/trapping-rain-water,\n"
        "MEDIUM,No Link,80.0,0.5,,\n"
        "MEDIUM,LRU Cache,often,0.4,https://leetcode.com/problems/lru-cache,Design\n"
        "MEDIUM,Merge Intervals,120,0.4,https://leetcode.com/problems/merge-intervals,\n"
        "HARD,Too Few,70.0\n"
        "MEDIUM,,60.0,0.5,https://leetcode.com/problems/untitled,\n"
        "\n"
        "EASY,Valid Parentheses,50.0,0.41,https://leetcode.com/problems/valid-parentheses,\n",
    )

    report = import_path(tmp_path / "Acme")

    assert [(skip.line, skip.reason) for skip in report.skipped] == [
        (3, "unknown difficulty 'VERY HARD'."),
        (4, "the link '' names no problem."),
        (5, "Frequency 'often' is not a number."),
        (6, "Frequency '120' is not between 0 and 100."),
        (7, "expected 6 fields, found 3."),
        (8, "the title is empty."),
    ]
    assert sorted(Question.objects.values_list("slug", flat=True)) == [
        "two-sum",
        "valid-parentheses",
    ]
    assert report.lines()[-1] == "  Acme/5. All.csv, line 8: the title is empty."


@pytest.mark.parametrize(
    ("name", "content", "line", "problem"),
    [
        (
            "Acme/5. All.csv",
            b"Problem,Link\nTwo Sum,x\n",
            1,
            "the header 'Problem,Link'",
        ),
        (
            "Acme/5. All.csv",
            WINDOW_HEADER.encode() + b"EASY,Caf\xe9,1,0.5,x,\n",
            2,
            "not UTF-8 text (byte 0xe9)",
        ),
        (
            "Acme/5. All.csv",
            WINDOW_HEADER.encode() + b'EASY,"Two Sum,1,0.5,x,\n',
            2,
            "broken CSV: unexpected end of data",
        ),
        ("Acme/5. All.csv", b"", 1, "the file is empty"),
        ("Acme/Last Year.csv", WINDOW_HEADER.encode(), None, "must be <Company Name>/"),
        (
            "acme_3weeks.csv",
            b"ID,Title,Acceptance,Difficulty,Frequency,Leetcode Question Link\r\n",
            None,
            "window 6months, 1year, 2year or alltime",
        ),
        (
            "acme/recent.csv",
            b"ID,URL,Title,Difficulty,Acceptance %,Frequency %\n",
            None,
            "thirty-days, three-months",
        ),
        (
            "list.json",
            b'[\n  {"problem": "Two Sum",\n  }\n]',
            3,
            "the JSON does not parse",
        ),
        ("list.json", b'{"problems": []}', 1, "neither a Mockloop bank"),
    ],
)
def test_a_malformed_file_is_refused_whole_naming_file_line_and_problem(
    tmp_path, name, content, line, problem
):
    path = tmp_path / "upload" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)

    with pytest.raises(ImportRefused) as refused:
        import_path(tmp_path / "upload")

    assert refused.value.file == f"upload/{name}"
    assert refused.value.line == line
    assert problem in refused.value.problem
    assert nothing_written()


def test_one_broken_file_refuses_the_whole_folder(tmp_path):
    folder = tmp_path / "lists"
    for company in ("Facebook", "Two Sigma"):
        for source in (DATA / "window-folders" / company).iterdir():
            target = folder / company / source.name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(source.read_bytes())
    (folder / "Two Sigma" / "5. All.csv").write_bytes(b"Difficulty;Title\n")

    with pytest.raises(ImportRefused) as refused:
        import_path(folder)

    assert str(refused.value).startswith("lists/Two Sigma/5. All.csv, line 1: ")
    assert nothing_written()


def test_an_archive_that_reaches_outside_its_folder_is_refused(tmp_path):
    archive = tmp_path / "lists.zip"
    with zipfile.ZipFile(archive, "w") as opened:
        opened.writestr("../escape.csv", "problem_link,problem_name,num_occur\n")

    with pytest.raises(ImportRefused, match="unsafe path"):
        import_path(archive)
    assert not (tmp_path.parent / "escape.csv").exists()


def test_a_file_that_is_not_an_archive_is_refused(tmp_path):
    archive = tmp_path / "lists.zip"
    archive.write_bytes(b"not a zip")

    with pytest.raises(ImportRefused, match="lists.zip: not a readable .zip"):
        import_path(archive)


def test_a_missing_path_is_refused():
    with pytest.raises(ImportRefused, match="no such file or folder"):
        import_path(Path("/nonexistent/lists"))


def test_a_question_slug_that_names_a_page_is_refused(tmp_path):
    bank = tmp_path / "bank.yaml"
    bank.write_text(
        "format: mockloop-bank/1\n"
        "questions:\n"
        "  - slug: due\n"
        "    title: Due dates\n"
        "    kind: coding\n"
        "    difficulty: easy\n"
        "    statement: Sort the bills by due date.\n"
    )

    with pytest.raises(ImportRefused) as refused:
        import_path(bank)

    assert "'due' names a page" in str(refused.value)
    assert nothing_written()
