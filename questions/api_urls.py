from django.urls import path  # noqa: F401

urlpatterns: list = [
    # -- questions, companies, topics (questions.api.questions) --
    # -- end questions --
    # -- progress and lists (questions.api.progress, questions.api.lists) --
    # -- end progress --
]
