from django.apps import AppConfig


class CareerConfig(AppConfig):
    name = "career"
    verbose_name = "Career prep"

    def ready(self):
        from career.selectors.real import practise_next_for_plan
        from career.selectors.stories import room_stories
        from feedback.selectors.progress import PLAN_FOCUS_SOURCES
        from rooms.selectors.room import ROUND_STORY_SOURCES

        # The study plan knows nothing of real interviews: it asks its sources
        # what a person wants to practise next (docs/architecture.md).
        if practise_next_for_plan not in PLAN_FOCUS_SOURCES:
            PLAN_FOCUS_SOURCES.append(practise_next_for_plan)
        # Nor does the room know of stories: it asks this source for a round's.
        if room_stories not in ROUND_STORY_SOURCES:
            ROUND_STORY_SOURCES.append(room_stories)
