"""Writing a checked mockloop-bank/1 document: the file is the full truth about what it
names (keys it leaves out stay as they are), so export then import changes nothing."""

import json

from django.utils import timezone

from questions.importers.bank_schema import list_items
from questions.importers.companies import CompanyDirectory
from questions.importers.records import ListSpec, ParsedFile
from questions.importers.report import ImportRefused, ImportReport
from questions.importers.sources import bank_source, source_ensure
from questions.importers.upsert import BATCH, list_upsert
from questions.models import (
    Company,
    CompanyTag,
    Difficulty,
    Question,
    Source,
    Topic,
)

# Question fields a bank entry sets as written, with the value a missing key means on
# a new question.
FIELDS = {
    "title": "",
    "kind": "",
    "difficulty": None,
    "statement": "",
    "link": "",
    "hints": [],
    "solution_outline": "",
    "follow_ups": [],
    "expected_complexity": "",
    "examples": {},
    "estimated_minutes": None,
}


def _set_changed(instance, wanted: dict) -> list[str]:
    changed = [key for key, value in wanted.items() if getattr(instance, key) != value]
    for key in changed:
        setattr(instance, key, wanted[key])
    return changed


def bank_write(
    parsed: ParsedFile, *, report: ImportReport, companies: CompanyDirectory
) -> None:
    document = parsed.bank
    source = source_ensure(bank_source(document.get("source")), report)
    for entry in document.get("topics") or []:
        _topic_upsert(parsed, entry, report)
    for entry in document.get("companies") or []:
        _company_upsert(parsed, entry, source, report, companies)
    _questions_upsert(
        parsed, document.get("questions") or [], source, report, companies
    )
    for entry in document.get("lists") or []:
        spec = ListSpec(
            slug=entry["slug"],
            name=entry["name"],
            description=entry.get("description") or "",
            items=list_items(entry),
        )
        list_upsert(spec, source=source, report=report)


def _refuse_taken(parsed, entry, model, name: str) -> None:
    other = model.objects.filter(name=name).exclude(slug=entry["slug"]).first()
    if other:
        raise ImportRefused(
            file=parsed.name,
            line=entry.line_of("name"),
            problem=f"the name {name!r} already belongs to {other.slug!r}.",
        )


def _topic_upsert(parsed: ParsedFile, entry, report: ImportReport) -> None:
    _refuse_taken(parsed, entry, Topic, entry["name"])
    wanted = {"name": entry["name"]}
    if "aliases" in entry:
        wanted["aliases"] = entry["aliases"] or []
    topic = Topic.objects.filter(slug=entry["slug"]).first()
    if topic is None:
        Topic.objects.create(slug=entry["slug"], **wanted)
        report.created["topics"] += 1
    else:
        changed = _set_changed(topic, wanted)
        if changed:
            topic.save(update_fields=changed)
            report.updated["topics"] += 1


def _company_upsert(parsed, entry, source, report, companies) -> None:
    _refuse_taken(parsed, entry, Company, entry["name"])
    wanted = {"name": entry["name"], "source_id": source.pk if source else None}
    for key, default in (("aliases", []), ("loop_notes", "")):
        if key in entry:
            wanted[key] = entry[key] or default
    company = Company.objects.filter(slug=entry["slug"]).first()
    if company is None:
        company = Company.objects.create(slug=entry["slug"], **wanted)
        report.created["companies"] += 1
    else:
        changed = _set_changed(company, wanted)
        if changed:
            company.save(update_fields=changed)
            report.updated["companies"] += 1
    companies.remember(company)


def _wanted_fields(entry) -> dict:
    wanted = {
        key: entry[key] if entry[key] is not None else default
        for key, default in FIELDS.items()
        if key in entry
    }
    if wanted.get("examples"):
        # Plain JSON, not the reader's line-numbered mappings.
        wanted["examples"] = json.loads(json.dumps(wanted["examples"]))
    if entry.get("difficulty"):
        wanted["difficulty"] = int(Difficulty.from_name(entry["difficulty"]))
    return wanted


def _questions_upsert(parsed, entries, source, report, companies) -> None:
    """Writes the file's questions. New questions, their topic links and new tags
    are inserted in one statement each: a starter bank is hundreds of questions."""
    slugs = [entry["slug"] for entry in entries]
    existing = Question.objects.in_bulk(slugs, field_name="slug")
    ids = [question.pk for question in existing.values()]
    topic_ids: dict[int, set[int]] = {}
    for question_id, topic_id in Question.topics.through.objects.filter(
        question_id__in=ids
    ).values_list("question_id", "topic_id"):
        topic_ids.setdefault(question_id, set()).add(topic_id)
    tags: dict[int, list[CompanyTag]] = {}
    for tag in CompanyTag.objects.filter(question_id__in=ids):
        tags.setdefault(tag.question_id, []).append(tag)
    topics = {topic.slug: topic for topic in Topic.objects.all()}
    fresh: list[tuple[Question, dict]] = []
    new_tags: list[CompanyTag] = []
    topics_changed = []
    for entry in entries:
        question = existing.get(entry["slug"])
        wanted = {**_wanted_fields(entry), "source_id": source.pk if source else None}
        if question is None:
            defaults = {
                key: list(value) if isinstance(value, list) else value
                for key, value in FIELDS.items()
            }
            fresh.append(
                (Question(slug=entry["slug"], **{**defaults, **wanted}), entry)
            )
            report.created["questions"] += 1
            report.new_questions.add(entry["slug"])
            continue
        fields = _set_changed(question, wanted)
        if fields:
            question.updated_at = timezone.now()
            question.save(update_fields=[*fields, "updated_at"])
        changed = bool(fields)
        if "topics" in entry:
            wanted_topics = {topics[slug].pk for slug in entry["topics"] or []}
            if wanted_topics != topic_ids.get(question.pk, set()):
                question.topics.set(wanted_topics)
                topics_changed.append(question.pk)
                changed = True
        if "companies" in entry:
            changed |= _tags_sync(
                question,
                entry,
                tags.get(question.pk, []),
                source,
                report,
                companies,
                new_tags,
            )
        if changed and question.slug not in report.new_questions:
            report.updated["questions"] += 1
    _fresh_questions_insert(fresh, topics, source, report, companies, new_tags)
    topics_changed += [question.pk for question, entry in fresh if entry.get("topics")]
    CompanyTag.objects.bulk_create(new_tags, batch_size=BATCH)
    Question.objects.filter(pk__in=topics_changed).sync_topic_names()


def _fresh_questions_insert(fresh, topics, source, report, companies, new_tags):
    """Inserts the new questions and their topic links; their tags join `new_tags`."""
    if not fresh:
        return
    made = Question.objects.bulk_create(
        [question for question, _ in fresh], batch_size=BATCH
    )
    if any(question.pk is None for question in made):
        # bulk_create leaves ids unset on back ends without RETURNING.
        by_slug = Question.objects.in_bulk(
            [question.slug for question in made], field_name="slug"
        )
        for question in made:
            question.pk = by_slug[question.slug].pk
    links = Question.topics.through
    links.objects.bulk_create(
        [
            links(question_id=question.pk, topic_id=topics[slug].pk)
            for question, entry in fresh
            for slug in sorted(set(entry.get("topics") or []))
        ],
        batch_size=BATCH,
    )
    for question, entry in fresh:
        if "companies" in entry:
            _tags_sync(question, entry, [], source, report, companies, new_tags)


def _tags_sync(
    question, entry, current, source: Source | None, report, companies, new_tags
):
    """Makes the file's tags for this question exactly what it lists; tags from other
    sources stay. New tags join `new_tags`, for the caller to insert at once. True
    when anything changed."""
    by_key = {(tag.company_id, tag.window): tag for tag in current}
    wanted = {}
    for tag in entry["companies"] or []:
        company = companies.find(tag["company"])
        wanted[(company.pk, tag["window"])] = {
            "frequency": float(tag["frequency"]),
            "is_sample": bool(tag.get("sample", False)),
            "last_seen_on": tag.get("last_seen"),
            "source_id": source.pk if source else None,
        }
    changed = False
    for key, values in wanted.items():
        tag = by_key.get(key)
        if tag is None:
            new_tags.append(
                CompanyTag(
                    question=question, company_id=key[0], window=key[1], **values
                )
            )
            report.created["company_tags"] += 1
            changed = True
        elif fields := _set_changed(tag, values):
            tag.save(update_fields=fields)
            report.updated["company_tags"] += 1
            changed = True
    source_id = source.pk if source else None
    stale = [
        tag.pk
        for key, tag in by_key.items()
        if key not in wanted and tag.source_id == source_id
    ]
    if stale:
        CompanyTag.objects.filter(pk__in=stale).delete()
        report.updated["company_tags"] += len(stale)
        changed = True
    return changed
