from django.urls import path

from practice.views import solo

urlpatterns = [
    path("solo/", solo.solo_list, name="practice-solo-list"),
    path("solo/start/", solo.solo_start, name="practice-solo-start"),
    path("solo/<int:pk>/", solo.solo_detail, name="practice-solo"),
    path("solo/<int:pk>/nudges/", solo.solo_nudge, name="practice-solo-nudge"),
    path("solo/<int:pk>/answers/", solo.solo_answers, name="practice-solo-answers"),
    path("solo/<int:pk>/finish/", solo.solo_finish, name="practice-solo-finish"),
]
