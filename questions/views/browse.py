from django.contrib.auth.decorators import login_required
from django.shortcuts import render


@login_required
def question_list(request):
    return render(request, "questions/list.html")
