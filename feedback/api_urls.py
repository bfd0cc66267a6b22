from django.urls import path

from feedback.api import loops, progress, round_run, scorecards

urlpatterns = [
    path("rubrics/", scorecards.RubricListApi.as_view(), name="api-rubric-list"),
    path(
        "scorecards/", scorecards.ScorecardListApi.as_view(), name="api-scorecard-list"
    ),
    path(
        "scorecards/<int:pk>/",
        scorecards.ScorecardDetailApi.as_view(),
        name="api-scorecard-detail",
    ),
    path(
        "scorecards/<int:pk>/correct/",
        scorecards.ScorecardCorrectApi.as_view(),
        name="api-scorecard-correct",
    ),
    path(
        "self-assessments/",
        scorecards.SelfAssessmentListApi.as_view(),
        name="api-self-assessment-list",
    ),
    path(
        "self-assessments/<int:pk>/",
        scorecards.SelfAssessmentDetailApi.as_view(),
        name="api-self-assessment-detail",
    ),
    path(
        "rounds/<int:round_id>/interviewer-feedback/",
        round_run.RoundRunApi.as_view(),
        name="api-round-run",
    ),
    path(
        "loops/<int:loop_id>/debrief/",
        loops.LoopDebriefApi.as_view(),
        name="api-loop-debrief",
    ),
    path(
        "progress/summary/",
        progress.ProgressSummaryApi.as_view(),
        name="api-progress-summary",
    ),
]
