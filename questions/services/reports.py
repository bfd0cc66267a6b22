"""“Asked at” reports: a person says a company asked a question; the reports feed
the company tags."""

import datetime as dt

from django.db import transaction
from django.db.models import Value
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from core.errors import ApplicationError
from core.validators import clean_one_line
from questions.models import (
    AskedReport,
    Company,
    CompanyTag,
    Question,
    RoundKind,
    Source,
    Window,
)
from users.models import User

REPORTS_SOURCE_SLUG = "mockloop-reports"
# Reports feed "asked in the last N months": a day from long before says nothing
# about today's interviews, and year 1 is a slip of the keyboard.
EARLIEST_REPORT = dt.date(2000, 1, 1)
# The age, in days, up to which a report counts in each window; the windows nest as the
# community lists' do, so a report from last week counts in 30d, 3m and 6m alike.
WINDOW_MAX_AGE_DAYS = {
    Window.DAYS_30: 30,
    Window.MONTHS_3: 91,
    Window.MONTHS_6: 182,
}
# Frequency rule: each different person reporting the question at the company within
# the window adds 20, so five independent reports make 100. Mockloop's own reports are
# few; scaling them so the most reported question is 100 (as the imported lists do)
# would call a question reported once "most asked". Counting people, not reports,
# keeps one person's repeated reports from inflating it.
FREQUENCY_PER_REPORTER = 20.0


def _today_for(user: User) -> dt.date:
    return timezone.localdate(timezone.now(), user.zone)


def _windows_for(*, asked_on: dt.date, today: dt.date) -> list[str]:
    age = (today - asked_on).days
    windows = [w for w, days in WINDOW_MAX_AGE_DAYS.items() if age <= days]
    if age > WINDOW_MAX_AGE_DAYS[Window.MONTHS_6]:
        windows.append(Window.OLDER)
    return [*windows, Window.ALL]


def _tags_refresh(*, question: Question, company: Company, today: dt.date) -> None:
    """Recompute the report-fed tags of one question at one company from its reports.

    Tags imported from a community source keep their frequency (it rests on far more
    data) and only learn the latest day; invented sample tags give way to reports."""
    source, _ = Source.objects.get_or_create(
        slug=REPORTS_SOURCE_SLUG, defaults={"name": "Mockloop reports"}
    )
    reporters: dict[str, set[int]] = {window: set() for window in Window.values}
    last_seen: dict[str, dt.date] = {}
    for reporter_id, asked_on in AskedReport.objects.filter(
        question=question, company=company
    ).values_list("reporter_id", "asked_on"):
        for window in _windows_for(asked_on=asked_on, today=today):
            reporters[window].add(reporter_id)
            last_seen[window] = max(last_seen.get(window, asked_on), asked_on)
    existing = {
        tag.window: tag
        for tag in CompanyTag.objects.filter(question=question, company=company)
    }
    for window in Window.values:
        tag = existing.get(window)
        imported = tag is not None and not tag.is_sample and tag.source_id != source.pk
        if imported:
            if window in last_seen and (
                tag.last_seen_on is None or tag.last_seen_on < last_seen[window]
            ):
                tag.last_seen_on = last_seen[window]
                tag.save(update_fields=["last_seen_on"])
        elif reporters[window]:
            CompanyTag.objects.update_or_create(
                question=question,
                company=company,
                window=window,
                defaults={
                    "frequency": min(
                        100.0, FREQUENCY_PER_REPORTER * len(reporters[window])
                    ),
                    "last_seen_on": last_seen[window],
                    "is_sample": False,
                    "source": source,
                },
            )
        elif tag is not None and tag.source_id == source.pk:
            # Its reports have aged out of the window.
            tag.delete()


@transaction.atomic
def asked_report_create(
    *,
    reporter: User,
    question_slug: str,
    company_slug: str,
    asked_on: dt.date,
    round_kind: str,
    level: str = "",
) -> AskedReport:
    """Record "company C asked this on day D" and feed it into the company tags."""
    today = _today_for(reporter)
    if asked_on > today:
        raise ApplicationError(
            f"{asked_on:%-d %b %Y} is in the future; report a day that has passed.",
            field="asked_on",
        )
    if asked_on < EARLIEST_REPORT:
        raise ApplicationError(
            f"{asked_on:%-d %b %Y} is too long ago to tell anyone about today's "
            f"interviews; report a day since {EARLIEST_REPORT:%Y}.",
            field="asked_on",
        )
    if round_kind not in RoundKind.values:
        raise ApplicationError("Choose the kind of round it was.", field="round_kind")
    if len((level or "").strip()) > 40:
        raise ApplicationError(
            "Keep the level short, such as E5 or L4 (40 characters at most).",
            field="level",
        )
    level = clean_one_line(level, field="level", limit=40)
    company = Company.objects.filter(slug=company_slug).first()
    if company is None:
        raise ApplicationError("Choose a company from the list.", field="company")
    # The question row is the lock: two reports at once recompute its tags in turn.
    question = Question.objects.select_for_update().filter(slug=question_slug).first()
    if question is None:
        raise ApplicationError("There is no such question.", field="question")
    if AskedReport.objects.filter(
        reporter=reporter, question=question, company=company, asked_on=asked_on
    ).exists():
        raise ApplicationError(
            f"You already reported that {company.name} asked this on "
            f"{asked_on:%-d %b %Y}."
        )
    report = AskedReport.objects.create(
        reporter=reporter,
        question=question,
        company=company,
        asked_on=asked_on,
        round_kind=round_kind,
        level=level,
    )
    _tags_refresh(question=question, company=company, today=today)
    Question.objects.filter(pk=question.pk).update(
        last_asked_on=Greatest(Coalesce("last_asked_on", Value(asked_on)), asked_on)
    )
    return report
