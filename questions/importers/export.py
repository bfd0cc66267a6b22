"""Writing the bank format (questions/bank/FORMAT.md): the same output for the same
data, so export, import into an empty database, export again gives identical files."""

import json
from pathlib import Path

import yaml
from django.utils.text import slugify

from core.errors import ApplicationError
from questions.importers.bank_schema import FORMAT
from questions.models import (
    Company,
    CompanyTag,
    Question,
    QuestionList,
    RoundKind,
    Source,
    Topic,
    Window,
)

KINDS = list(RoundKind.values)
WINDOWS = list(Window.values)
NO_SOURCE = "unsourced"


class _Flow(list):
    """A short list written on one line: topics, company tags."""


class _FlowDict(dict):
    pass


class _Dumper(yaml.SafeDumper):
    pass


def _text(dumper, value: str):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)
_Dumper.add_representer(
    _Flow, lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", v, True)
)
_Dumper.add_representer(
    _FlowDict, lambda d, v: d.represent_mapping("tag:yaml.org,2002:map", v, True)
)


def _source_doc(source: Source) -> dict:
    doc = {"name": source.name, "url": source.url, "license": source.license}
    if source.slug != slugify(source.name)[:100]:
        doc = {"slug": source.slug, **doc}
    return doc


def _company_doc(company: Company) -> dict:
    return {
        "slug": company.slug,
        "name": company.name,
        "aliases": _Flow(company.aliases),
        "loop_notes": company.loop_notes,
    }


def _tag_doc(tag: CompanyTag) -> dict:
    frequency = tag.frequency
    doc = {
        "company": tag.company.slug,
        "window": tag.window,
        "frequency": int(frequency) if frequency.is_integer() else frequency,
        "sample": tag.is_sample,
    }
    if tag.last_seen_on:
        doc["last_seen"] = tag.last_seen_on
    return _FlowDict(doc)


def _question_doc(question: Question) -> dict:
    tags = sorted(
        question.company_tags.all(),
        key=lambda tag: (tag.company.slug, WINDOWS.index(tag.window)),
    )
    return {
        "slug": question.slug,
        "title": question.title,
        "kind": question.kind,
        "difficulty": question.difficulty_slug,
        "topics": _Flow(sorted(topic.slug for topic in question.topics.all())),
        "estimated_minutes": question.estimated_minutes,
        "link": question.link,
        "statement": question.statement,
        "hints": list(question.hints),
        "solution_outline": question.solution_outline,
        "follow_ups": list(question.follow_ups),
        "expected_complexity": question.expected_complexity,
        **({"examples": question.examples} if question.examples else {}),
        "companies": [_tag_doc(tag) for tag in tags],
    }


def _list_doc(question_list: QuestionList) -> dict:
    items = [
        {"slug": item.question.slug, "section": item.section}
        if item.section
        else item.question.slug
        for item in question_list.items.order_by("position").select_related("question")
    ]
    return {
        "slug": question_list.slug,
        "name": question_list.name,
        "description": question_list.description,
        "items": items,
    }


def _topic(topic: Topic) -> dict:
    doc = _FlowDict(slug=topic.slug, name=topic.name)
    if topic.aliases:
        doc["aliases"] = _Flow(topic.aliases)
    return doc


def _document(source, *, topics=None, companies=(), questions=(), lists=()) -> dict:
    doc: dict = {"format": FORMAT}
    if source:
        doc["source"] = _source_doc(source)
    if topics:
        doc["topics"] = [_topic(t) for t in topics]
    if companies:
        doc["companies"] = [_company_doc(company) for company in companies]
    ordered = sorted(questions, key=lambda q: (KINDS.index(q.kind), q.slug))
    if ordered:
        doc["questions"] = [_question_doc(question) for question in ordered]
    if lists:
        doc["lists"] = [_list_doc(question_list) for question_list in lists]
    return doc


def _dump(doc: dict, path: Path) -> None:
    if path.suffix.lower() == ".json":
        text = json.dumps(doc, indent=2, ensure_ascii=False, default=str) + "\n"
    else:
        text = yaml.dump(
            doc, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=4096
        )
    path.write_text(text, encoding="utf-8")


def _questions():
    return Question.objects.prefetch_related(
        "topics", "company_tags__company"
    ).select_related("source")


def _by_source(queryset, source: Source | None):
    return queryset.filter(source=source) if source else queryset.filter(source=None)


def export_bank(*, path: Path, source_slug: str | None = None) -> list[Path]:
    """Writes a folder (one file per source, plus topics.yaml) or, for a path ending
    in .yaml, .yml or .json, one file. Returns the files written."""
    path = Path(path)
    sources = list(Source.objects.order_by("slug"))
    if source_slug is not None:
        sources = [s for s in sources if s.slug == source_slug]
        if not sources:
            raise ApplicationError(f"There is no source {source_slug!r}.")
    if path.suffix.lower() in (".yaml", ".yml", ".json"):
        return [_export_file(path, sources, whole=source_slug is None)]
    if source_slug is not None:
        # One source in a folder: a file that stands alone, as for a file path.
        return [_export_file(path / f"{source_slug}.yaml", sources, whole=False)]
    path.mkdir(parents=True, exist_ok=True)
    written = [path / "topics.yaml"]
    _dump(_document(None, topics=Topic.objects.order_by("slug")), written[0])
    for source in [*sources, None]:
        doc = _source_document(source)
        if len(doc) > 1 + bool(source):
            written.append(path / f"{source.slug if source else NO_SOURCE}.yaml")
            _dump(doc, written[-1])
    return written


def _source_document(source: Source | None, *, companies=None, **extra) -> dict:
    if companies is None:
        companies = _by_source(Company.objects.order_by("slug"), source)
    return _document(
        source,
        companies=companies,
        questions=_by_source(_questions(), source),
        lists=_by_source(QuestionList.objects.filter(owner=None), source).order_by(
            "slug"
        ),
        **extra,
    )


def _export_file(path: Path, sources: list[Source], *, whole: bool) -> Path:
    used = set(Question.objects.values_list("source_id", flat=True).distinct())
    if whole and len(used) > 1:
        raise ApplicationError(
            f"The questions come from {len(used)} sources and a file holds one; "
            "export to a folder, or choose one source with --source."
        )
    source = next((s for s in sources if not whole or s.pk in used), None)
    questions = _by_source(Question.objects.all(), source)
    topics = Topic.objects.filter(questions__in=questions).distinct().order_by("slug")
    # A file must stand alone: the companies its tags name come with it.
    named = Company.objects.filter(tags__question__in=questions)
    companies = (_by_source(Company.objects.all(), source) | named).distinct()
    path.parent.mkdir(parents=True, exist_ok=True)
    document = _source_document(
        source, topics=topics, companies=companies.order_by("slug")
    )
    _dump(document, path)
    return path
