"""Practising one question alone on the room's clock: start it, log the nudges the
clock gives, open its answers after the time box (or on giving up), and end it with
one attempt that takes its minutes from the clock (docs/practice.md)."""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from core.errors import ApplicationError
from interviews.models import (
    Format,
    MockSession,
    Participant,
    ParticipantResponse,
    Round,
    RoundQuestion,
    Segment,
    SegmentKind,
    SessionStatus,
)
from practice.models import (
    AnswersOpened,
    DailySetItem,
    NudgeName,
    PracticeNudge,
    SoloPractice,
)
from practice.selectors.solo import (
    clock_elapsed_now,
    minutes_on_the_clock,
    nudge_is_due,
    solo_plan,
)
from questions.models import Attempt, Question, ReviewRating
from questions.services.progress import attempt_log, progress_mark_for_review
from rooms import events as room_events
from rooms.services.room import (
    round_clock_command,
    round_question_hint_give,
    round_question_revealed,
)
from users.models import User

# Kinds whose part may run the pad's code in solo practice: the person asked for it.
RUNNABLE_ALONE = {SegmentKind.CODING, SegmentKind.ML_CODING}


def _solo_format(kind: str) -> Format:
    """The built-in clock of solo practice for one kind, made the first time."""
    plan = solo_plan(kind)
    slug = f"solo-{kind.replace('_', '-')}"
    found = Format.objects.filter(slug=slug, owner=None, is_solo=True).first()
    if found is not None:
        return found
    try:
        with transaction.atomic():
            made = Format.objects.create(
                slug=slug,
                name=f"Solo practice · {SegmentKind(kind).label}",
                description="One question, alone, on the clock.",
                is_solo=True,
            )
            Segment.objects.create(
                format=made,
                order=0,
                kind=kind,
                minutes=plan.minutes,
                questions=1,
                runnable=kind in RUNNABLE_ALONE,
            )
            return made
    except IntegrityError:  # made by a request at the same moment
        return Format.objects.get(slug=slug, owner=None, is_solo=True)


@transaction.atomic
def solo_practice_start(
    *, user: User, question: Question, daily_set_item: DailySetItem | None = None
) -> SoloPractice:
    """A room for one, the question shown at once. A person already practising this
    question (a double click, a second tab) goes back to that room."""
    if daily_set_item is not None and (
        daily_set_item.daily_set.user_id != user.pk
        or daily_set_item.question_id != question.pk
    ):
        raise ApplicationError("That is not a question of your set.", field="item")
    User.objects.select_for_update().filter(pk=user.pk).first()
    open_one = (
        SoloPractice.objects.filter(user=user, question=question, attempt=None)
        .filter(session__rounds__ended_at=None)
        .first()
    )
    if open_one is not None:
        return open_one
    plan = solo_plan(question.kind)
    format = _solo_format(question.kind)
    now = timezone.now()
    session = MockSession.objects.create(
        host=user,
        format=format,
        starts_at=now,
        # Room enough to run over: the pads close one session length after this.
        ends_at=now + timedelta(minutes=plan.minutes * 3),
        status=SessionStatus.SCHEDULED,
        is_solo=True,
    )
    Participant.objects.create(
        session=session,
        user=user,
        is_host=True,
        response=ParticipantResponse.ACCEPTED,
        responded_at=now,
    )
    round_ = Round.objects.create(session=session, order=0, candidate=user)
    chosen = RoundQuestion.objects.create(
        round=round_,
        segment=format.segments.get(),
        position=0,
        question=question,
        revealed_at=now,
    )
    round_question_revealed(round_question=chosen, by=user)
    return SoloPractice.objects.create(
        user=user,
        question=question,
        session=session,
        daily_set_item=daily_set_item,
        time_box_minutes=plan.time_box,
    )


def _locked(practice_id: int, user: User) -> SoloPractice:
    practice = (
        SoloPractice.objects.select_for_update(of=("self",))
        .select_related("question", "session")
        .filter(pk=practice_id, user=user)
        .first()
    )
    if practice is None:
        raise ApplicationError("There is no such practice of yours.")
    return practice


def _round(practice: SoloPractice) -> Round:
    return (
        Round.objects.select_related("session__format")
        .filter(session=practice.session)
        .get()
    )


@transaction.atomic
def solo_nudge_log(*, practice_id: int, user: User, name: str) -> PracticeNudge:
    """The page showed a nudge: keep it, once, if the clock says it is due."""
    if name not in NudgeName.values:
        raise ApplicationError("There is no such nudge.", field="name")
    practice = _locked(practice_id, user)
    logged = PracticeNudge.objects.filter(practice=practice, name=name).first()
    if logged is not None:
        return logged
    round_ = _round(practice)
    now = timezone.now()
    if not nudge_is_due(name, round_=round_, question=practice.question, now=now):
        raise ApplicationError("That nudge is not due yet.", field="name")
    nudge = PracticeNudge.objects.create(
        practice=practice,
        name=name,
        shown_at=now,
        elapsed=clock_elapsed_now(round_, now),
    )
    room_events.room_changed(session_id=practice.session_id, what="nudge")
    return nudge


def _open_answers(practice: SoloPractice, *, because: str, now) -> None:
    if practice.answers_opened_at is None:
        practice.answers_opened_at = now
        practice.answers_opened_because = because
        practice.save(update_fields=["answers_opened_at", "answers_opened_because"])
        # Seed 000: past the time box, glance at the answer and mark the question
        # for re-review. It is seen too: never drawn for this person in a mock.
        progress_mark_for_review(user=practice.user, question=practice.question)


@transaction.atomic
def solo_answers_open(*, practice_id: int, user: User, what: str) -> SoloPractice:
    """Open the next hint, the outline, or everything (giving up). A hint opens
    once the first-hint nudge is due, the outline once the time box is spent;
    giving up opens both at any moment."""
    if what not in ("hint", "outline", "give_up"):
        raise ApplicationError("Open a hint, the outline, or give up.", field="what")
    practice = _locked(practice_id, user)
    round_ = _round(practice)
    now = timezone.now()
    gave_up = practice.answers_opened_because == AnswersOpened.GAVE_UP
    if what == "give_up":
        if practice.attempt_id is not None:
            raise ApplicationError("This practice has ended.")
        _open_answers(practice, because=AnswersOpened.GAVE_UP, now=now)
        if practice.answers_opened_because != AnswersOpened.GAVE_UP:
            practice.answers_opened_because = AnswersOpened.GAVE_UP
            practice.save(update_fields=["answers_opened_because"])
        gave_up = True
        what = "outline"
    elapsed = clock_elapsed_now(round_, now)
    time_box_spent = elapsed >= timedelta(minutes=practice.time_box_minutes)
    if what == "outline":
        if not (gave_up or time_box_spent):
            raise ApplicationError(
                f"The outline opens after {practice.time_box_minutes} minutes on the "
                "clock, or when you give up.",
                field="what",
            )
        _open_answers(practice, because=AnswersOpened.TIME_BOX, now=now)
        if practice.outline_opened_at is None:
            practice.outline_opened_at = now
            practice.save(update_fields=["outline_opened_at"])
        room_events.room_changed(session_id=practice.session_id, what="answers")
        return practice
    hint_due = nudge_is_due(
        NudgeName.FIRST_HINT, round_=round_, question=practice.question, now=now
    )
    if not (gave_up or time_box_spent or hint_due):
        raise ApplicationError(
            "Hints open after the first-hint nudge, or when you give up.",
            field="what",
        )
    chosen = RoundQuestion.objects.get(round=round_)
    hints = practice.question.hints or []
    given = set(chosen.given_hints.values_list("number", flat=True))
    following = next((n for n in range(1, len(hints) + 1) if n not in given), None)
    if following is None:
        raise ApplicationError("Every hint is open already.", field="what")
    _open_answers(practice, because=AnswersOpened.TIME_BOX, now=now)
    round_question_hint_give(
        round_question_id=chosen.pk, by=user, number=following, opened_alone=True
    )
    return practice


@transaction.atomic
def solo_practice_finish(
    *,
    practice_id: int,
    user: User,
    outcome: str,
    rating: int | None,
    note: str = "",
) -> Attempt:
    """ "I'm done", or the end: the round ends, and one attempt is logged with the
    minutes planning and coding read from the clock, the outcome and the rating
    that reviews the FSRS card. Sent twice, it logs once."""
    practice = _locked(practice_id, user)
    if practice.attempt_id is not None:
        return practice.attempt
    if rating not in ReviewRating.values:
        raise ApplicationError(
            "Rate it Again, Hard, Good or Easy: the rating sets the next review.",
            field="rating",
        )
    round_ = _round(practice)
    if round_.ended_at is None and round_.started_at is not None:
        round_ = round_clock_command(
            round_id=round_.pk, by=user, action="end", version=round_.clock_version
        )
    planning, coding = minutes_on_the_clock(round_)
    attempt = attempt_log(
        user=user,
        question=practice.question,
        outcome=outcome,
        rating=rating,
        minutes_planning=planning,
        minutes_coding=coding,
        note=note,
    )
    practice.attempt = attempt
    practice.save(update_fields=["attempt"])
    if round_.ended_at is None:  # never started: close the room all the same
        Round.objects.filter(pk=round_.pk).update(ended_at=timezone.now())
    room_events.room_changed(session_id=practice.session_id, what="clock")
    return attempt
