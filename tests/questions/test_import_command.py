import io
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from demo.management.commands.load_demo import demo_steps
from questions.importers.starter import starter_bank_import
from questions.models import CompanyTag, Question

pytestmark = pytest.mark.django_db

DATA = Path(__file__).parent / "data"


def run(*args) -> str:
    out = io.StringIO()
    call_command("import_questions", *args, stdout=out)
    return out.getvalue()


def test_import_questions_prints_the_report_with_skipped_rows(tmp_path):
    path = tmp_path / "Acme" / "5. All.csv"
    path.parent.mkdir()
    path.write_text(
        "Difficulty,Title,Frequency,Acceptance Rate,Link,Topics\n"
        "EASY,Two Sum,100.0,0.54,https://leetcode.com/problems/two-sum,Array\n"
        "EASY,Two Sum Again,oops,0.54,https://leetcode.com/problems/two-sum-ii,\n"
    )

    output = run(str(tmp_path / "Acme"))

    assert "Read 1 file(s), 2 rows" in output
    assert "Created: 1 questions, 1 company tags, 1 companies, 1 topics" in output
    assert "Acme/5. All.csv, line 3: Frequency 'oops' is not a number." in output


def test_import_questions_exits_non_zero_naming_the_refused_file(tmp_path):
    (tmp_path / "lists.csv").write_text("Title,Link\nTwo Sum,x\n")

    with pytest.raises(CommandError) as refused:
        run(str(tmp_path / "lists.csv"))

    assert refused.value.returncode == 1
    assert str(refused.value).startswith(
        f"Refused; nothing was imported. {tmp_path.name}/lists.csv, line 1: the header"
    )
    assert not Question.objects.exists()


def test_import_questions_reads_a_zip_of_a_folder(tmp_path):
    archive = shutil.make_archive(
        str(tmp_path / "slug-folders"), "zip", DATA, "slug-folders"
    )

    output = run(archive)

    assert "Created: 7 questions, 18 company tags, 2 companies" in output
    assert CompanyTag.objects.filter(company__slug="x", window="30d").count() == 2


def test_load_demo_imports_the_starter_bank_and_says_so_in_one_line():
    assert starter_bank_import in demo_steps()

    first = starter_bank_import()
    second = starter_bank_import()

    assert first == (
        "Starter question bank: 10 files in questions/bank/; added 179 questions, "
        "400 company tags, 15 companies, 47 topics, 1 source."
    )
    assert second.endswith("; nothing new or changed (0 created, 0 updated).")
    assert Question.objects.count() == 179
