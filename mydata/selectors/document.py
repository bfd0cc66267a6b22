"""What a person owns, as the parts of export.json (mydata/export.schema.json).

Each part is read for one person and holds only what they may read elsewhere in the
app: their own rows; others named as they show themselves to this person
(`participant_shown_name`); feedback received as the blind rule lets them read it
(feedback.selectors.export); pads through `rooms.permissions.can_open_pad`, so
another person's private notes never come in."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Prefetch, Q
from django.utils import timezone

from career.selectors.export import career_export_for_user
from feedback.selectors.export import feedback_export_for_user
from interviews.models import MockSession, Participant, Round, RoundQuestion
from interviews.services.calendars import participant_shown_name
from practice.models import DailySet, PracticeSettings, SoloPractice
from questions.models import AskedReport, Attempt, Progress, Question, QuestionList
from rooms.models import Pad, PadKind
from rooms.permissions import can_open_pad
from users.models import User

SCHEMA_VERSION = 1


def iso(moment: dt.datetime | None) -> str | None:
    """UTC, to the microsecond: an attempt's time is part of its identity on import
    (mydata.services.import_progress)."""
    return moment.astimezone(dt.UTC).isoformat() if moment else None


def question_ref(question: Question) -> dict[str, str]:
    return {"slug": question.slug, "title": question.title, "link": question.link}


def document_head(*, user: User, now: dt.datetime | None = None) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "exported_at": iso(now or timezone.now()),
        "site": settings.SITE_URL,
    }


def profile_of(*, user: User) -> dict[str, Any]:
    return {
        "email": user.email,
        "name": user.name,
        "display_name": user.display_name,
        "time_zone": user.time_zone,
        "reminder_offsets": list(user.reminder_offsets),
        "date_joined": iso(user.date_joined),
    }


def _attempt(attempt: Attempt) -> dict[str, Any]:
    return {
        "created_at": iso(attempt.created_at),
        "day": attempt.day.isoformat(),
        "outcome": attempt.outcome,
        "rating": attempt.rating,
        "minutes_planning": attempt.minutes_planning,
        "minutes_coding": attempt.minutes_coding,
        "note": attempt.note,
    }


def progress_of(*, user: User) -> list[dict[str, Any]]:
    rows = (
        Progress.objects.filter(user=user)
        .select_related("question")
        .prefetch_related(
            Prefetch("attempts", queryset=Attempt.objects.order_by("created_at"))
        )
        .order_by("question__slug")
    )
    return [
        {
            "question": question_ref(progress.question),
            "status": progress.status,
            "marked_for_review": progress.marked_for_review,
            "card": progress.card,
            "due_at": iso(progress.due_at),
            "last_attempt_at": iso(progress.last_attempt_at),
            "updated_at": iso(progress.updated_at),
            "attempts": [_attempt(each) for each in progress.attempts.all()],
        }
        for progress in rows
    ]


def lists_of(*, user: User) -> list[dict[str, Any]]:
    lists = QuestionList.objects.filter(owner=user).prefetch_related("items__question")
    return [
        {
            "slug": each.slug,
            "name": each.name,
            "description": each.description,
            "created_at": iso(each.created_at),
            "items": [
                {
                    "question": question_ref(item.question),
                    "position": item.position,
                    "section": item.section,
                }
                for item in each.items.all()
            ],
        }
        for each in lists.order_by("slug")
    ]


def asked_reports_of(*, user: User) -> list[dict[str, Any]]:
    reports = AskedReport.objects.filter(reporter=user).select_related(
        "question", "company"
    )
    return [
        {
            "question": question_ref(report.question),
            "company": {"slug": report.company.slug, "name": report.company.name},
            "asked_on": report.asked_on.isoformat(),
            "round_kind": report.round_kind,
            "level": report.level,
            "created_at": iso(report.created_at),
        }
        for report in reports.order_by("created_at", "pk")
    ]


@dataclass(frozen=True)
class PadFile:
    """A pad of a round this person may open, and where the archive keeps it."""

    pad: Pad
    path: str


def pad_path(pad: Pad) -> str:
    suffix = "json" if pad.kind == PadKind.BOARD else "txt"
    round_ = pad.round
    return (
        f"pads/session-{round_.session_id}-round-{round_.order + 1}-{pad.kind}.{suffix}"
    )


def pads_of(*, user: User) -> list[PadFile]:
    """The pads of every round this person was in, but a partner's notes."""
    pads = (
        Pad.objects.filter(Q(round__interviewer=user) | Q(round__candidate=user))
        .select_related("round__session")
        .order_by("round__session_id", "round__order", "kind")
    )
    return [PadFile(pad, pad_path(pad)) for pad in pads if can_open_pad(user, pad)]


def _role(round_: Round, user: User) -> str | None:
    interviewer, candidate = (
        round_.interviewer_id == user.pk,
        round_.candidate_id == user.pk,
    )
    if interviewer and candidate:
        return "both"
    return "interviewer" if interviewer else "candidate" if candidate else None


def _round(
    round_: Round, *, user: User, names: dict[int, str], pads: dict[int, list[PadFile]]
) -> dict[str, Any]:
    role = _role(round_, user)
    return {
        "id": round_.pk,
        "number": round_.order + 1,
        "my_role": role,
        "interviewer": names.get(round_.interviewer_id),
        "candidate": names.get(round_.candidate_id),
        "started_at": iso(round_.started_at),
        "ended_at": iso(round_.ended_at),
        # A candidate never learns a question that was not revealed to them.
        "questions": [
            {
                "question": question_ref(each.question),
                "revealed_at": iso(each.revealed_at),
            }
            for each in round_.questions.all()
            if role != "candidate" or each.revealed_at is not None
        ],
        "pads": [
            {"kind": each.pad.kind, "language": each.pad.language, "file": each.path}
            for each in pads.get(round_.pk, [])
        ],
    }


def sessions_of(
    *, user: User, pad_files: list[PadFile], now: dt.datetime | None = None
) -> list[dict[str, Any]]:
    now = now or timezone.now()
    pads: dict[int, list[PadFile]] = {}
    for each in pad_files:
        pads.setdefault(each.pad.round_id, []).append(each)
    sessions = (
        MockSession.objects.filter(participants__user=user)
        .select_related("format")
        .prefetch_related(
            Prefetch(
                "participants",
                queryset=Participant.objects.select_related("user").order_by("pk"),
            ),
            Prefetch(
                "rounds__questions",
                queryset=RoundQuestion.objects.select_related("question"),
            ),
        )
        .order_by("starts_at", "pk")
        .distinct()
    )
    exported = []
    for session in sessions:
        participants = list(session.participants.all())
        names = {
            p.user_id: user.name if p.user_id == user.pk else participant_shown_name(p)
            for p in participants
            if p.user_id
        }
        exported.append(
            {
                "id": session.pk,
                "format": session.format.name,
                "starts_at": iso(session.starts_at),
                "ends_at": iso(session.ends_at),
                "status": session.status,
                "state": session.state_at(now).value,
                "is_solo": session.is_solo,
                "swap": session.swap,
                "i_hosted": session.host_id == user.pk,
                "note": session.note,
                "call_link": session.call_link,
                "cancel_reason": session.cancel_reason,
                "participants": [
                    {
                        "name": names.get(p.user_id) or participant_shown_name(p),
                        "is_me": p.user_id == user.pk,
                        "is_host": p.is_host,
                        "response": p.response,
                    }
                    for p in participants
                ],
                "rounds": [
                    _round(each, user=user, names=names, pads=pads)
                    for each in session.rounds.all()
                ],
            }
        )
    return exported


def feedback_of(*, user: User) -> dict[str, Any]:
    feedback = feedback_export_for_user(user=user)
    return {
        key: feedback[key]
        for key in (
            "received",
            "self_assessments",
            "given",
            "round_runs_given",
            "round_runs_received",
        )
    }


def practice_of(*, user: User) -> dict[str, Any]:
    settings_row = PracticeSettings.objects.filter(user=user).first()
    practices = (
        SoloPractice.objects.filter(user=user)
        .select_related("question", "attempt")
        .prefetch_related("nudges")
        .order_by("created_at", "pk")
    )
    sets = DailySet.objects.filter(user=user).prefetch_related("items__question")
    return {
        "settings": {
            "target_companies": sorted(
                settings_row.target_companies.values_list("slug", flat=True)
            ),
            "target_kinds": list(settings_row.target_kinds),
            "set_size": settings_row.set_size,
            "weekly_goal_days": settings_row.weekly_goal_days,
            "digest_hour": settings_row.digest_hour,
        }
        if settings_row
        else None,
        "solo_practices": [
            {
                "question": question_ref(each.question),
                "session_id": each.session_id,
                "time_box_minutes": each.time_box_minutes,
                "answers_opened_at": iso(each.answers_opened_at),
                "answers_opened_because": each.answers_opened_because,
                "outline_opened_at": iso(each.outline_opened_at),
                "attempt_created_at": iso(each.attempt.created_at)
                if each.attempt
                else None,
                "created_at": iso(each.created_at),
                "nudges": [
                    {
                        "name": nudge.name,
                        "shown_at": iso(nudge.shown_at),
                        "elapsed_seconds": int(nudge.elapsed.total_seconds()),
                    }
                    for nudge in each.nudges.all()
                ],
            }
            for each in practices
        ],
        "daily_sets": [
            {
                "day": each.day.isoformat(),
                "items": [
                    {
                        "position": item.position,
                        "question": question_ref(item.question),
                        "reason": item.reason,
                    }
                    for item in each.items.all()
                ],
            }
            for each in sets.order_by("day")
        ],
    }


def career_of(*, user: User) -> dict[str, Any]:
    career = career_export_for_user(user=user)
    career.pop("format_version", None)
    return career
