"""Writing the story bank: stories in STAR form with their reflection, tagged with
the behavioral rubric's competencies and linked to the bank's behavioral
questions."""

from collections.abc import Iterable

from django.db import transaction

from career.models import LINE_MAX, TEXT_MAX, TITLE_MAX, BragEntry, Story
from career.selectors.rubric import behavioral_competencies
from career.services.cleaning import clean_keys, clean_line, clean_text
from core.errors import ApplicationError
from questions.models import Question, RoundKind
from users.models import User

STAR_FIELDS = ("situation", "task", "action", "result", "reflection")
QUESTIONS_MAX = 50


def _clean_questions(slugs: Iterable[str] | None) -> list[Question]:
    if slugs is None:
        return []
    if isinstance(slugs, str) or not isinstance(slugs, Iterable):
        raise ApplicationError("Give a list of questions.", field="questions")
    wanted = set()
    for slug in slugs:
        if not isinstance(slug, str) or not slug or len(slug) > 200:
            raise ApplicationError("Unknown question.", field="questions")
        wanted.add(slug)
    if len(wanted) > QUESTIONS_MAX:
        raise ApplicationError(
            f"Link {QUESTIONS_MAX} questions at most.", field="questions"
        )
    found = list(Question.objects.filter(slug__in=wanted, kind=RoundKind.BEHAVIORAL))
    if len(found) != len(wanted):
        raise ApplicationError(
            "Link behavioral questions of the bank only.", field="questions"
        )
    return found


def _cleaned(
    *, title, competencies, question_slugs, texts: dict
) -> tuple[dict, list[Question]]:
    fields = {"title": clean_line(title, field="title", limit=TITLE_MAX, required=True)}
    for name in STAR_FIELDS:
        fields[name] = clean_text(texts.get(name), field=name, limit=TEXT_MAX)
    fields["competencies"] = clean_keys(
        competencies,
        allowed=behavioral_competencies(),
        field="competencies",
        what="competency",
    )
    return fields, _clean_questions(question_slugs)


@transaction.atomic
def story_create(
    *,
    owner: User,
    title: str,
    competencies: Iterable[str] | None = None,
    question_slugs: Iterable[str] | None = None,
    brag_entry: BragEntry | None = None,
    **texts: str,
) -> Story:
    """A new story of `owner`'s; `texts` are the STAR fields and the reflection."""
    unknown = set(texts) - set(STAR_FIELDS)
    if unknown:
        raise ApplicationError(f"Unknown field: {sorted(unknown)[0]}.")
    fields, questions = _cleaned(
        title=title,
        competencies=competencies,
        question_slugs=question_slugs,
        texts=texts,
    )
    if brag_entry is not None and brag_entry.owner_id != owner.pk:
        raise ApplicationError("Unknown brag entry.")
    story = Story.objects.create(owner=owner, brag_entry=brag_entry, **fields)
    story.questions.set(questions)
    return story


@transaction.atomic
def story_update(
    *,
    story: Story,
    title: str,
    competencies: Iterable[str] | None = None,
    question_slugs: Iterable[str] | None = None,
    **texts: str,
) -> Story:
    """Replace what the story says (every field given: a missing text is empty)."""
    unknown = set(texts) - set(STAR_FIELDS)
    if unknown:
        raise ApplicationError(f"Unknown field: {sorted(unknown)[0]}.")
    fields, questions = _cleaned(
        title=title,
        competencies=competencies,
        question_slugs=question_slugs,
        texts=texts,
    )
    for name, value in fields.items():
        setattr(story, name, value)
    story.save(update_fields=[*fields, "updated_at"])
    story.questions.set(questions)
    return story


@transaction.atomic
def story_delete(*, story: Story) -> None:
    """The story and its picks go; the rounds' scorecards never referred to it and
    stay as they are."""
    story.delete()


def _first_line(text: str, limit: int) -> str:
    line = next((each.strip() for each in text.splitlines() if each.strip()), "")
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


@transaction.atomic
def story_from_brag_entry(*, entry: BragEntry) -> Story:
    """Start a story from a brag entry: what happened is the situation and action
    to work on, its impact the result, who saw it a line of the situation."""
    situation = entry.what
    if entry.seen_by:
        situation = f"{situation}\n\nSeen by: {entry.seen_by}"
    return story_create(
        owner=entry.owner,
        brag_entry=entry,
        title=_first_line(entry.what, min(TITLE_MAX, LINE_MAX)) or "Untitled story",
        situation=situation[:TEXT_MAX],
        result=entry.impact,
    )
