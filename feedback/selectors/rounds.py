"""A round's feedback as one of its two people may see it: the facts of the round
(for the interviewer, to prefill the scorecard), their own part, and the other's
part once the blind rule allows."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Prefetch, Q
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from feedback.models import (
    QuestionNote,
    Scorecard,
    ScorecardRating,
    SelfAssessment,
    SelfRating,
)
from feedback.permissions import (
    can_read_scorecard,
    can_read_self_assessment,
    can_write_scorecard,
    can_write_self_assessment,
    round_feedback_open,
)
from feedback.selectors.rubrics import round_kind, rubric_current
from interviews.models import Round, RoundQuestion, SegmentKind
from interviews.services.session_rules import plan_segments
from rooms.models import GivenHint, PadKind, RoomEvent, RoomEventKind
from rooms.phases import phases_in_part
from rooms.selectors.room import round_moments
from rooms.services.pads import pad_text
from rooms.services.room import clock_elapsed
from users.models import User

NOTES_LIMIT = 20000


def _clock(delta: timedelta) -> str:
    seconds = max(int(delta.total_seconds()), 0)
    return f"{seconds // 60}:{seconds % 60:02d}"


def round_for_feedback(*, user: User, round_id: int) -> Round:
    """A round of which this person was the interviewer or the candidate; 404 for
    anyone else, the other people of a session included."""
    round_ = (
        Round.objects.filter(pk=round_id, session__is_solo=False)
        .filter(Q(interviewer=user) | Q(candidate=user))
        .select_related(
            "session__format", "session__loop_segment", "interviewer", "candidate"
        )
        .first()
    )
    if round_ is None:
        raise Http404("No such round of yours.")
    return round_


def phase_minutes(round_: Round) -> list[dict]:
    """Minutes of the round's clock spent in each part and step, from the room's
    events (a pause stops the round's clock, so it stops these too)."""
    segments = plan_segments(
        format=round_.session.format, loop_segment=round_.session.loop_segment
    )
    events = list(
        RoomEvent.objects.filter(
            round=round_,
            kind__in=[
                RoomEventKind.START,
                RoomEventKind.SEGMENT,
                RoomEventKind.PHASE,
                RoomEventKind.END,
            ],
        ).order_by("at", "pk")
    )
    spent: dict[tuple[int, int], timedelta] = {}
    where, since = (0, 0), None
    for event in events:
        if since is not None:
            spent[where] = spent.get(where, timedelta(0)) + event.elapsed - since
        if event.kind == RoomEventKind.SEGMENT:
            where = (event.data.get("segment", where[0] + 1), 0)
        elif event.kind == RoomEventKind.PHASE:
            where = (where[0], event.data.get("phase", 0))
        since = None if event.kind == RoomEventKind.END else event.elapsed
    if since is not None:
        # Never ended in the room: the step ran until the session's time was up.
        until = min(timezone.now(), round_.session.ends_at)
        ran = max(clock_elapsed(round_, until) - since, timedelta(0))
        spent[where] = spent.get(where, timedelta(0)) + ran
    rows = []
    for (segment_index, phase_index), delta in sorted(spent.items()):
        if segment_index >= len(segments):
            continue
        segment = segments[segment_index]
        steps = phases_in_part(
            segment.kind, minutes=segment.minutes, questions=segment.questions
        )
        step = steps[phase_index][0] if phase_index < len(steps) else ""
        planned = steps[phase_index][1] if step else segment.minutes
        rows.append(
            {
                "part": SegmentKind(segment.kind).label,
                "step": step,
                "minutes": round(delta.total_seconds() / 60, 1),
                "planned": planned,
            }
        )
    return rows


def round_facts(round_: Round, *, reader: str) -> dict:
    """What happened in the round, as one of its two people reads it: the questions,
    the hints given and when (on the round's clock), the minutes of each step. The
    candidate (`reader="candidate"`) reads only the questions revealed to them; a
    hint is here only once given, and the interviewer's notes never are."""
    start = round_.started_at
    moments = round_moments(round_)

    def at(key: tuple, moment) -> str:
        if key in moments:
            return _clock(moments[key])
        # No event (a round older than them): the wall clock since the start.
        return _clock(moment - start) if moment and start else ""

    chosen_questions = RoundQuestion.objects.filter(round=round_)
    if reader != "interviewer":
        chosen_questions = chosen_questions.filter(revealed_at__isnull=False)
    hints = {}
    for hint in GivenHint.objects.filter(round_question__in=chosen_questions):
        hints.setdefault(hint.round_question_id, []).append(hint)
    questions = []
    for chosen in chosen_questions.select_related("question").order_by(
        "segment__order", "position"
    ):
        given = sorted(hints.get(chosen.pk, []), key=lambda each: each.number)
        questions.append(
            {
                "id": chosen.pk,
                "title": chosen.question.title,
                "slug": chosen.question.slug,
                "revealed_at": at((chosen.pk, 0), chosen.revealed_at)
                if chosen.revealed_at
                else "",
                "hints": [
                    {
                        "number": hint.number,
                        "text": _hint_text(chosen.question, hint.number),
                        "at": at((chosen.pk, hint.number), hint.given_at),
                    }
                    for hint in given
                ],
            }
        )
    return {"questions": questions, "phases": phase_minutes(round_)}


def _hint_text(question, number: int) -> str:
    hints = question.hints or []
    return hints[number - 1] if 0 < number <= len(hints) else ""


def scorecards_with_details(queryset):
    return queryset.select_related(
        "rubric", "author", "subject", "round"
    ).prefetch_related(
        Prefetch(
            "ratings",
            queryset=ScorecardRating.objects.select_related("criterion").order_by(
                "criterion__order"
            ),
        ),
        Prefetch(
            "question_notes",
            queryset=QuestionNote.objects.select_related(
                "round_question__question"
            ).order_by("round_question__segment__order", "round_question__position"),
        ),
    )


@dataclass
class RoundFeedback:
    round: Round
    role: str  # "interviewer" or "candidate"
    kind: str
    is_open: bool
    facts: dict | None = None
    # The interviewer's submitted scorecard (newest version) and every version.
    scorecard: Scorecard | None = None
    versions: list[Scorecard] = field(default_factory=list)
    self_assessment: SelfAssessment | None = None
    # What the other wrote, when the blind rule allows.
    their_scorecard: Scorecard | None = None
    their_self_assessment: SelfAssessment | None = None
    # The candidate skipped theirs: told to the interviewer once theirs is sent.
    their_self_skipped: bool = False
    # The candidate's account is in (submitted or skipped): they read the scorecard
    # as soon as it is submitted. The "assessed" notice tells the interviewer so.
    their_self_in: bool = False
    # The candidate's scorecard is written but waits for their self-assessment.
    scorecard_waiting: bool = False
    # The form to fill, when there is one to fill: the draft, or what a new one
    # starts from (nothing is written until the person types).
    form: dict | None = None
    form_rows: list[dict] = field(default_factory=list)
    no_rubric: bool = False
    # Both sides per criterion, once both may be read.
    comparison: list[dict] = field(default_factory=list)


def rating_rows(rubric, ratings) -> list[dict]:
    by_criterion = {rating.criterion_id: rating for rating in ratings}
    rows = []
    for criterion in rubric.criteria.order_by("order"):
        rating = by_criterion.get(criterion.pk)
        rows.append(
            {
                "criterion": criterion,
                "levels": list(enumerate(criterion.levels, start=1)),
                "score": rating.score if rating else None,
                "note": rating.note if rating else "",
            }
        )
    return rows


def _comparison(scorecard: Scorecard, assessment: SelfAssessment | None) -> list[dict]:
    """Per criterion: the interviewer's rating beside the candidate's own (matched
    by key, so a rubric's new version still lines up)."""
    mine = {}
    if assessment is not None and not assessment.skipped:
        mine = {r.criterion.key: r.score for r in assessment.ratings.all()}
    return [
        {
            "title": rating.criterion.title,
            "score": rating.score,
            "note": rating.note,
            "self": mine.get(rating.criterion.key),
            "level": rating.criterion.levels[rating.score - 1] if rating.score else "",
        }
        for rating in scorecard.ratings.all()
    ]


def scorecard_current(round_: Round) -> Scorecard | None:
    """The submitted scorecard the candidate reads: its newest version."""
    return (
        scorecards_with_details(
            Scorecard.objects.filter(round=round_, submitted_at__isnull=False)
        )
        .order_by("-version")
        .first()
    )


def _assessment(round_: Round) -> SelfAssessment | None:
    return (
        SelfAssessment.objects.filter(round=round_)
        .select_related("rubric", "author")
        .prefetch_related(
            Prefetch(
                "ratings",
                queryset=SelfRating.objects.select_related("criterion").order_by(
                    "criterion__order"
                ),
            )
        )
        .first()
    )


def _scorecard_form(round_: Round, draft: Scorecard | None) -> dict:
    """The scorecard form's fields: the draft's, or the round's facts a new one
    starts from (the private notes; a line per question the candidate saw)."""
    if draft is not None:
        return {
            "api": reverse("api-scorecard-detail", args=[draft.pk]),
            "version": draft.version,
            "recommendation": draft.recommendation,
            "level_signal": draft.level_signal,
            "strengths": draft.strengths,
            "improvements": draft.improvements,
            "notes": draft.notes,
            "question_notes": [
                {
                    "id": note.round_question_id,
                    "title": note.round_question.question.title,
                    "text": note.text,
                }
                for note in draft.question_notes.all()
            ],
        }
    revealed = RoundQuestion.objects.filter(
        round=round_, revealed_at__isnull=False
    ).select_related("question")
    return {
        "api": "",
        "create": reverse("api-scorecard-list"),
        "version": 1,
        "notes": round_notes_text(round_),
        "question_notes": [
            {"id": each.pk, "title": each.question.title, "text": ""}
            for each in revealed
        ],
    }


def round_notes_text(round_: Round) -> str:
    notes = round_.pads.filter(kind=PadKind.NOTES).first()
    return pad_text(pad_id=notes.pk).strip()[:NOTES_LIMIT] if notes else ""


def _interviewer_view(view: RoundFeedback, user: User, assessment) -> None:
    round_ = view.round
    view.facts = round_facts(round_, reader="interviewer")
    view.versions = list(
        scorecards_with_details(Scorecard.objects.filter(round=round_)).order_by(
            "-version"
        )
    )
    submitted = [each for each in view.versions if each.submitted_at is not None]
    draft = next((each for each in view.versions if each.submitted_at is None), None)
    view.scorecard = submitted[0] if submitted else None
    view.their_self_in = assessment is not None and assessment.submitted_at is not None
    if assessment and can_read_self_assessment(user, assessment):
        view.their_self_assessment = assessment
    if view.scorecard is not None:
        view.their_self_skipped = bool(
            assessment and assessment.skipped and assessment.submitted_at
        )
        view.comparison = _comparison(view.scorecard, view.their_self_assessment)
    if draft is not None or (not view.versions and can_write_scorecard(user, round_)):
        rubric = draft.rubric if draft else rubric_current(kind=view.kind)
        if rubric is None:
            view.no_rubric = True
            return
        view.form = _scorecard_form(round_, draft)
        view.form_rows = rating_rows(rubric, draft.ratings.all() if draft else [])


def _candidate_view(view: RoundFeedback, user: User, assessment) -> None:
    round_ = view.round
    current = scorecard_current(round_)
    view.facts = round_facts(round_, reader="candidate")
    view.self_assessment = assessment
    if current and can_read_scorecard(user, current):
        view.their_scorecard = current
        view.comparison = _comparison(current, assessment)
    view.scorecard_waiting = current is not None and view.their_scorecard is None
    answered = assessment is not None and assessment.submitted_at is not None
    if answered or not can_write_self_assessment(user, round_):
        return
    rubric = assessment.rubric if assessment else rubric_current(kind=view.kind)
    if rubric is None:
        view.no_rubric = True
        return
    view.form_rows = rating_rows(rubric, assessment.ratings.all() if assessment else [])
    view.form = (
        {
            "api": reverse("api-self-assessment-detail", args=[assessment.pk]),
            "went_well": assessment.went_well,
            "went_badly": assessment.went_badly,
        }
        if assessment
        else {"api": "", "create": reverse("api-self-assessment-list")}
    )


def round_feedback_for(*, user: User, round_id: int) -> RoundFeedback:
    """One round's feedback as this person sees it. Reads only: a draft is written
    when they first type, never by opening the page."""
    round_ = round_for_feedback(user=user, round_id=round_id)
    interviewer = round_.interviewer_id == user.pk
    view = RoundFeedback(
        round=round_,
        role="interviewer" if interviewer else "candidate",
        kind=round_kind(round_),
        is_open=round_feedback_open(round_),
    )
    assessment = _assessment(round_)
    if interviewer:
        _interviewer_view(view, user, assessment)
    else:
        _candidate_view(view, user, assessment)
    return view
