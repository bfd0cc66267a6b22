from django.contrib.auth.decorators import login_required
from django.shortcuts import render


@login_required
def feedback_overview(request):
    return render(request, "feedback/overview.html")
