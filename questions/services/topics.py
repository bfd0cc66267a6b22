"""Folding near-duplicate topics: lists spell one topic several ways ("Binary tree",
"Binary trees", "Trees"; "Math & Geometry", "Math and geometry"), and each spelling
would otherwise be a filter of its own.

Two names are the same topic when they fold to the same key (case, plurals and
"and"/"&" aside) or when one is an alias of the other. Aliases are data: the
starter bank's topics.yaml ships them, the admin edits them, and every import and
every change of aliases merges what is already there.
"""

from collections import defaultdict

from django.db import transaction
from django.utils.text import slugify

from questions.models import Question, Topic

FILLER_WORDS = {"and", "the", "of"}


def topic_fold_key(name: str) -> str:
    """'Heaps and priority queues', 'Heap / Priority Queue': 'heap-priority-queue'."""
    words = []
    for word in slugify(name).split("-"):
        if not word or word in FILLER_WORDS:
            continue
        if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        words.append(word)
    return "-".join(words)


def topic_keys(topic: Topic) -> set[str]:
    """Every key under which a list may name this topic."""
    names = [topic.name, topic.slug, *(topic.aliases or [])]
    return {key for key in map(topic_fold_key, names) if key}


def _canonical(topics: list[Topic]) -> Topic:
    # A topic that declares aliases was curated on purpose; among equals, the first.
    return min(topics, key=lambda topic: (not topic.aliases, topic.pk))


@transaction.atomic
def topics_fold() -> int:
    """Merge every group of topics that name the same thing into one: its questions
    gain the kept topic, the others are deleted. Returns how many were merged."""
    topics = list(Topic.objects.select_for_update().order_by("pk"))
    # Union-find over shared keys: A shares a key with B, B with C -> one group.
    parent = {topic.pk: topic.pk for topic in topics}

    def root(pk: int) -> int:
        while parent[pk] != pk:
            parent[pk] = parent[parent[pk]]
            pk = parent[pk]
        return pk

    owner_of_key: dict[str, int] = {}
    for topic in topics:
        for key in topic_keys(topic):
            if key in owner_of_key:
                parent[root(topic.pk)] = root(owner_of_key[key])
            else:
                owner_of_key[key] = topic.pk
    groups: dict[int, list[Topic]] = defaultdict(list)
    for topic in topics:
        groups[root(topic.pk)].append(topic)
    merged = 0
    for group in groups.values():
        if len(group) > 1:
            kept = _canonical(group)
            for other in group:
                if other.pk != kept.pk:
                    _topic_merge(other, into=kept)
                    merged += 1
    return merged


def _topic_merge(topic: Topic, *, into: Topic) -> None:
    links = Question.topics.through.objects
    questions = list(links.filter(topic=topic).values_list("question_id", flat=True))
    having = set(
        links.filter(topic=into, question_id__in=questions).values_list(
            "question_id", flat=True
        )
    )
    links.bulk_create(
        links.model(question_id=pk, topic=into) for pk in questions if pk not in having
    )
    names = {topic.name, *(topic.aliases or [])} - {into.name}
    aliases = list(into.aliases or [])
    for name in sorted(names):
        if topic_fold_key(name) not in topic_keys(into):
            aliases.append(name)
    topic.delete()
    if aliases != list(into.aliases or []):
        into.aliases = aliases
        into.save(update_fields=["aliases"])
    Question.objects.filter(pk__in=questions).sync_topic_names()
