"""Who may see what of a question. The interviewer-only fields (hints, solution outline,
follow-ups) go only to those this rule allows, in pages, API answers and websockets."""

from django.db.models import Q

from interviews.models import RoundQuestion, SessionStatus
from questions.models import Question, QuestionList
from users.models import User

INTERVIEWER_ONLY_FIELDS = ("hints", "solution_outline", "follow_ups")


def can_see_interviewer_fields(user: User, question: Question) -> bool:
    """Staff and the author; otherwise only the interviewer of a round that uses the
    question, in a session both people accepted, from when it was picked. Creating
    a session with any address and picking a question opens nothing: nobody agreed
    to be interviewed. A question once picked for you as candidate stays closed to
    you, even when you interview with it elsewhere later."""
    if not user.is_authenticated:
        return False
    if user.is_staff or question.author_id == user.id:
        return True
    uses = RoundQuestion.objects.filter(question=question)
    asked_of_me = uses.filter(round__candidate=user).exclude(
        round__session__status=SessionStatus.CANCELLED
    )
    if asked_of_me.exists():
        return False
    return uses.filter(
        round__interviewer=user, round__session__status=SessionStatus.SCHEDULED
    ).exists()


def visible_lists_condition(user: User) -> Q:
    """Curated lists (no owner) are for everyone; personal lists for their owner."""
    return Q(owner__isnull=True) | Q(owner=user)


def can_change_list(user: User, question_list: QuestionList) -> bool:
    return question_list.owner_id is not None and question_list.owner_id == user.pk
