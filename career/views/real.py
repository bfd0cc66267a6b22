"""The real interviews' pages: the timeline with its warnings and a form for a new
loop, one loop with its stages, a stage's edit and its write-up."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from career.models import STAGE_FORMATS, StageOutcome
from career.selectors.real import (
    real_interview_get_for_user,
    stage_get_for_user,
    stage_local,
    timeline,
)
from career.selectors.rubric import criteria_of
from career.services.real import (
    real_interview_create,
    real_interview_delete,
    real_interview_update,
    stage_create,
    stage_delete,
    stage_update,
    stage_write_up,
)
from career.views.common import refused
from core.errors import ApplicationError
from feedback.models import SCALE
from questions.models import Company, Question
from users.forms import time_zone_choices


def _choices() -> dict:
    return {
        "companies": Company.objects.order_by("name").only("slug", "name"),
        "formats": STAGE_FORMATS,
        "outcomes": StageOutcome.choices,
        "zones": time_zone_choices(),
    }


def _interview_posted(request) -> dict:
    return {
        "company_slug": request.POST.get("company", ""),
        **{
            key: request.POST.get(key, "")
            for key in ("company_name", "role", "level", "group", "notes")
        },
    }


def _stage_posted(request) -> dict:
    return {
        "format": request.POST.get("format", ""),
        "day": request.POST.get("date", ""),
        "at": request.POST.get("time", ""),
        "time_zone": request.POST.get("time_zone", ""),
        "outcome": request.POST.get("outcome", StageOutcome.PENDING),
    }


@login_required
def interviews_page(request):
    context = {"timeline": timeline(user=request.user), **_choices()}
    if request.method != "POST":
        return render(request, "career/interviews.html", context)
    try:
        interview = real_interview_create(
            owner=request.user, **_interview_posted(request)
        )
    except ApplicationError as error:
        return refused(request, "career/interviews.html", context, error)
    messages.success(request, "Loop added: now add its stages.")
    return redirect("career-interview", interview.pk)


def _interview_context(request, pk: int) -> dict:
    interview = real_interview_get_for_user(user=request.user, interview_id=pk)
    stages = list(interview.stages.all())
    for stage in stages:
        stage.local = stage_local(stage).replace(tzinfo=None)
    return {"interview": interview, "stages": stages, **_choices()}


@login_required
def interview_detail(request, pk: int):
    context = _interview_context(request, pk)
    if request.method != "POST":
        return render(request, "career/interview.html", context)
    try:
        real_interview_update(
            interview=context["interview"], **_interview_posted(request)
        )
    except ApplicationError as error:
        return refused(request, "career/interview.html", context, error)
    messages.success(request, "Loop saved.")
    return redirect("career-interview", pk)


@login_required
@require_POST
def interview_remove(request, pk: int):
    interview = real_interview_get_for_user(user=request.user, interview_id=pk)
    real_interview_delete(interview=interview)
    messages.success(request, "Loop deleted.")
    return redirect("career-interviews")


@login_required
@require_POST
def stage_new(request, pk: int):
    context = _interview_context(request, pk)
    try:
        stage_create(interview=context["interview"], **_stage_posted(request))
    except ApplicationError as error:
        return refused(request, "career/interview.html", context, error)
    messages.success(request, "Stage added.")
    return redirect("career-interview", pk)


@login_required
def stage_edit(request, pk: int):
    stage = stage_get_for_user(user=request.user, stage_id=pk)
    stage.local = stage_local(stage).replace(tzinfo=None)
    context = {"stage": stage, **_choices()}
    if request.method != "POST":
        return render(request, "career/stage_edit.html", context)
    try:
        stage_update(stage=stage, **_stage_posted(request))
    except ApplicationError as error:
        return refused(request, "career/stage_edit.html", context, error)
    messages.success(request, "Stage saved.")
    return redirect("career-interview", stage.interview_id)


@login_required
@require_POST
def stage_remove(request, pk: int):
    stage = stage_get_for_user(user=request.user, stage_id=pk)
    interview_id = stage.interview_id
    stage_delete(stage=stage)
    messages.success(request, "Stage deleted.")
    return redirect("career-interview", interview_id)


def _write_up_context(stage) -> dict:
    stage.local = stage_local(stage).replace(tzinfo=None)
    criteria = criteria_of(stage.format)
    return {
        "stage": stage,
        "criteria": [
            {"key": key, "title": title, "score": stage.self_ratings.get(key)}
            for key, title in criteria.items()
        ],
        "scale": SCALE,
        "questions": Question.objects.order_by("title").only("slug", "title", "kind"),
        "asked": {q.slug for q in stage.questions_asked.all()},
    }


@login_required
def stage_write_up_page(request, pk: int):
    stage = stage_get_for_user(user=request.user, stage_id=pk)
    context = _write_up_context(stage)
    if request.method != "POST":
        return render(request, "career/write_up.html", context)
    ratings = {
        item["key"]: request.POST.get(f"rating_{item['key']}", "")
        for item in context["criteria"]
    }
    try:
        stage_write_up(
            stage=stage,
            user=request.user,
            question_slugs=request.POST.getlist("questions_asked"),
            self_ratings=ratings,
            practise_next=request.POST.getlist("practise_next"),
            write_up=request.POST.get("write_up", ""),
        )
    except ApplicationError as error:
        stage = stage_get_for_user(user=request.user, stage_id=pk)
        return refused(request, "career/write_up.html", _write_up_context(stage), error)
    messages.success(request, "Write-up saved: the questions are reported to the bank.")
    return redirect("career-interview", stage.interview_id)
