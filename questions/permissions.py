"""Who may see what of a question. The interviewer-only fields (hints, solution outline,
follow-ups) go only to those this rule allows, in pages, API answers and websockets."""

from django.db.models import Q

from interviews.models import RoundQuestion, SessionStatus
from questions.models import Question, QuestionList
from users.models import User

INTERVIEWER_ONLY_FIELDS = ("hints", "solution_outline", "follow_ups")


def can_see_interviewer_fields(user: User, question: Question) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_staff or question.author_id == user.id:
        return True
    # The interviewer of a round that uses the question needs its hints to run it.
    return (
        RoundQuestion.objects.filter(question=question, round__interviewer=user)
        .exclude(round__session__status=SessionStatus.CANCELLED)
        .exists()
    )


def visible_lists_condition(user: User) -> Q:
    """Curated lists (no owner) are for everyone; personal lists for their owner."""
    return Q(owner__isnull=True) | Q(owner=user)


def can_change_list(user: User, question_list: QuestionList) -> bool:
    return question_list.owner_id is not None and question_list.owner_id == user.pk
