"""The interviewer's page: feedback I gave, what waits for me to write, and how my
ratings compare with other interviewers' of the same candidates."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from feedback.selectors.given import (
    MIN_OTHER_INTERVIEWERS,
    MIN_OTHER_SCORECARDS,
    VERDICT_THRESHOLD,
    given_page_for_user,
)
from feedback.selectors.interviewer_feedback import (
    RECENT,
    TREND_THRESHOLD,
    interviewer_trend_for,
)


@login_required
def given_page(request):
    return render(
        request,
        "feedback/given.html",
        {
            "page": given_page_for_user(user=request.user),
            "threshold": VERDICT_THRESHOLD,
            "min_scorecards": MIN_OTHER_SCORECARDS,
            "min_interviewers": MIN_OTHER_INTERVIEWERS,
            "trend": interviewer_trend_for(user=request.user),
            "trend_recent": RECENT,
            "trend_threshold": TREND_THRESHOLD,
        },
    )
