"""The starter bank's coding questions carry examples as data (a function and its
cases); each is imported as written, agrees with the question's own solution, and a
bank file with broken examples is refused with its line."""

import copy
import re
import textwrap
from pathlib import Path

import pytest
import yaml
from django.conf import settings

from questions.importers import ImportRefused, import_path
from questions.models import Question

BANK = Path(settings.BASE_DIR) / "questions" / "bank"
PYTHON_BLOCK = re.compile(r"```python\n(.*?)```", re.S)


def starter_questions_with_examples() -> list[dict]:
    return [
        question
        for path in sorted(BANK.glob("*.yaml"))
        for question in (
            yaml.load(path.read_text(), Loader=yaml.CSafeLoader) or {}
        ).get("questions", [])
        if question.get("examples")
    ]


def test_several_starter_questions_have_examples():
    assert len(starter_questions_with_examples()) >= 29


@pytest.mark.parametrize(
    "question", starter_questions_with_examples(), ids=lambda q: q["slug"]
)
def test_each_example_agrees_with_the_questions_solution(question):
    namespace: dict = {}
    exec(PYTHON_BLOCK.search(question["solution_outline"]).group(1), namespace)
    function = namespace[question["examples"]["function"]]
    for case in question["examples"]["cases"]:
        assert function(*copy.deepcopy(case["args"])) == case["expected"], case


@pytest.mark.django_db
def test_examples_are_imported_as_plain_data():
    import_path(BANK)

    question = Question.objects.get(slug="balanced-brackets-in-config")
    assert question.examples["function"] == "brackets_balanced"
    assert question.examples["cases"][1] == {"args": ["[(])"], "expected": False}
    assert Question.objects.get(slug="reverse-a-train-of-carriages").examples == {}


BAD_EXAMPLES = {
    "no cases": ("function: f\n  cases: []", "give 1 to 20 'cases'"),
    "a bad name": (
        "function: 'f()'\n  cases: [{args: [1], expected: 1}]",
        "is not a function name",
    ),
    "args not a list": (
        "function: f\n  cases: [{args: 1, expected: 1}]",
        "a case needs 'args'",
    ),
    "no expected value": ("function: f\n  cases: [{args: [1]}]", "a case needs"),
    "an unknown key": (
        "function: f\n  run: yes\n  cases: [{args: [1], expected: 1}]",
        "unknown key 'run'",
    ),
    "a date, not JSON": (
        "function: f\n  cases: [{args: [2025-01-01], expected: 1}]",
        "only JSON data",
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize("examples, problem", BAD_EXAMPLES.values(), ids=BAD_EXAMPLES)
def test_a_bank_file_with_broken_examples_is_refused(tmp_path, examples, problem):
    path = tmp_path / "bank.yaml"
    path.write_text(
        textwrap.dedent("""\
            format: mockloop-bank/1
            questions:
              - slug: q
                title: Q
                kind: coding
                statement: Do it.
                examples:
                  EXAMPLES
            """).replace("EXAMPLES", examples.replace("\n  ", "\n      ")),
        encoding="utf-8",
    )

    with pytest.raises(ImportRefused, match=re.escape(problem)):
        import_path(path)
    assert not Question.objects.filter(slug="q").exists()
