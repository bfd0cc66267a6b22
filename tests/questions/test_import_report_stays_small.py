"""A file of many bad rows gives a report of counts and a few examples of each kind,
not a line per row: the report of a huge file of repeated rows stays small, and the
admin's page of it stays quick."""

import json

import pytest

from questions.importers import import_path
from questions.importers.report import EXAMPLES_PER_KIND, report_lines
from questions.models import CompanyTag

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

REPEATS = 30_000


def test_a_file_of_repeated_rows_reports_counts_and_a_few_examples(tmp_path):
    path = tmp_path / "Acme.csv"
    rows = ["https://leetcode.com/problems/two-sum/,Two Sum,5"] * REPEATS
    rows += [f"https://leetcode.com/problems/p{n}/,P {n},often" for n in range(50)]
    path.write_text("problem_link,problem_name,num_occur\n" + "\n".join(rows) + "\n")

    report = import_path(path)

    stored = report.as_dict()
    assert stored["skipped_total"] == REPEATS - 1 + 50
    assert stored["skipped_kinds"] == {
        "a problem, company and window that came on an earlier line": REPEATS - 1,
        "num_occur … is not a number.": 50,
    }
    assert len(stored["skipped"]) == 2 * EXAMPLES_PER_KIND
    assert stored["skipped"][0]["line"] == 2 + 1  # the first repeat, in order
    assert len(json.dumps(stored)) < 10_000
    assert CompanyTag.objects.count() == 1
    lines = report_lines(stored)
    assert lines[3] == f"Skipped: {REPEATS - 1 + 50:,} row(s)."
    assert lines[-1].startswith(f"  … and {REPEATS - 1 + 50 - 40:,} more, of 2 kind(s)")
