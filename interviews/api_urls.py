from django.urls import path  # noqa: F401

urlpatterns = [
    # -- sessions and formats (interviews.api.sessions, interviews.api.formats) --
    # -- end sessions --
    # -- availability (interviews.api.availability) --
    # -- end availability --
]
