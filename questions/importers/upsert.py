"""Writing what the readers found: questions, topics, company tags and lists, by slug.

A question's title, difficulty and link, and each company tag, belong to the list that
made them: other lists add tags, topics and list entries and fill blanks, so lists
that disagree settle instead of undoing each other. No list touches a statement, hints
or anything else a person wrote. Every write compares first, so importing the same
files again changes nothing and reports nothing.
"""

import re

from django.utils import timezone
from django.utils.text import slugify

from questions.importers.companies import CompanyDirectory
from questions.importers.records import ListSpec, ParsedFile, Problem
from questions.importers.report import ImportReport
from questions.importers.sources import WITHOUT_DIFFICULTY, source_ensure
from questions.models import (
    CompanyTag,
    Question,
    QuestionList,
    QuestionListItem,
    RoundKind,
    Source,
    Topic,
)
from questions.services.reports import REPORTS_SOURCE_SLUG
from questions.services.topics import topic_fold_key, topic_keys

BATCH = 500


class TopicDirectory:
    """Finds a topic by any of its names, folded (questions.services.topics), creating
    it the first time it appears."""

    def __init__(self, report: ImportReport) -> None:
        self.report = report
        self.by_key: dict[str, Topic] = {}
        for topic in Topic.objects.order_by("pk"):
            for key in topic_keys(topic):
                self.by_key.setdefault(key, topic)

    def resolve(self, name: str) -> Topic | None:
        name = " ".join(name.split())[:120]
        slug = slugify(name)[:120]
        key = topic_fold_key(name)
        topic = self.by_key.get(key)
        if topic is None and slug and key:
            topic, created = Topic.objects.get_or_create(
                slug=slug, defaults={"name": name}
            )
            self.report.created["topics"] += created
            self.by_key[key] = topic
        return topic


def community_write(
    parsed: ParsedFile, *, report: ImportReport, companies: CompanyDirectory
) -> None:
    source = source_ensure(parsed.source, report)
    questions, counted = _questions_upsert(
        parsed.problems, source=source, report=report
    )
    _topics_add(parsed.problems, questions, counted=counted, report=report)
    _tags_upsert(parsed, questions, source=source, companies=companies, report=report)
    for spec in parsed.lists:
        list_upsert(spec, source=source, report=report)


def _merged(problems: list[Problem]) -> dict[str, Problem]:
    """One entry per slug: long forms repeat a problem once per company."""
    merged: dict[str, Problem] = {}
    for problem in problems:
        first = merged.setdefault(problem.slug, problem)
        if first is not problem and problem.topics:
            extra = [t for t in problem.topics if t not in first.topics]
            first.topics = (*first.topics, *extra)
        if first.difficulty is None:
            first.difficulty = problem.difficulty
    return merged


def _title_key(title: str) -> str:
    return re.sub(r"[^0-9a-z]", "", title.casefold())


def _wanted(question: Question, problem: Problem, source: Source, unsure: set) -> dict:
    """What the list may change on an existing question.

    A question's title, difficulty and link belong to the list that created it (its
    source): lists disagree (NeetCode says Medium where Grind 75 says Easy), and if
    each overwrote the other, importing both twice would never settle. Other lists
    only fill blanks, an empty difficulty among them. A list that knows difficulties
    takes over questions created by one that does not (hxu296).
    """
    adopt = bool(problem.difficulty) and question.source_id in unsure
    wanted: dict = {}
    if question.source_id == source.pk or adopt:
        # "4Sum" and "4 Sum": a spelling that differs only in case or spacing is
        # not a change.
        if _title_key(question.title) != _title_key(problem.title):
            wanted["title"] = problem.title
        if problem.difficulty:
            wanted["difficulty"] = problem.difficulty
        if problem.link:
            wanted["link"] = problem.link
        if adopt and source.slug not in WITHOUT_DIFFICULTY:
            wanted["source_id"] = source.pk
    elif problem.link and not question.link:
        wanted["link"] = problem.link
    if problem.difficulty and question.difficulty is None:
        wanted["difficulty"] = problem.difficulty
    if problem.estimated_minutes and question.estimated_minutes is None:
        wanted["estimated_minutes"] = problem.estimated_minutes
    return wanted


def _questions_upsert(
    problems: list[Problem], *, source: Source | None, report: ImportReport
) -> tuple[dict[str, Question], set[str]]:
    """The questions by slug, and the slugs already counted as created or updated."""
    merged = _merged(problems)
    existing = Question.objects.in_bulk(list(merged), field_name="slug")
    unsure = set(
        Source.objects.filter(slug__in=WITHOUT_DIFFICULTY).values_list("pk", flat=True)
    )
    new, changed, fields = [], [], set()
    now = timezone.now()
    for slug, problem in merged.items():
        question = existing.get(slug)
        if question is None:
            new.append(
                Question(
                    slug=slug,
                    title=problem.title,
                    kind=RoundKind.CODING,
                    # Lists without one (hxu296) leave it empty until a list that
                    # knows it is imported.
                    difficulty=problem.difficulty,
                    link=problem.link,
                    estimated_minutes=problem.estimated_minutes,
                    source=source,
                )
            )
            continue
        wanted = _wanted(question, problem, source, unsure)
        different = [k for k, v in wanted.items() if getattr(question, k) != v]
        if different:
            for key in different:
                setattr(question, key, wanted[key])
            question.updated_at = now
            fields.update(different)
            changed.append(question)
    Question.objects.bulk_create(new, batch_size=BATCH)
    if changed:
        Question.objects.bulk_update(changed, [*fields, "updated_at"], batch_size=BATCH)
    report.created["questions"] += len(new)
    report.new_questions.update(question.slug for question in new)
    report.updated["questions"] += sum(
        question.slug not in report.new_questions for question in changed
    )
    questions = {**existing, **{question.slug: question for question in new}}
    # bulk_create leaves ids unset on back ends without RETURNING.
    if any(question.pk is None for question in new):
        questions = Question.objects.in_bulk(list(merged), field_name="slug")
    return questions, {question.slug for question in (*new, *changed)} | set(
        report.new_questions
    )


def _topics_add(
    problems: list[Problem],
    questions: dict[str, Question],
    *,
    counted: set[str],
    report: ImportReport,
) -> None:
    """Adds the list's topics; topics someone else gave a question stay."""
    wanted = {(p.slug, name) for p in problems for name in p.topics}
    if not wanted:
        return
    directory = TopicDirectory(report)
    through = Question.topics.through
    ids = [questions[slug].pk for slug in {slug for slug, _ in wanted}]
    have = set(
        through.objects.filter(question_id__in=ids).values_list(
            "question_id", "topic_id"
        )
    )
    add = set()
    for slug, name in sorted(wanted):
        topic = directory.resolve(name)
        pair = (questions[slug].pk, topic.pk) if topic else None
        if pair and pair not in have:
            add.add(pair)
    through.objects.bulk_create(
        [through(question_id=q, topic_id=t) for q, t in sorted(add)], batch_size=BATCH
    )
    touched = {question_id for question_id, _ in add}
    Question.objects.filter(pk__in=touched).sync_topic_names()
    for question in questions.values():
        if question.pk in touched and question.slug not in counted:
            report.updated["questions"] += 1
            counted.add(question.slug)


def _yielding_sources(source: Source) -> set[int | None]:
    """Sources whose tags this list may replace besides its own: invented samples
    aside, Mockloop's few reports (questions.services.reports counts imported tags
    as the better data) and, for lists with windows, hxu296's all-time counts."""
    slugs = {REPORTS_SOURCE_SLUG}
    if source.slug not in WITHOUT_DIFFICULTY:
        slugs |= WITHOUT_DIFFICULTY
    return set(Source.objects.filter(slug__in=slugs).values_list("pk", flat=True))


def _tags_upsert(parsed, questions, *, source, companies, report) -> None:
    """A tag belongs to the list that made it: another list's tag for the same
    question, company and window stays, so lists imported together settle."""
    if not parsed.tags:
        return
    ids = [question.pk for question in questions.values()]
    windows = {tag.window for tag in parsed.tags}
    existing = {
        (tag.question_id, tag.company_id, tag.window): tag
        for tag in CompanyTag.objects.filter(question_id__in=ids, window__in=windows)
    }
    yielding = _yielding_sources(source) | {source.pk}
    seen: dict[tuple, int] = {}
    new, changed = [], []
    for row in parsed.tags:
        company = companies.resolve(
            row.company, source=source, from_slug=row.company_is_slug
        )
        if company is None:
            parsed.skip(row.line, f"{row.company!r} cannot name a company.")
            continue
        key = (questions[row.slug].pk, company.pk, row.window)
        if key in seen:
            parsed.skip(
                row.line,
                f"{row.slug} at {company.name} in window {row.window} already "
                f"came on line {seen[key]}.",
                kind="a problem, company and window that came on an earlier line",
            )
            continue
        seen[key] = row.line
        tag = existing.get(key)
        if tag is None:
            tag = CompanyTag(question_id=key[0], company=company, window=row.window)
            tag.frequency, tag.source = row.frequency, source
            new.append(tag)
        elif (tag.is_sample or tag.source_id in yielding) and (
            tag.frequency,
            tag.source_id,
            tag.is_sample,
        ) != (row.frequency, source.pk, False):
            tag.frequency, tag.source, tag.is_sample = row.frequency, source, False
            changed.append(tag)
    CompanyTag.objects.bulk_create(new, batch_size=BATCH)
    CompanyTag.objects.bulk_update(
        changed, ["frequency", "source", "is_sample"], batch_size=BATCH
    )
    report.created["company_tags"] += len(new)
    report.updated["company_tags"] += len(changed)


def list_upsert(spec: ListSpec, *, source: Source | None, report: ImportReport) -> None:
    """A curated list (no owner) made to hold exactly spec's items, in order."""
    wanted = {"name": spec.name, "description": spec.description, "source": source}
    question_list = QuestionList.objects.filter(slug=spec.slug, owner=None).first()
    counted = question_list is None
    if question_list is None:
        question_list = QuestionList.objects.create(slug=spec.slug, **wanted)
        report.created["lists"] += 1
    else:
        different = [k for k, v in wanted.items() if getattr(question_list, k) != v]
        if different:
            for key in different:
                setattr(question_list, key, wanted[key])
            question_list.save(update_fields=different)
            report.updated["lists"] += 1
            counted = True
    ids = Question.objects.in_bulk([slug for slug, _ in spec.items], field_name="slug")
    items = [
        (ids[slug].pk, position, section)
        for position, (slug, section) in enumerate(spec.items, start=1)
    ]
    current = list(
        question_list.items.order_by("position").values_list(
            "question_id", "position", "section"
        )
    )
    if current == items:
        return
    question_list.items.all().delete()
    QuestionListItem.objects.bulk_create(
        [
            QuestionListItem(
                question_list=question_list,
                question_id=question_id,
                position=position,
                section=section,
            )
            for question_id, position, section in items
        ]
    )
    report.created["list_items"] += len(items) if not current else 0
    if current and not counted:
        report.updated["lists"] += 1
