from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "feedback"
    verbose_name = "Feedback"

    def ready(self):
        from feedback.selectors.overview import room_feedback_state
        from rooms.selectors.room import ROUND_FEEDBACK_SOURCES

        # The room knows nothing of scorecards: its feedback link asks this source.
        if room_feedback_state not in ROUND_FEEDBACK_SOURCES:
            ROUND_FEEDBACK_SOURCES.append(room_feedback_state)
