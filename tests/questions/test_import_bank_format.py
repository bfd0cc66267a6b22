import json
import textwrap
from pathlib import Path

import pytest
from django.conf import settings

from questions.importers import ImportRefused, import_path
from questions.models import (
    Company,
    CompanyTag,
    Difficulty,
    Question,
    QuestionList,
    RoundKind,
    Topic,
    Window,
)
from tests.questions.factories import CompanyFactory, CompanyTagFactory, TopicFactory

pytestmark = pytest.mark.django_db

BANK = Path(settings.BASE_DIR) / "questions" / "bank"


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


def test_the_starter_bank_imports_whole_with_hints_topics_and_sample_tags():
    report = import_path(BANK)

    assert report.created["questions"] == 179
    assert report.skipped == []
    question = Question.objects.get(slug="sensor-log-run-length-compression")
    assert question.title == "Compress a sensor log with run lengths"
    assert question.kind == RoundKind.CODING
    assert question.difficulty == Difficulty.EASY
    assert question.hints[0].startswith("Walk the string once")
    assert len(question.follow_ups) == 3
    assert question.statement.startswith("A sensor writes one status letter")
    assert question.topic_names == "Arrays and strings"
    assert question.source.license == "MIT (Mockloop contributors)"
    tag = question.company_tags.get(company__slug="amazon")
    assert (tag.window, tag.frequency, tag.is_sample) == (Window.MONTHS_6, 35, True)
    meta = Company.objects.get(slug="meta")
    assert meta.aliases == ["Facebook", "Facebook Inc"]
    assert "E4/E5" in meta.loop_notes
    assert (
        Topic.objects.get(slug="ads-and-integrity").name == "Ads, fraud and integrity"
    )
    assert set(Question.objects.values_list("kind", flat=True)) == set(RoundKind.values)


def test_a_json_bank_file_imports_like_yaml_with_its_list(tmp_path):
    document = {
        "format": "mockloop-bank/1",
        "source": {"name": "Team bank", "license": "CC BY 4.0"},
        "topics": [{"slug": "graphs", "name": "Graphs"}],
        "companies": [{"slug": "acme", "name": "Acme", "aliases": ["Acme Corp"]}],
        "questions": [
            {
                "slug": "route-planner",
                "title": "Route planner",
                "kind": "coding",
                "difficulty": "hard",
                "topics": ["graphs"],
                "statement": "Plan a route.",
                "hints": ["Dijkstra?"],
                "companies": [
                    {"company": "Acme Corp", "window": "30d", "frequency": 80}
                ],
            }
        ],
        "lists": [
            {
                "slug": "team-week",
                "name": "Team week",
                "items": [{"slug": "route-planner", "section": "Day 1"}],
            }
        ],
    }
    path = tmp_path / "team.json"
    path.write_text(json.dumps(document, indent=2), encoding="utf-8")

    report = import_path(path)

    assert report.created["questions"] == 1
    question = Question.objects.get(slug="route-planner")
    assert question.hints == ["Dijkstra?"]
    assert question.source.name == "Team bank"
    tag = question.company_tags.get()
    assert (tag.company.slug, tag.window, tag.frequency) == ("acme", "30d", 80)
    item = QuestionList.objects.get(slug="team-week", owner=None).items.get()
    assert (item.question, item.section) == (question, "Day 1")


def test_a_bank_file_is_the_full_truth_about_its_questions(tmp_path):
    bank = """
        format: mockloop-bank/1
        source: {{name: Team bank}}
        questions:
          - slug: two-heaps
            title: Running median
            kind: coding
            difficulty: medium
            statement: Keep the median of a stream.
            hints: [{hints}]
            companies:
              - {{company: acme, window: 6m, frequency: 40}}
        """
    acme = CompanyFactory(name="Acme", slug="acme")
    import_path(write(tmp_path, "bank.yaml", bank.format(hints="Two heaps.")))
    question = Question.objects.get(slug="two-heaps")
    other = CompanyTagFactory(question=question, window=Window.ALL, frequency=5)

    edited = bank.format(hints="Two heaps., Balance them.").replace(
        "6m, frequency: 40", "3m, frequency: 70"
    )
    report = import_path(write(tmp_path, "bank.yaml", edited))

    question.refresh_from_db()
    assert question.hints == ["Two heaps.", "Balance them."]
    tags = {(t.company, t.window, t.frequency) for t in question.company_tags.all()}
    # The file's own tag moved window; a tag from elsewhere stayed.
    assert tags == {(acme, "3m", 70), (other.company, "all", 5)}
    assert report.updated["questions"] == 1


def test_aliases_and_renames_find_the_company_a_bank_tag_names(tmp_path):
    CompanyFactory(name="Meta", slug="meta", aliases=["Facebook"])
    CompanyFactory(name="X", slug="x")
    write(
        tmp_path,
        "bank.yaml",
        """
        format: mockloop-bank/1
        questions:
          - slug: feed-ranking
            title: Feed ranking
            kind: ml_system_design
            difficulty: hard
            statement: Rank a feed.
            companies:
              - {company: Facebook, window: all, frequency: 90}
              - {company: Twitter, window: all, frequency: 60}
        """,
    )

    import_path(tmp_path / "bank.yaml")

    tags = CompanyTag.objects.filter(question__slug="feed-ranking")
    assert sorted(tags.values_list("company__slug", flat=True)) == ["meta", "x"]


@pytest.mark.parametrize(
    ("body", "line", "problem"),
    [
        (
            "  - {slug: a-b, title: T, kind: poetry, difficulty: easy, statement: S}",
            3,
            "'kind' is 'poetry'",
        ),
        (
            "  - {slug: a-b, kind: coding, difficulty: easy, statement: S}",
            3,
            "'title' is required",
        ),
        (
            "  - {slug: a-b, title: T, kind: coding, difficulty: easy}",
            3,
            "needs a statement or a link",
        ),
        (
            "  - {slug: A B, title: T, kind: coding, difficulty: easy, statement: S}",
            3,
            "not a lower-case kebab-case slug",
        ),
        (
            "  - slug: a-b\n    title: T\n    kind: coding\n    difficulty: easy\n"
            "    statement: S\n    hits: [typo]",
            8,
            "unknown key 'hits'",
        ),
        (
            "  - {slug: a-b, title: T, kind: coding, difficulty: easy, statement: S,\n"
            "     topics: [no-such-topic]}",
            4,
            "unknown topic 'no-such-topic'",
        ),
        (
            "  - slug: a-b\n    title: T\n    kind: coding\n    difficulty: easy\n"
            "    statement: S\n    companies:\n      - {company: initech, window: 6m,"
            " frequency: 5}",
            9,
            "unknown company 'initech'",
        ),
        (
            "  - slug: a-b\n    title: T\n    kind: coding\n    difficulty: easy\n"
            "    statement: S\n    companies:\n      - {company: acme, window: 6m,"
            " frequency: 500}",
            9,
            "'frequency' must be a number from 0 to 100",
        ),
        (
            "  - {slug: a-b, title: T, kind: coding, difficulty: easy, statement: S}\n"
            "  - {slug: a-b, title: U, kind: coding, difficulty: easy, statement: S}",
            4,
            "'a-b' appears twice",
        ),
        ("  - {slug: a-b, title: [T, kind: coding}", 3, "the YAML does not parse"),
    ],
)
def test_a_bank_file_that_fails_the_schema_is_refused_with_its_line(
    tmp_path, body, line, problem
):
    CompanyFactory(name="Acme", slug="acme")
    path = tmp_path / "broken.yaml"
    path.write_text(f"format: mockloop-bank/1\nquestions:\n{body}\n", encoding="utf-8")

    with pytest.raises(ImportRefused) as refused:
        import_path(path)

    assert refused.value.file == f"{tmp_path.name}/broken.yaml"
    assert refused.value.line == line
    assert problem in refused.value.problem
    assert not Question.objects.exists()


def test_a_topic_name_taken_by_another_slug_refuses_the_file(tmp_path):
    TopicFactory(name="Graphs", slug="graph-theory")
    write(
        tmp_path,
        "topics.yaml",
        """
        format: mockloop-bank/1
        topics:
          - {slug: graphs, name: Graphs}
        """,
    )

    with pytest.raises(ImportRefused, match="line 3: the topic 'graph-theory'"):
        import_path(tmp_path)
    assert Topic.objects.count() == 1


def test_a_file_without_the_bank_format_line_is_refused(tmp_path):
    write(tmp_path, "notes.yaml", "questions: []\n")

    with pytest.raises(ImportRefused, match="neither a Mockloop bank"):
        import_path(tmp_path / "notes.yaml")
