"""Reading the real search: one person's loops and stages, and the timeline with
its warnings.

Two rules from seed 001 (docs/career.md says why these numbers):
- stages of two different formats less than FORMAT_GAP apart leave no time to
  switch preparation (the seed asks for three to four days); recruiter calls
  ("other") and withdrawn stages are left out;
- similar companies belong together: loops the person put in the same group whose
  first stages lie more than GROUP_SPREAD apart are flagged."""

import datetime as dt
import zoneinfo
from collections import defaultdict

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone

from career import permissions
from career.models import STAGE_FORMATS, InterviewStage, RealInterview, StageOutcome
from career.selectors.rubric import criteria_of
from users.models import User

FORMAT_GAP = dt.timedelta(days=3)
GROUP_SPREAD = dt.timedelta(days=14)
FORMATS = dict(STAGE_FORMATS)


def real_interviews_of(*, user: User) -> QuerySet[RealInterview]:
    return (
        RealInterview.objects.filter(owner=user)
        .select_related("company")
        .prefetch_related(
            Prefetch(
                "stages",
                queryset=InterviewStage.objects.order_by(
                    "starts_at", "pk"
                ).prefetch_related("questions_asked"),
            )
        )
    )


def real_interview_get_for_user(*, user: User, interview_id: int) -> RealInterview:
    interview = real_interviews_of(user=user).filter(pk=interview_id).first()
    if interview is None or not permissions.is_owner(user, interview):
        raise Http404("No such interview of yours.")
    return interview


def stage_get_for_user(*, user: User, stage_id: int) -> InterviewStage:
    stage = (
        InterviewStage.objects.select_related("interview__company")
        .prefetch_related("questions_asked")
        .filter(pk=stage_id, interview__owner=user)
        .first()
    )
    if stage is None or not permissions.is_owner(user, stage.interview):
        raise Http404("No such stage of yours.")
    return stage


def stage_local(stage: InterviewStage) -> dt.datetime:
    try:
        return stage.starts_at.astimezone(zoneinfo.ZoneInfo(stage.time_zone))
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return stage.starts_at


def _days(delta: dt.timedelta) -> str:
    """ "2 days and 1 hour", "18 days": to the nearest hour."""
    days, hours = divmod(round(delta.total_seconds() / 3600), 24)
    parts = [f"{days} day{'s' if days != 1 else ''}"] if days else []
    if hours or not days:
        parts.append(f"{hours} hour{'s' if hours != 1 else ''}")
    return " and ".join(parts)


def _format_warnings(stages: list[InterviewStage]) -> list[dict]:
    considered = [
        s for s in stages if s.format != "other" and s.outcome != StageOutcome.WITHDRAWN
    ]
    warnings = []
    for index, first in enumerate(considered):
        for second in considered[index + 1 :]:
            gap = second.starts_at - first.starts_at
            if gap >= FORMAT_GAP:
                break
            if first.format == second.format:
                continue
            warnings.append(
                {
                    "kind": "formats",
                    "stage_ids": [first.pk, second.pk],
                    "message": (
                        f"{FORMATS[first.format]} at {first.interview.company_name} "
                        f"and {FORMATS[second.format]} at "
                        f"{second.interview.company_name} are {_days(gap)} apart: "
                        "leave three to four days between different formats to "
                        "switch your preparation."
                    ),
                }
            )
    return warnings


def _group_warnings(interviews: list[RealInterview]) -> list[dict]:
    groups: dict[str, list[tuple[dt.datetime, RealInterview]]] = defaultdict(list)
    for interview in interviews:
        stages = [
            s for s in interview.stages.all() if s.outcome != StageOutcome.WITHDRAWN
        ]
        if interview.group.strip() and stages:
            groups[interview.group.strip().casefold()].append(
                (stages[0].starts_at, interview)
            )
    warnings = []
    for members in groups.values():
        if len(members) < 2:
            continue
        members.sort(key=lambda each: each[0])
        spread = members[-1][0] - members[0][0]
        if spread > GROUP_SPREAD:
            first, last = members[0][1], members[-1][1]
            warnings.append(
                {
                    "kind": "group",
                    "interview_ids": [each.pk for _, each in members],
                    "message": (
                        f"{first.company_name} and {last.company_name} are both "
                        f"{first.group.strip()}, but their loops start "
                        f"{_days(spread)} apart: schedule similar companies "
                        "together, within two weeks."
                    ),
                }
            )
    return warnings


def timeline(*, user: User) -> dict:
    """Every stage of the person's loops in time order (each in its own zone and in
    the person's), with the warnings about them."""
    interviews = list(real_interviews_of(user=user).order_by("company_name", "pk"))
    stages = sorted(
        (stage for interview in interviews for stage in interview.stages.all()),
        key=lambda stage: (stage.starts_at, stage.pk),
    )
    for stage in stages:
        # The wall clock of the stage's own zone: templates would turn an aware
        # moment into the reader's zone.
        stage.local = stage_local(stage).replace(tzinfo=None)
        stage.mine = stage.starts_at.astimezone(user.zone)
    format_warnings = _format_warnings(stages)
    flagged = {pk for w in format_warnings for pk in w["stage_ids"]}
    for stage in stages:
        stage.warned = stage.pk in flagged
    return {
        "interviews": interviews,
        "stages": stages,
        "warnings": format_warnings + _group_warnings(interviews),
    }


# Write-ups this recent say what to practise next; older ones have had their turn.
FOCUS_WEEKS = 8


def practise_next_for_plan(user: User) -> list[tuple[str, str, str]]:
    """(kind, criterion key, title) the person asked to practise next in the
    write-ups of the last FOCUS_WEEKS weeks, newest first: a source of the study
    plan (feedback.selectors.progress.PLAN_FOCUS_SOURCES)."""
    since = timezone.now() - dt.timedelta(weeks=FOCUS_WEEKS)
    rows = (
        InterviewStage.objects.filter(interview__owner=user, written_up_at__gte=since)
        .order_by("-written_up_at")
        .values_list("format", "practise_next")
    )
    titles: dict[str, dict[str, str]] = {}
    found: list[tuple[str, str, str]] = []
    for kind, keys in rows:
        criteria = titles.setdefault(kind, criteria_of(kind))
        for key in keys:
            entry = (kind, key, criteria.get(key, key))
            if key in criteria and entry not in found:
                found.append(entry)
    return found
