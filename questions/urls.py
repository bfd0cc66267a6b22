from django.urls import path

from questions.views import browse

urlpatterns = [
    path("", browse.question_list, name="question-list"),
    # -- progress, review queue and lists (questions.views.progress, .lists) --
    # -- end progress --
]
