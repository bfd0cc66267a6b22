from django.urls import path

from feedback.views import export, given, progress, review_offers, rounds

urlpatterns = [
    path("", rounds.feedback_overview, name="feedback-overview"),
    path("rounds/<int:round_id>/", rounds.round_feedback, name="feedback-round"),
    path(
        "rounds/<int:round_id>/review-queue/",
        review_offers.review_offer_take,
        name="feedback-review-offer",
    ),
    path("progress/", progress.progress_page, name="feedback-progress"),
    path("progress/plan/", progress.study_plan_save, name="feedback-study-plan"),
    path("given/", given.given_page, name="feedback-given"),
    path("export.json", export.export_json, name="feedback-export-json"),
    path("export/", export.export_print, name="feedback-export-print"),
]
