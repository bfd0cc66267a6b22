from django.urls import path

from questions.views import browse, lists, progress

urlpatterns = [
    path("", browse.question_list, name="question-list"),
    # -- progress, review queue and lists (questions.views.progress, .lists) --
    path("due/", progress.review_due, name="review-due"),
    path("progress/", progress.progress_mine, name="progress-mine"),
    path("lists/", lists.list_index, name="list-index"),
    path("lists/<int:pk>/", lists.list_detail, name="list-detail"),
    path("lists/<int:pk>/edit/", lists.list_edit, name="list-edit"),
    path("lists/<int:pk>/delete/", lists.list_remove, name="list-delete"),
    path("lists/<int:pk>/items/", lists.list_item_add, name="list-item-add"),
    path(
        "lists/<int:pk>/items/remove/",
        lists.list_item_remove,
        name="list-item-remove",
    ),
    path("lists/<int:pk>/items/move/", lists.list_item_move, name="list-item-move"),
    path("<slug:slug>/progress/mark/", progress.progress_mark, name="progress-mark"),
    path(
        "<slug:slug>/progress/attempt/",
        progress.progress_attempt,
        name="progress-attempt",
    ),
    path(
        "<slug:slug>/progress/attempt/undo/",
        progress.progress_attempt_undo,
        name="progress-attempt-undo",
    ),
    path("<slug:slug>/report/", progress.asked_report, name="asked-report"),
    path("<slug:slug>/lists/", lists.question_add_to_list, name="question-add-to-list"),
    # -- end progress --
    path("<slug:slug>/", browse.question_detail, name="question-detail"),
]
