"""Reading the story bank: one person's stories, what the bank still lacks a story
for, the stories picked in a round as each of its people may see them, and how a
story landed in the rounds it was told in."""

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.urls import reverse

from career import permissions
from career.models import Story, StoryTold
from career.selectors.rubric import behavioral_competencies
from feedback.models import ScorecardRating
from feedback.selectors.scorecards import scorecards_readable_as_subject
from interviews.models import Round, SegmentKind
from interviews.services.session_rules import plan_segments
from questions.models import Question, RoundKind
from users.models import User

STAR = ("situation", "task", "action", "result", "reflection")


def stories_of(*, user: User) -> QuerySet[Story]:
    return Story.objects.filter(owner=user).prefetch_related(
        Prefetch("questions", queryset=Question.objects.order_by("title"))
    )


def story_get_for_user(*, user: User, story_id: int) -> Story:
    """One of `user`'s stories; 404 for anyone else, as if it did not exist."""
    story = stories_of(user=user).filter(pk=story_id).first()
    if story is None or not permissions.is_owner(user, story):
        raise Http404("No such story of yours.")
    return story


def competency_titles(story: Story, titles: dict[str, str]) -> list[dict]:
    return [{"key": key, "title": titles.get(key, key)} for key in story.competencies]


def story_coverage(*, user: User) -> dict:
    """Each competency of the behavioral rubric with the person's stories that show
    it, and the bank's behavioral questions that no story of theirs answers yet."""
    titles = behavioral_competencies()
    stories = list(stories_of(user=user))
    by_key: dict[str, list[Story]] = {key: [] for key in titles}
    linked: set[int] = set()
    for story in stories:
        for key in story.competencies:
            by_key.setdefault(key, []).append(story)
        linked.update(question.pk for question in story.questions.all())
    competencies = [
        {"key": key, "title": title, "stories": by_key[key]}
        for key, title in titles.items()
    ]
    questions = Question.objects.filter(kind=RoundKind.BEHAVIORAL).order_by("title")
    return {
        "stories_count": len(stories),
        "competencies": competencies,
        "competencies_without_story": [c for c in competencies if not c["stories"]],
        "questions_without_story": [q for q in questions if q.pk not in linked],
        "questions_count": questions.count(),
    }


def round_get_for_stories(*, user: User, round_id: int) -> Round:
    """A round whose stories `user` may see: its candidate's or its interviewer's."""
    round_ = Round.objects.select_related("session__format").filter(pk=round_id).first()
    if round_ is None or not (
        permissions.is_round_candidate(user, round_)
        or permissions.is_round_interviewer(user, round_)
    ):
        raise Http404("No such round of yours.")
    return round_


def stories_for_round(*, round: Round, viewer: User) -> list[dict]:
    """The stories picked for a round, as `viewer` may see them: the candidate reads
    their picks in full; the interviewer reads a title until the story is told, then
    all of it; anyone else gets a 404."""
    if not (
        permissions.is_round_candidate(viewer, round)
        or permissions.is_round_interviewer(viewer, round)
    ):
        raise Http404("No such round of yours.")
    titles = behavioral_competencies()
    picks = (
        StoryTold.objects.filter(round=round, story__owner_id=round.candidate_id)
        .select_related("story")
        .order_by("picked_at", "pk")
    )
    shown = []
    for told in picks:
        story = told.story
        item = {
            "story_id": story.pk,
            "title": story.title,
            "picked_at": told.picked_at,
            "told_at": told.told_at,
            "full": permissions.can_read_told_story(viewer, told, round),
        }
        if item["full"]:
            item.update({name: getattr(story, name) for name in STAR})
            item["competencies"] = competency_titles(story, titles)
        shown.append(item)
    return shown


def story_landings(*, user: User, story: Story) -> list[dict]:
    """How the story landed: for each round it was told in whose scorecard its
    candidate may read (submitted, and past the blind rule), the ratings of the
    competencies the story is tagged with and what the interviewer wrote about
    them, with the scorecard's strengths and improvements. The interviewer's
    working notes stay theirs, as everywhere."""
    if not permissions.is_owner(user, story):
        raise Http404("No such story of yours.")
    told = {
        each.round_id: each
        for each in StoryTold.objects.filter(story=story, told_at__isnull=False)
    }
    if not told:
        return []
    scorecards = (
        scorecards_readable_as_subject(user=user)
        .filter(round_id__in=told)
        .select_related("round__session", "author", "rubric")
        .prefetch_related(
            Prefetch(
                "ratings",
                queryset=ScorecardRating.objects.select_related("criterion").order_by(
                    "criterion__order"
                ),
            )
        )
        .order_by("round__session__starts_at", "round_id")
    )
    landings = []
    for scorecard in scorecards:
        tagged = [
            {
                "key": rating.criterion.key,
                "title": rating.criterion.title,
                "score": rating.score,
                "note": rating.note,
            }
            for rating in scorecard.ratings.all()
            if rating.criterion.key in story.competencies
        ]
        scores = [each["score"] for each in tagged if each["score"]]
        landings.append(
            {
                "round_id": scorecard.round_id,
                "told_at": told[scorecard.round_id].told_at,
                "held_at": scorecard.round.started_at
                or scorecard.round.session.starts_at,
                "interviewer": scorecard.author.name,
                "rubric_kind": scorecard.rubric.kind,
                "ratings": tagged,
                "mean": round(sum(scores) / len(scores), 2) if scores else None,
                "recommendation": scorecard.get_recommendation_display(),
                "strengths": scorecard.strengths,
                "improvements": scorecard.improvements,
            }
        )
    return landings


def picked_story_get(*, round: Round, story_id: int) -> Story:
    """A story the round's candidate picked for it; 404 otherwise."""
    told = (
        StoryTold.objects.select_related("story")
        .filter(round=round, story_id=story_id, story__owner_id=round.candidate_id)
        .first()
    )
    if told is None:
        raise Http404("No such story picked for this round.")
    return told.story


def round_has_behavioral_part(round_: Round) -> bool:
    session = round_.session
    return any(
        segment.kind == SegmentKind.BEHAVIORAL
        for segment in plan_segments(
            format=session.format, loop_segment=session.loop_segment
        )
    )


def room_stories(round_: Round, user: User) -> dict | None:
    """What the live room shows of a round's stories to one of its two people: the
    picks as `stories_for_round` gives them, and, to the candidate, their stories
    still to pick. None for a round without a behavioral part. (A source of
    rooms.selectors.room, added when the app is ready.)"""
    if user.pk not in (round_.candidate_id, round_.interviewer_id):
        return None
    if not round_has_behavioral_part(round_):
        return None
    picked = stories_for_round(round=round_, viewer=user)
    candidate = user.pk == round_.candidate_id
    taken = {item["story_id"] for item in picked}
    return {
        "role": "candidate" if candidate else "interviewer",
        "picked": picked,
        "mine": [
            {"id": story.pk, "title": story.title}
            for story in Story.objects.filter(owner=user).order_by("title")
            if story.pk not in taken
        ]
        if candidate
        else [],
        "url": reverse("api-round-stories", args=[round_.pk]),
    }
