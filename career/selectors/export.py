"""Everything of one person's career prep as plain data, for their download (and for
the per-user export of everything, issue 21): stories with their competencies,
questions and rounds told in, brag entries and the reminder, real interviews with
their stages and write-ups. Only the person's own rows; nothing of anyone else's."""

import datetime as dt
from typing import Any

from career.models import StoryTold
from career.selectors.brag import brag_entries_of
from career.selectors.real import real_interviews_of, stage_local
from career.selectors.stories import stories_of
from career.services.brag import brag_settings_of
from users.models import User

FORMAT_VERSION = 1


def _iso(moment: dt.datetime | None, zone) -> str | None:
    return moment.astimezone(zone).isoformat(timespec="seconds") if moment else None


def career_export_for_user(*, user: User) -> dict[str, Any]:
    zone = user.zone
    told: dict[int, list[dict]] = {}
    for each in StoryTold.objects.filter(story__owner=user).order_by("picked_at"):
        told.setdefault(each.story_id, []).append(
            {
                "round_id": each.round_id,
                "picked_at": _iso(each.picked_at, zone),
                "told_at": _iso(each.told_at, zone),
            }
        )
    settings = brag_settings_of(user)
    return {
        "format_version": FORMAT_VERSION,
        "stories": [
            {
                "id": story.pk,
                "title": story.title,
                "situation": story.situation,
                "task": story.task,
                "action": story.action,
                "result": story.result,
                "reflection": story.reflection,
                "competencies": list(story.competencies),
                "questions": [q.slug for q in story.questions.all()],
                "brag_entry_id": story.brag_entry_id,
                "told_in_rounds": told.get(story.pk, []),
                "created_at": _iso(story.created_at, zone),
                "updated_at": _iso(story.updated_at, zone),
            }
            for story in stories_of(user=user).order_by("pk")
        ],
        "brag_entries": [
            {
                "id": entry.pk,
                "day": entry.day.isoformat(),
                "what": entry.what,
                "impact": entry.impact,
                "seen_by": entry.seen_by,
                "links": list(entry.links),
            }
            for entry in brag_entries_of(user=user)
        ],
        "brag_reminder": {
            "on": settings.reminder_on,
            "weekday": settings.weekday,
            "hour": settings.hour,
            "time_zone": user.time_zone,
        },
        "real_interviews": [
            {
                "id": interview.pk,
                "company": interview.company_name,
                "company_slug": interview.company.slug if interview.company else None,
                "role": interview.role,
                "level": interview.level,
                "group": interview.group,
                "notes": interview.notes,
                "stages": [
                    {
                        "id": stage.pk,
                        "format": stage.format,
                        "starts_at": stage_local(stage).isoformat(timespec="minutes"),
                        "time_zone": stage.time_zone,
                        "outcome": stage.outcome,
                        "questions_asked": [
                            q.slug for q in stage.questions_asked.all()
                        ],
                        "self_ratings": dict(stage.self_ratings),
                        "practise_next": list(stage.practise_next),
                        "write_up": stage.write_up,
                        "written_up_at": _iso(stage.written_up_at, zone),
                    }
                    for stage in interview.stages.all()
                ],
            }
            for interview in real_interviews_of(user=user).order_by("pk")
        ],
    }
