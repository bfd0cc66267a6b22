from django.apps import AppConfig


class PracticeConfig(AppConfig):
    name = "practice"
    verbose_name = "Practice"

    def ready(self):
        from practice.selectors.solo import (
            answers_opened_alone,
            questions_with_answers_opened,
            solo_room_practice,
        )
        from questions.permissions import INTERVIEWER_FIELDS_RULES
        from questions.selectors.browse import SEEN_ELSEWHERE
        from rooms.selectors.room import SOLO_PRACTICE_SOURCES

        # The bank, the room and the draw know nothing of practising alone: they
        # ask the rules and sources they are given (docs/architecture.md).
        if answers_opened_alone not in INTERVIEWER_FIELDS_RULES:
            INTERVIEWER_FIELDS_RULES.append(answers_opened_alone)
        if questions_with_answers_opened not in SEEN_ELSEWHERE:
            SEEN_ELSEWHERE.append(questions_with_answers_opened)
        if solo_room_practice not in SOLO_PRACTICE_SOURCES:
            SOLO_PRACTICE_SOURCES.append(solo_room_practice)
