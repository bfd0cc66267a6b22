from django.apps import AppConfig


class InterviewsConfig(AppConfig):
    name = "interviews"
    verbose_name = "Interviews"

    def ready(self):
        from interviews.permissions import (
            interviewer_sees_question_fields,
            questions_met_in_mocks,
        )
        from questions.permissions import INTERVIEWER_FIELDS_RULES
        from questions.selectors.browse import SEEN_ELSEWHERE

        # The question bank knows nothing of rounds: it asks the rules it is given.
        if interviewer_sees_question_fields not in INTERVIEWER_FIELDS_RULES:
            INTERVIEWER_FIELDS_RULES.append(interviewer_sees_question_fields)
        if questions_met_in_mocks not in SEEN_ELSEWHERE:
            SEEN_ELSEWHERE.append(questions_met_in_mocks)
