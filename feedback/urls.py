from django.urls import path

from feedback.views import (
    export,
    given,
    loops,
    progress,
    review_offers,
    round_run,
    rounds,
)

urlpatterns = [
    path("", rounds.feedback_overview, name="feedback-overview"),
    path("rounds/<int:round_id>/", rounds.round_feedback, name="feedback-round"),
    path(
        "rounds/<int:round_id>/review-queue/",
        review_offers.review_offer_take,
        name="feedback-review-offer",
    ),
    path(
        "rounds/<int:round_id>/how-it-was-run/",
        round_run.round_run_rate,
        name="feedback-round-run",
    ),
    path("loops/<int:loop_id>/", loops.loop_debrief, name="feedback-loop-debrief"),
    path("progress/", progress.progress_page, name="feedback-progress"),
    path("progress/plan/", progress.study_plan_save, name="feedback-study-plan"),
    path("given/", given.given_page, name="feedback-given"),
    path("export.json", export.export_json, name="feedback-export-json"),
    path("export/", export.export_print, name="feedback-export-print"),
]
