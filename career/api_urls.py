from django.urls import path

from career.api import brag, export, real, stories

urlpatterns = [
    path("career/stories/", stories.StoryListApi.as_view(), name="api-story-list"),
    path(
        "career/stories/<int:pk>/",
        stories.StoryDetailApi.as_view(),
        name="api-story-detail",
    ),
    path(
        "career/stories/<int:pk>/landings/",
        stories.StoryLandingsApi.as_view(),
        name="api-story-landings",
    ),
    path("career/coverage/", stories.CoverageApi.as_view(), name="api-story-coverage"),
    path(
        "career/rounds/<int:round_id>/stories/",
        stories.RoundStoriesApi.as_view(),
        name="api-round-stories",
    ),
    path(
        "career/rounds/<int:round_id>/stories/<int:story_id>/",
        stories.RoundStoryApi.as_view(),
        name="api-round-story",
    ),
    path(
        "career/rounds/<int:round_id>/stories/<int:story_id>/told/",
        stories.RoundStoryToldApi.as_view(),
        name="api-round-story-told",
    ),
    path("career/brag/", brag.BragEntryListApi.as_view(), name="api-brag-list"),
    path(
        "career/brag/settings/",
        brag.BragSettingsApi.as_view(),
        name="api-brag-settings",
    ),
    path(
        "career/brag/<int:pk>/",
        brag.BragEntryDetailApi.as_view(),
        name="api-brag-detail",
    ),
    path(
        "career/brag/<int:pk>/story/",
        brag.BragEntryToStoryApi.as_view(),
        name="api-brag-to-story",
    ),
    path(
        "career/interviews/",
        real.InterviewListApi.as_view(),
        name="api-real-interview-list",
    ),
    path(
        "career/interviews/<int:pk>/",
        real.InterviewDetailApi.as_view(),
        name="api-real-interview-detail",
    ),
    path(
        "career/interviews/<int:pk>/stages/",
        real.StageListApi.as_view(),
        name="api-stage-list",
    ),
    path("career/stages/<int:pk>/", real.StageDetailApi.as_view(), name="api-stage"),
    path(
        "career/stages/<int:pk>/write-up/",
        real.StageWriteUpApi.as_view(),
        name="api-stage-write-up",
    ),
    path("career/timeline/", real.TimelineApi.as_view(), name="api-career-timeline"),
    path("career/export/", export.CareerExportApi.as_view(), name="api-career-export"),
]
