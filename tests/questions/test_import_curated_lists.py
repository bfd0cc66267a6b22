"""The two MIT-licensed lists in ../shared/data become curated QuestionLists."""

import json
from pathlib import Path

import pytest
from django.conf import settings

from questions.importers import import_path
from questions.models import Difficulty, Question, QuestionList, Topic

pytestmark = pytest.mark.django_db

SHARED = Path(settings.BASE_DIR).parent / "shared" / "data"
NEETCODE = SHARED / "neetcode-gh-leetcode" / "problemSiteData.json"
GRIND = SHARED / "tech-interview-handbook" / "QuestionGroups.json"


def items(slug: str) -> list[tuple[str, str]]:
    question_list = QuestionList.objects.get(slug=slug, owner=None)
    return list(
        question_list.items.order_by("position").values_list(
            "question__slug", "section"
        )
    )


def test_neetcode_gives_the_neetcode_150_and_blind_75_grouped_by_pattern():
    report = import_path(NEETCODE)

    problems = json.loads(NEETCODE.read_text())
    expected = [
        (p["link"].rstrip("/"), p["pattern"]) for p in problems if p.get("neetcode150")
    ]
    assert items("neetcode-150") == expected
    blind = items("blind-75")
    assert len(blind) == 75
    assert blind[0] == ("contains-duplicate", "Arrays & Hashing")
    assert report.created["questions"] == 450
    assert report.created["lists"] == 2


def test_neetcode_patterns_become_topics_of_the_questions():
    import_path(NEETCODE)

    question = Question.objects.get(slug="valid-anagram")
    assert list(question.topics.values_list("name", flat=True)) == ["Arrays & Hashing"]
    assert question.topic_names == "Arrays & Hashing"
    assert question.difficulty == Difficulty.EASY
    assert question.link == "https://leetcode.com/problems/valid-anagram/"
    assert Topic.objects.filter(name="Heap / Priority Queue").exists()


def test_grind_75_keeps_its_weeks_as_sections():
    report = import_path(GRIND)

    grind = items("grind-75")
    assert len(grind) == 75
    assert grind[0] == ("two-sum", "Week 1")
    assert grind[-1][1] == "Week 8"
    weeks = json.loads(GRIND.read_text())
    assert [slug for slug, _ in grind] == [
        problem["slug"] for week in weeks.values() for problem in week
    ]
    assert Question.objects.get(slug="two-sum").estimated_minutes == 15
    assert report.skipped == []


def test_curated_lists_show_their_source_and_licence():
    import_path(NEETCODE)
    import_path(GRIND)

    neetcode = QuestionList.objects.get(slug="neetcode-150")
    grind = QuestionList.objects.get(slug="grind-75")
    assert neetcode.is_curated and grind.is_curated
    assert neetcode.source.license == "MIT (c) 2022 neetcode-gh"
    assert grind.source.license == "MIT (c) 2017-present Yangshun Tay"
    assert Question.objects.get(slug="two-sum").source == neetcode.source


def test_a_problem_without_a_usable_link_is_skipped_with_its_line(tmp_path):
    path = tmp_path / "problemSiteData.json"
    path.write_text(
        "[\n"
        '  {"problem": "Two Sum", "pattern": "Arrays & Hashing",\n'
        '   "link": "two-sum/", "difficulty": "Easy", "neetcode150": true},\n'
        '  {"problem": "Mystery", "pattern": "Graphs",\n'
        '   "link": "", "difficulty": "Easy", "neetcode150": true},\n'
        '  {"problem": "Harder", "pattern": "Graphs",\n'
        '   "link": "harder/", "difficulty": "Brutal", "neetcode150": true}\n'
        "]\n"
    )

    report = import_path(path)

    assert [(s.line, s.reason) for s in report.skipped] == [
        (4, "the link '' names no problem."),
        (6, "unknown difficulty 'Brutal'."),
    ]
    assert items("neetcode-150") == [("two-sum", "Arrays & Hashing")]
