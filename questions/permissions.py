"""Who may see what of a question. The interviewer-only fields (hints, solution outline,
follow-ups) go only to those this rule allows, in pages, API answers and websockets."""

from interviews.models import RoundQuestion, SessionStatus
from questions.models import Question
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
