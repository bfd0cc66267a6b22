"""The real search: a loop per company (role, level, the person's group of similar
companies), its stages (format, date and time in a zone, outcome), and the write-up
after a stage: the questions asked (each an "asked at" report for the bank), a
self-assessment on the format's rubric, and what to practise next."""

import datetime as dt
import zoneinfo
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from career.models import (
    LINE_MAX,
    NOTES_MAX,
    STAGE_FORMATS,
    InterviewStage,
    RealInterview,
    StageOutcome,
)
from career.selectors.rubric import criteria_of
from career.services.cleaning import clean_keys, clean_line, clean_text
from core.errors import ApplicationError
from feedback.models import SCALE
from questions.models import AskedReport, Company, Question
from questions.services.reports import asked_report_create
from users.models import User

QUESTIONS_MAX = 20
FORMATS = dict(STAGE_FORMATS)


def _clean_company(company_slug, company_name) -> tuple[Company | None, str]:
    company = None
    if company_slug:
        if not isinstance(company_slug, str) or len(company_slug) > 120:
            raise ApplicationError("Unknown company.", field="company")
        company = Company.objects.filter(slug=company_slug).first()
        if company is None:
            raise ApplicationError(
                "Unknown company: pick one from the list, or type its name.",
                field="company",
            )
    name = clean_line(company_name, field="company_name", limit=120)
    if not name:
        if company is None:
            raise ApplicationError(
                "Name the company, or pick it from the list.", field="company_name"
            )
        name = company.name
    return company, name


def _interview_fields(*, company_slug, company_name, role, level, group, notes) -> dict:
    company, name = _clean_company(company_slug, company_name)
    return {
        "company": company,
        "company_name": name,
        "role": clean_line(role, field="role", limit=LINE_MAX),
        "level": clean_line(level, field="level", limit=40),
        "group": clean_line(group, field="group", limit=60),
        "notes": clean_text(notes, field="notes", limit=NOTES_MAX),
    }


@transaction.atomic
def real_interview_create(
    *,
    owner: User,
    company_slug: str = "",
    company_name: str = "",
    role: str = "",
    level: str = "",
    group: str = "",
    notes: str = "",
) -> RealInterview:
    fields = _interview_fields(
        company_slug=company_slug,
        company_name=company_name,
        role=role,
        level=level,
        group=group,
        notes=notes,
    )
    return RealInterview.objects.create(owner=owner, **fields)


@transaction.atomic
def real_interview_update(
    *,
    interview: RealInterview,
    company_slug: str = "",
    company_name: str = "",
    role: str = "",
    level: str = "",
    group: str = "",
    notes: str = "",
) -> RealInterview:
    fields = _interview_fields(
        company_slug=company_slug,
        company_name=company_name,
        role=role,
        level=level,
        group=group,
        notes=notes,
    )
    for name, value in fields.items():
        setattr(interview, name, value)
    interview.save(update_fields=[*fields, "updated_at"])
    return interview


@transaction.atomic
def real_interview_delete(*, interview: RealInterview) -> None:
    """The loop and its stages go; "asked at" reports made from its write-ups stay
    in the bank (they are the bank's, as any report)."""
    interview.delete()


# Stages -------------------------------------------------------------------------


def _clean_moment(day, at, time_zone) -> tuple[dt.datetime, str]:
    if not isinstance(time_zone, str) or len(time_zone) > 64:
        raise ApplicationError("Choose a time zone.", field="time_zone")
    try:
        zone = zoneinfo.ZoneInfo(time_zone.strip())
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ApplicationError(
            "Choose a time zone such as Europe/Berlin.", field="time_zone"
        ) from None
    try:
        if isinstance(day, str):
            day = dt.date.fromisoformat(day.strip())
        if isinstance(at, str):
            at = dt.time.fromisoformat(at.strip())
    except ValueError:
        raise ApplicationError(
            "Give the date as 2026-03-14 and the time as 14:30.", field="starts_at"
        ) from None
    if not isinstance(day, dt.date) or isinstance(day, dt.datetime):
        raise ApplicationError("Give the date of the stage.", field="starts_at")
    if not isinstance(at, dt.time) or at.tzinfo is not None:
        raise ApplicationError("Give the time of the stage.", field="starts_at")
    if not 2000 <= day.year <= 2100:
        raise ApplicationError("Give a date between 2000 and 2100.", field="starts_at")
    return dt.datetime.combine(day, at, tzinfo=zone), time_zone.strip()


def _stage_fields(*, format, day, at, time_zone, outcome) -> dict:
    if format not in FORMATS:
        raise ApplicationError("Choose the stage's format.", field="format")
    if outcome not in StageOutcome.values:
        raise ApplicationError("Choose the stage's outcome.", field="outcome")
    starts_at, zone = _clean_moment(day, at, time_zone)
    return {
        "format": format,
        "starts_at": starts_at,
        "time_zone": zone,
        "outcome": outcome,
    }


@transaction.atomic
def stage_create(
    *,
    interview: RealInterview,
    format: str,
    day: dt.date | str,
    at: dt.time | str,
    time_zone: str,
    outcome: str = StageOutcome.PENDING,
) -> InterviewStage:
    fields = _stage_fields(
        format=format, day=day, at=at, time_zone=time_zone, outcome=outcome
    )
    return InterviewStage.objects.create(interview=interview, **fields)


@transaction.atomic
def stage_update(
    *,
    stage: InterviewStage,
    format: str,
    day: dt.date | str,
    at: dt.time | str,
    time_zone: str,
    outcome: str,
) -> InterviewStage:
    fields = _stage_fields(
        format=format, day=day, at=at, time_zone=time_zone, outcome=outcome
    )
    for name, value in fields.items():
        setattr(stage, name, value)
    stage.save(update_fields=list(fields))
    return stage


@transaction.atomic
def stage_delete(*, stage: InterviewStage) -> None:
    stage.delete()


# The write-up -----------------------------------------------------------------------


def _clean_ratings(ratings, *, criteria: dict[str, str]) -> dict[str, int]:
    if ratings is None:
        return {}
    if not isinstance(ratings, dict):
        raise ApplicationError("Give the ratings by competency.", field="self_ratings")
    cleaned = {}
    for key, score in ratings.items():
        if key not in criteria:
            raise ApplicationError(
                "Rate the competencies of this format's rubric only.",
                field="self_ratings",
            )
        if score in (None, ""):
            continue
        text = str(score).strip()
        if isinstance(score, bool) or text not in {str(each) for each in SCALE}:
            raise ApplicationError(
                f"Rate {criteria[key]} from 1 to 4.", field="self_ratings"
            )
        cleaned[key] = int(text)
    return {key: cleaned[key] for key in criteria if key in cleaned}


def _clean_question_slugs(slugs) -> list[Question]:
    if slugs is None:
        return []
    if isinstance(slugs, str) or not isinstance(slugs, Iterable):
        raise ApplicationError("Give a list of questions.", field="questions_asked")
    wanted = []
    for slug in slugs:
        if not isinstance(slug, str) or not slug.strip() or len(slug) > 200:
            raise ApplicationError("Unknown question.", field="questions_asked")
        if slug.strip() not in wanted:
            wanted.append(slug.strip())
    if len(wanted) > QUESTIONS_MAX:
        raise ApplicationError(
            f"Report {QUESTIONS_MAX} questions at most.", field="questions_asked"
        )
    found = {q.slug: q for q in Question.objects.filter(slug__in=wanted)}
    if len(found) != len(wanted):
        raise ApplicationError(
            "Pick the questions from the bank.", field="questions_asked"
        )
    return [found[slug] for slug in wanted]


@transaction.atomic
def stage_write_up(
    *,
    stage: InterviewStage,
    user: User,
    question_slugs: Iterable[str] | None = None,
    self_ratings: dict | None = None,
    practise_next: Iterable[str] | None = None,
    write_up: str = "",
) -> InterviewStage:
    """Write up a stage that has taken place. Each question newly named becomes an
    "asked at" report through the bank's own service (same checks, same feed into
    the company tags); one already reported that day is not reported twice. A
    refused part saves nothing, reports included."""
    interview = stage.interview
    if stage.starts_at > timezone.now():
        raise ApplicationError("Write the stage up once it has taken place.")
    criteria = criteria_of(stage.format)
    ratings = _clean_ratings(self_ratings, criteria=criteria)
    focus = clean_keys(
        practise_next, allowed=criteria, field="practise_next", what="competency"
    )
    text = clean_text(write_up, field="write_up", limit=NOTES_MAX)
    questions = _clean_question_slugs(question_slugs)
    already = set(stage.questions_asked.values_list("pk", flat=True))
    new = [question for question in questions if question.pk not in already]
    if new and interview.company is None:
        raise ApplicationError(
            "Pick the company from the bank's list on the loop to report the "
            "questions it asked.",
            field="questions_asked",
        )
    if new and stage.format not in dict(Question._meta.get_field("kind").choices):
        raise ApplicationError(
            "Give the stage a round kind to report its questions.",
            field="questions_asked",
        )
    asked_on = stage.starts_at.astimezone(zoneinfo.ZoneInfo(stage.time_zone)).date()
    for question in new:
        reported = AskedReport.objects.filter(
            reporter=user,
            question=question,
            company=interview.company,
            asked_on=asked_on,
        ).exists()
        if not reported:
            asked_report_create(
                reporter=user,
                question_slug=question.slug,
                company_slug=interview.company.slug,
                asked_on=asked_on,
                round_kind=stage.format,
                level=interview.level,
            )
    stage.questions_asked.add(*new)
    stage.self_ratings = ratings
    stage.practise_next = focus
    stage.write_up = text
    stage.written_up_at = timezone.now()
    stage.save(
        update_fields=["self_ratings", "practise_next", "write_up", "written_up_at"]
    )
    return stage
