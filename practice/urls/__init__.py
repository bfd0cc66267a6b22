"""Under /practice/: each part of practising alone keeps its own routes."""

from practice.urls import habit, solo, today

urlpatterns = [*solo.urlpatterns, *today.urlpatterns, *habit.urlpatterns]
