"""Lists spell one topic several ways; imports file each spelling under one topic,
and new aliases (from the bank's topics.yaml or the admin) merge the topics that
earlier imports created apart."""

import itertools
from pathlib import Path

import pytest
from django.conf import settings

from questions.importers import import_path
from questions.importers.export import export_bank
from questions.importers.starter import (
    BANK,
    CURATED,
    curated_lists_import,
    starter_bank_import,
)
from questions.models import Question, Topic
from questions.services.topics import topic_fold_key, topics_fold
from tests.factories import UserFactory
from tests.questions.factories import QuestionFactory, TopicFactory

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

TOPICS_FILE = Path(BANK) / "topics.yaml"
SHARED_DATA = Path(settings.BASE_DIR).parent / "shared" / "data"
# Topics of the bank that share a first word and are still different things.
DISTINCT_ALTHOUGH_ALIKE = {
    frozenset({"Binary search", "Binary search trees"}),
    frozenset({"Binary search", "Binary trees"}),
    frozenset({"Binary search trees", "Binary trees"}),
    frozenset({"Data and feature engineering", "Data structure design"}),
    frozenset({"Model evaluation", "Model serving and MLOps"}),
}


def near_duplicates(names) -> list[tuple[str, str]]:
    """Pairs of topic names that look like one topic: the same key once folded,
    one's words within the other's ("Graphs", "Advanced Graphs"), or the same main
    (first) word ("Arrays & Hashing", "Arrays and strings")."""
    found = []
    for one, other in itertools.combinations(sorted(names), 2):
        if frozenset({one, other}) in DISTINCT_ALTHOUGH_ALIKE:
            continue
        words, others = (topic_fold_key(name).split("-") for name in (one, other))
        if (
            words[0] == others[0]
            or set(words) <= set(others)
            or set(others) <= set(words)
        ):
            found.append((one, other))
    return found


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Binary tree", "Binary trees"),
        ("Math & Geometry", "Math and geometry"),
        ("Heap / Priority Queue", "Heaps and priority queues"),
        ("Linked List", "Linked lists"),
        ("Tries", "Trie"),
    ],
)
def test_spellings_of_one_topic_fold_to_one_key(one, other):
    assert topic_fold_key(one) == topic_fold_key(other)


def test_different_topics_keep_their_own_keys():
    assert topic_fold_key("Binary search") != topic_fold_key("Binary search trees")
    assert topic_fold_key("Graphs") != topic_fold_key("Advanced Graphs")


def test_the_curated_lists_add_no_near_duplicate_of_a_starter_topic():
    import_path(TOPICS_FILE)
    import_path(CURATED)

    names = set(Topic.objects.values_list("name", flat=True))
    for duplicate in (
        "Binary Tree",
        "Binary tree",
        "Trees",
        "Math",
        "Math & Geometry",
        "Heap / Priority Queue",
        "Heap",
        "Linked List",
        "Linked list",
        "Trie",
        "Stack",
        "Array",
    ):
        assert duplicate not in names
    invert = Question.objects.get(slug="invert-binary-tree")
    assert "Binary trees" in set(invert.topics.values_list("name", flat=True))


def test_after_load_demos_imports_no_two_topics_are_near_duplicates():
    starter_bank_import()
    curated_lists_import()

    names = set(Topic.objects.values_list("name", flat=True))
    assert not {"Arrays & Hashing", "Advanced Graphs", "Matrix"} & names
    assert near_duplicates(names) == []
    arrays = Topic.objects.get(name="Arrays and strings")
    # NeetCode's "Arrays & Hashing" questions joined the bank's topic.
    assert arrays.questions.filter(slug="contains-duplicate").exists()
    assert arrays.questions.filter(slug="spiral-matrix").exists()
    graphs = Topic.objects.get(name="Graphs")
    assert graphs.questions.filter(slug="network-delay-time").exists()


@pytest.mark.skipif(not SHARED_DATA.is_dir(), reason="no ../shared/data here")
def test_every_topic_of_the_shared_curated_lists_folds_into_the_bank():
    import_path(TOPICS_FILE)
    bank_topics = set(Topic.objects.values_list("name", flat=True))

    import_path(SHARED_DATA / "neetcode-gh-leetcode" / "problemSiteData.json")
    import_path(SHARED_DATA / "tech-interview-handbook" / "QuestionGroups.json")

    # NeetCode's 30 days of JavaScript is a topic the bank has no questions on.
    assert set(Topic.objects.values_list("name", flat=True)) - bank_topics <= {
        "JavaScript"
    }
    assert near_duplicates(Topic.objects.values_list("name", flat=True)) == []


def test_near_duplicates_are_found_by_their_main_word():
    assert near_duplicates(["Arrays & Hashing", "Arrays and strings"]) != []
    assert near_duplicates(["Graphs", "Advanced Graphs"]) != []
    assert near_duplicates(["Graphs", "Greedy", "Binary trees", "Tries"]) == []


def test_aliases_merge_topics_imported_before_them():
    binary_tree = TopicFactory(name="Binary Tree", slug="binary-tree")
    trees = TopicFactory(name="Trees", slug="trees-neetcode")
    math = TopicFactory(name="Math", slug="math")
    first = QuestionFactory(slug="first", topics=[binary_tree])
    second = QuestionFactory(slug="second", topics=[trees, math])

    report = import_path(TOPICS_FILE)

    assert report.updated["topics_merged"] == 3
    assert not Topic.objects.filter(name__in=["Binary Tree", "Trees", "Math"]).exists()
    first.refresh_from_db()
    second.refresh_from_db()
    assert list(first.topics.values_list("name", flat=True)) == ["Binary trees"]
    assert set(second.topics.values_list("name", flat=True)) == {
        "Binary trees",
        "Math and geometry",
    }
    # Search reads the names kept in the row.
    assert "Binary trees" in first.topic_names
    assert "Binary Tree" not in first.topic_names


def test_an_alias_added_later_merges_at_once_and_twice_changes_nothing():
    kept = TopicFactory(name="Dynamic programming", slug="dynamic-programming")
    other = TopicFactory(name="DP on grids", slug="dp-on-grids")
    question = QuestionFactory(slug="paths", topics=[other])

    kept.aliases = ["DP on grids"]
    kept.save()

    assert topics_fold() == 1
    assert topics_fold() == 0
    assert list(question.topics.values_list("name", flat=True)) == [
        "Dynamic programming"
    ]


def test_the_admin_merges_when_an_alias_is_saved(client):
    admin = UserFactory(email="admin@example.com", is_staff=True, is_superuser=True)
    kept = TopicFactory(name="Graphs", slug="graphs")
    other = TopicFactory(name="Graph theory", slug="graph-theory")
    QuestionFactory(slug="islands", topics=[other])
    client.force_login(admin)

    response = client.post(
        f"/admin/questions/topic/{kept.pk}/change/",
        {"name": "Graphs", "slug": "graphs", "aliases": '["Graph theory"]'},
        follow=True,
    )

    assert response.status_code == 200
    assert "1 topic(s) of the same name were merged into one." in (
        response.content.decode()
    )
    assert not Topic.objects.filter(slug="graph-theory").exists()
    assert list(
        Question.objects.get(slug="islands").topics.values_list("name", flat=True)
    ) == ["Graphs"]


def test_export_keeps_the_aliases(tmp_path):
    import_path(TOPICS_FILE)

    export_bank(path=tmp_path / "out")

    text = (tmp_path / "out" / "topics.yaml").read_text()
    assert "aliases: [Binary tree, Tree, Trees]" in text
