"""Who may see what of a question. The interviewer-only fields (hints, solution outline,
follow-ups) go only to those this rule allows, in pages, API answers and websockets."""

from collections.abc import Callable

from django.db.models import Q

from questions.models import Question, QuestionList
from users.models import User

INTERVIEWER_ONLY_FIELDS = ("hints", "solution_outline", "follow_ups")


# Who else may read a question's interviewer-only fields is for the apps above to
# say (interviews: a round's interviewer); each rule, added when its app is ready,
# answers True (may), False (may not, whatever another rule says) or None.
InterviewerFieldsRule = Callable[[User, Question], bool | None]
INTERVIEWER_FIELDS_RULES: list[InterviewerFieldsRule] = []


def can_see_interviewer_fields(user: User, question: Question) -> bool:
    """Staff and the author; anyone else as the rules of other apps allow."""
    if not user.is_authenticated:
        return False
    if user.is_staff or question.author_id == user.id:
        return True
    verdicts = [rule(user, question) for rule in INTERVIEWER_FIELDS_RULES]
    return False not in verdicts and True in verdicts


def visible_lists_condition(user: User) -> Q:
    """Curated lists (no owner) are for everyone; personal lists for their owner."""
    return Q(owner__isnull=True) | Q(owner=user)


def can_change_list(user: User, question_list: QuestionList) -> bool:
    return question_list.owner_id is not None and question_list.owner_id == user.pk
