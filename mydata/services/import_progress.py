"""Bringing the progress and lists of an export (from this or another Mockloop)
into a person's account, as often as they like: a second import of the same file
adds nothing (docs/your-data.md, "Importing").

The file is read with limits, checked against the export's schema and then read
again field by field; anything wrong refuses the whole file with the reason, and
nothing is written. What is written is written in one transaction.

Questions are matched by slug, else by their source link. For a question with
progress on both sides, the side with the later last attempt keeps its review
state (status, mark, card, due time): that is the person's latest knowledge of it;
on a tie, or when neither was attempted, what is here stays. Attempts are the same
attempt when their time and outcome agree. Personal lists are matched by slug, else
by name; a list found gains the questions it lacks, at its end."""

import datetime as dt
import io
import json
import zipfile
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import jsonschema
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from fsrs import Card

from core.errors import ApplicationError
from core.validators import validate_one_line
from mydata.selectors.document import SCHEMA_VERSION
from mydata.services.export import SCHEMA_PATH
from questions.models import (
    Attempt,
    Progress,
    Question,
    QuestionList,
    QuestionListItem,
)
from users.models import User

MAX_UPLOAD_BYTES = 50 * 1024 * 1024
# export.json unpacked; a zip claiming more (a bomb) is refused before reading.
MAX_JSON_BYTES = 50 * 1024 * 1024
MAX_MEMBERS = 100_000
ZIP_MAGIC = b"PK\x03\x04"


@dataclass
class ImportReport:
    progress_created: int = 0
    progress_updated: int = 0
    progress_kept: int = 0
    attempts_added: int = 0
    attempts_present: int = 0
    lists_created: int = 0
    lists_matched: int = 0
    list_items_added: int = 0
    unmatched: list[dict[str, str]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@cache
def _validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(json.loads(SCHEMA_PATH.read_text()))


def _refuse(reason: str) -> ApplicationError:
    return ApplicationError(f"This file was not imported: {reason}", field="file")


def _json_from_zip(data: bytes) -> bytes:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if len(members) > MAX_MEMBERS:
                raise _refuse("the archive holds too many files.")
            member = next((m for m in members if m.filename == "export.json"), None)
            if member is None:
                raise _refuse("the archive holds no export.json.")
            if member.file_size > MAX_JSON_BYTES:
                raise _refuse("its export.json unpacks to more than 50 MB.")
            with archive.open(member) as opened:
                # The header's size may lie: read no more than the limit allows.
                content = opened.read(MAX_JSON_BYTES + 1)
            if len(content) > MAX_JSON_BYTES:
                raise _refuse("its export.json unpacks to more than 50 MB.")
            return content
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError) as error:
        raise _refuse(f"it is not a readable .zip archive ({error}).") from error
    except (NotImplementedError, RuntimeError) as error:
        # An unknown compression method, or an encrypted member.
        raise _refuse(f"the archive cannot be read ({error}).") from error


def _no_constant(name: str):
    # NaN and Infinity are not JSON, and PostgreSQL would refuse them in a card.
    raise ValueError(f"{name} is not a JSON value")


def document_read(*, data: bytes) -> dict[str, Any]:
    """The export document in an uploaded .zip or export.json, checked against the
    schema; ApplicationError with the reason otherwise."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise _refuse("it is larger than 50 MB.")
    if data.startswith(ZIP_MAGIC):
        data = _json_from_zip(data)
    try:
        doc = json.loads(data.decode("utf-8"), parse_constant=_no_constant)
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise _refuse(
            "it is neither an export archive nor its export.json (not valid JSON)."
        ) from error
    if not isinstance(doc, dict):
        raise _refuse("export.json holds no export (not a JSON object).")
    version = doc.get("schema_version")
    if version != SCHEMA_VERSION:
        raise _refuse(
            f"its schema version is {json.dumps(version)}; this Mockloop reads "
            f"version {SCHEMA_VERSION}."
        )
    error = jsonschema.exceptions.best_match(_validator().iter_errors(doc))
    if error is not None:
        where = "/".join(str(part) for part in error.absolute_path) or "the document"
        raise _refuse(f"at {where}: {error.message[:300]}")
    return doc


def _moment(value: str | None, where: str) -> dt.datetime | None:
    if value is None:
        return None
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        raise _refuse(f"at {where}: {value!r} is not a date and time.") from None
    if moment.tzinfo is None:
        raise _refuse(f"at {where}: {value!r} has no offset from UTC.")
    return moment


def _day(value: str, where: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise _refuse(f"at {where}: {value!r} is not a date.") from None


def _card(value: dict, where: str) -> dict:
    if not value:
        return {}
    try:
        card = Card.from_dict(value)
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise _refuse(f"at {where}: not a review card ({error}).") from None
    if any(
        moment is not None and moment.tzinfo is None
        for moment in (card.due, card.last_review)
    ):
        raise _refuse(f"at {where}: a review card's times need an offset from UTC.")
    return value


class _Questions:
    """The bank's questions named in the document: by slug, else by source link."""

    def __init__(self, refs: list[dict]):
        slugs = {ref["slug"] for ref in refs}
        self.by_slug = {q.slug: q for q in Question.objects.filter(slug__in=slugs)}
        links = {ref["link"] for ref in refs if ref["link"]} - {""}
        self.by_link: dict[str, Question] = {}
        for question in Question.objects.filter(link__in=links).order_by("pk"):
            self.by_link.setdefault(question.link, question)
        self.unmatched: dict[str, dict] = {}

    def get(self, ref: dict) -> Question | None:
        question = self.by_slug.get(ref["slug"]) or (
            self.by_link.get(ref["link"]) if ref["link"] else None
        )
        if question is None:
            self.unmatched.setdefault(ref["slug"], ref)
        return question


def _later(imported: dt.datetime | None, here: dt.datetime | None) -> bool:
    return imported is not None and (here is None or imported > here)


def _progress_one(
    user: User, question: Question, entry: dict, where: str, report: ImportReport
) -> Progress:
    state = {
        "status": entry["status"],
        "marked_for_review": entry["marked_for_review"],
        "card": _card(entry["card"], f"{where}/card"),
        "due_at": _moment(entry["due_at"], f"{where}/due_at"),
        "last_attempt_at": _moment(
            entry["last_attempt_at"], f"{where}/last_attempt_at"
        ),
    }
    progress = Progress.objects.filter(user=user, question=question).first()
    if progress is None:
        report.progress_created += 1
        return Progress.objects.create(user=user, question=question, **state)
    if _later(state["last_attempt_at"], progress.last_attempt_at):
        for name, value in state.items():
            setattr(progress, name, value)
        progress.save(update_fields=[*state, "updated_at"])
        report.progress_updated += 1
    else:
        report.progress_kept += 1
    return progress


def _attempts(progress: Progress, attempts: list, where: str, report: ImportReport):
    present = set(progress.attempts.values_list("created_at", "outcome"))
    for index, each in enumerate(attempts):
        at = f"{where}/attempts/{index}"
        key = (_moment(each["created_at"], f"{at}/created_at"), each["outcome"])
        if key in present:
            report.attempts_present += 1
            continue
        present.add(key)
        attempt = Attempt.objects.create(
            progress=progress,
            outcome=each["outcome"],
            rating=each["rating"],
            minutes_planning=each["minutes_planning"],
            minutes_coding=each["minutes_coding"],
            note=each["note"],
            day=_day(each["day"], f"{at}/day"),
        )
        # auto_now_add stamps the import's time; the attempt keeps its own.
        Attempt.objects.filter(pk=attempt.pk).update(created_at=key[0])
        report.attempts_added += 1


def _list_one(user: User, entry: dict, questions: _Questions, where: str, report):
    try:
        validate_one_line(entry["name"])
    except ValidationError as error:
        raise _refuse(f"at {where}/name: {' '.join(error.messages)}") from None
    name = " ".join(entry["name"].split())
    if not name:
        raise _refuse(f"at {where}/name: a list needs a name.")
    mine = QuestionList.objects.filter(owner=user)
    # By slug, else by name: a person's list names are unique (questions.services).
    question_list = (
        mine.filter(slug=entry["slug"]).first()
        or mine.filter(name__iexact=name).first()
    )
    if question_list is None:
        question_list = QuestionList.objects.create(
            owner=user,
            slug=entry["slug"],
            name=name,
            description=entry["description"].strip(),
        )
        report.lists_created += 1
    else:
        report.lists_matched += 1
    present = set(question_list.items.values_list("question_id", flat=True))
    position = question_list.items.aggregate(last=Max("position"))["last"]
    position = -1 if position is None else position
    for item in sorted(entry["items"], key=lambda each: each["position"]):
        question = questions.get(item["question"])
        if question is None or question.pk in present:
            continue
        position += 1
        QuestionListItem.objects.create(
            question_list=question_list,
            question=question,
            position=position,
            section=item["section"],
        )
        present.add(question.pk)
        report.list_items_added += 1


@transaction.atomic
def progress_import(*, user: User, data: bytes) -> ImportReport:
    """Imports the progress, attempts and lists of an export into `user`'s account."""
    doc = document_read(data=data)
    refs = [entry["question"] for entry in doc["progress"]] + [
        item["question"] for entry in doc["lists"] for item in entry["items"]
    ]
    questions = _Questions(refs)
    report = ImportReport()
    for index, entry in enumerate(doc["progress"]):
        question = questions.get(entry["question"])
        if question is None:
            continue
        where = f"progress/{index}"
        progress = _progress_one(user, question, entry, where, report)
        _attempts(progress, entry["attempts"], where, report)
    for index, entry in enumerate(doc["lists"]):
        _list_one(user, entry, questions, f"lists/{index}", report)
    report.unmatched = sorted(questions.unmatched.values(), key=lambda r: r["slug"])
    return report


def progress_import_upload(*, user: User, upload) -> ImportReport:
    """An uploaded file, refused unread when it is too large."""
    if upload.size > MAX_UPLOAD_BYTES:
        raise _refuse("it is larger than 50 MB.")
    return progress_import(user=user, data=upload.read())
