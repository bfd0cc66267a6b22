"""A loop's debrief page: for its candidate and interviewers once every round is
held and scored (feedback.selectors.loops); 404 for anyone else."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from feedback.selectors.loops import (
    areas_rule_text,
    hire_rule_text,
    level_rule_text,
    loop_debrief_for,
)


@login_required
def loop_debrief(request, loop_id: int):
    context = {
        "debrief": loop_debrief_for(user=request.user, loop_id=loop_id),
        "hire_rule": hire_rule_text(),
        "level_rule": level_rule_text(),
        "areas_rule": areas_rule_text(),
    }
    return render(request, "feedback/loop_debrief.html", context)
