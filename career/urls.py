from django.urls import path

from career.views import brag, export, real, stories

urlpatterns = [
    path("", stories.story_list, name="career-stories"),
    path("stories/new/", stories.story_new, name="career-story-new"),
    path("stories/coverage/", stories.coverage, name="career-coverage"),
    path("stories/<int:pk>/", stories.story_detail, name="career-story"),
    path("stories/<int:pk>/edit/", stories.story_edit, name="career-story-edit"),
    path("stories/<int:pk>/delete/", stories.story_remove, name="career-story-delete"),
    path("brag/", brag.brag_page, name="career-brag"),
    path("brag/reminder/", brag.brag_settings, name="career-brag-settings"),
    path("brag/<int:pk>/edit/", brag.brag_edit, name="career-brag-edit"),
    path("brag/<int:pk>/delete/", brag.brag_remove, name="career-brag-delete"),
    path("brag/<int:pk>/story/", brag.brag_to_story, name="career-brag-to-story"),
    path("interviews/", real.interviews_page, name="career-interviews"),
    path("interviews/<int:pk>/", real.interview_detail, name="career-interview"),
    path(
        "interviews/<int:pk>/delete/",
        real.interview_remove,
        name="career-interview-delete",
    ),
    path("interviews/<int:pk>/stages/", real.stage_new, name="career-stage-new"),
    path("stages/<int:pk>/edit/", real.stage_edit, name="career-stage-edit"),
    path("stages/<int:pk>/delete/", real.stage_remove, name="career-stage-delete"),
    path(
        "stages/<int:pk>/write-up/",
        real.stage_write_up_page,
        name="career-stage-write-up",
    ),
    path("export.json", export.export_json, name="career-export"),
]
