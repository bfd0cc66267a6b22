from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from core.errors import ApplicationError
from questions.filters import ORDERINGS, filters_from_params
from questions.models import Window
from questions.selectors.browse import (
    last_asked_for_page,
    question_facets,
    question_get_for_user,
    top_tags_for_page,
)
from questions.selectors.browse_pages import BrowsePaginator, question_browse_pages
from questions.selectors.progress import (
    attempt_to_offer_undo,
    question_personal_context,
)

PAGE_SIZE = 25
# Set by questions.views.progress when an attempt is logged; read once here.
UNDO_SESSION_KEY = "questions:attempt-to-undo"


@login_required
def question_list(request):
    try:
        filters = filters_from_params(request.GET)
    except ApplicationError as error:
        context = {"error": error.message, "windows": Window.choices}
        return render(request, "questions/list.html", context, status=400)
    questions = question_browse_pages(filters=filters, user=request.user)
    page = BrowsePaginator(questions, PAGE_SIZE).get_page(request.GET.get("page"))
    last_asked = last_asked_for_page(page.object_list, filters=filters)
    top_tags = top_tags_for_page(page.object_list, filters=filters)
    for question in page.object_list:
        question.last_asked = last_asked[question.pk]
        question.top_tag = top_tags.get(question.pk)
    context = {
        "filters": filters,
        "page": page,
        # Imported data shows where it came from and under which licence.
        "sources": sorted(
            {question.source for question in page if question.source},
            key=lambda source: source.name,
        ),
        "facets": question_facets(filters=filters, user=request.user),
        "windows": Window.choices,
        "orderings": ORDERINGS,
    }
    return render(request, "questions/list.html", context)


@login_required
def question_detail(request, slug: str):
    view = question_get_for_user(slug=slug, user=request.user)
    context = {
        "view": view,
        "question": view.question,
        "today": timezone.localdate(),
        **question_personal_context(user=request.user, question=view.question),
        "undo_attempt": attempt_to_offer_undo(
            user=request.user,
            question=view.question,
            attempt_id=request.session.pop(UNDO_SESSION_KEY, None),
            now=timezone.now(),
        ),
    }
    return render(request, "questions/detail.html", context)
