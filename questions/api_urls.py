from django.urls import path

from questions.api import lists, progress, questions

urlpatterns = [
    # -- questions, companies, topics (questions.api.questions) --
    path("questions/", questions.QuestionListApi.as_view(), name="api-question-list"),
    path(
        "questions/facets/",
        questions.QuestionFacetsApi.as_view(),
        name="api-question-facets",
    ),
    path(
        "questions/random/",
        questions.QuestionDrawApi.as_view(),
        name="api-question-random",
    ),
    path("companies/", questions.CompanyListApi.as_view(), name="api-company-list"),
    path("topics/", questions.TopicListApi.as_view(), name="api-topic-list"),
    # -- end questions --
    # -- progress and lists (questions.api.progress, questions.api.lists) --
    path("progress/", progress.ProgressListApi.as_view(), name="api-progress-list"),
    path("progress/due/", progress.ProgressDueApi.as_view(), name="api-progress-due"),
    path(
        "progress/<slug:slug>/",
        progress.ProgressDetailApi.as_view(),
        name="api-progress-detail",
    ),
    path(
        "progress/<slug:slug>/mark-for-review/",
        progress.ProgressMarkApi.as_view(),
        name="api-progress-mark",
    ),
    path(
        "progress/<slug:slug>/attempts/",
        progress.AttemptCreateApi.as_view(),
        name="api-progress-attempts",
    ),
    path("reports/", progress.AskedReportCreateApi.as_view(), name="api-reports"),
    path("lists/", lists.ListListApi.as_view(), name="api-list-list"),
    path("lists/<int:pk>/", lists.ListDetailApi.as_view(), name="api-list-detail"),
    path("lists/<int:pk>/items/", lists.ListItemsApi.as_view(), name="api-list-items"),
    path("lists/<int:pk>/order/", lists.ListOrderApi.as_view(), name="api-list-order"),
    # -- end progress --
    path(
        "questions/<slug:slug>/",
        questions.QuestionDetailApi.as_view(),
        name="api-question-detail",
    ),
]
