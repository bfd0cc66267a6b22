"""The story bank's pages: my stories, one story with how it landed, writing and
deleting one, and the coverage of competencies and questions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from career.selectors.rubric import behavioral_competencies
from career.selectors.stories import (
    competency_titles,
    stories_of,
    story_coverage,
    story_get_for_user,
    story_landings,
)
from career.services.stories import (
    STAR_FIELDS,
    story_create,
    story_delete,
    story_update,
)
from career.views.common import refused
from core.errors import ApplicationError
from questions.models import Question, RoundKind

FORM = "career/story_form.html"


def _form_context(story=None) -> dict:
    return {
        "story": story,
        "competencies": behavioral_competencies(),
        "questions": Question.objects.filter(kind=RoundKind.BEHAVIORAL).order_by(
            "title"
        ),
        "chosen_competencies": list(story.competencies) if story else [],
        "chosen_questions": [q.slug for q in story.questions.all()] if story else [],
    }


def _posted(request) -> dict:
    return {
        "title": request.POST.get("title", ""),
        "competencies": request.POST.getlist("competencies"),
        "question_slugs": request.POST.getlist("questions"),
        **{name: request.POST.get(name, "") for name in STAR_FIELDS},
    }


@login_required
def story_list(request):
    titles = behavioral_competencies()
    stories = [
        (story, competency_titles(story, titles))
        for story in stories_of(user=request.user)
    ]
    return render(request, "career/stories.html", {"stories": stories})


@login_required
def story_new(request):
    if request.method != "POST":
        return render(request, FORM, _form_context())
    try:
        story = story_create(owner=request.user, **_posted(request))
    except ApplicationError as error:
        context = _form_context()
        context["chosen_competencies"] = request.POST.getlist("competencies")
        context["chosen_questions"] = request.POST.getlist("questions")
        return refused(request, FORM, context, error)
    messages.success(request, "Story saved.")
    return redirect("career-story", story.pk)


@login_required
def story_detail(request, pk: int):
    story = story_get_for_user(user=request.user, story_id=pk)
    context = {
        "story": story,
        "competencies": competency_titles(story, behavioral_competencies()),
        "landings": story_landings(user=request.user, story=story),
    }
    return render(request, "career/story.html", context)


@login_required
def story_edit(request, pk: int):
    story = story_get_for_user(user=request.user, story_id=pk)
    if request.method != "POST":
        return render(request, FORM, _form_context(story))
    try:
        story_update(story=story, **_posted(request))
    except ApplicationError as error:
        story = story_get_for_user(user=request.user, story_id=pk)
        context = _form_context(story)
        context["chosen_competencies"] = request.POST.getlist("competencies")
        context["chosen_questions"] = request.POST.getlist("questions")
        return refused(request, FORM, context, error)
    messages.success(request, "Story saved.")
    return redirect("career-story", pk)


@login_required
@require_POST
def story_remove(request, pk: int):
    story_delete(story=story_get_for_user(user=request.user, story_id=pk))
    messages.success(request, "Story deleted. Past rounds keep their feedback.")
    return redirect("career-stories")


@login_required
def coverage(request):
    return render(
        request, "career/coverage.html", {"coverage": story_coverage(user=request.user)}
    )
