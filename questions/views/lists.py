"""Question lists: curated roadmaps to read, and my own lists to add to, take from and
reorder. Every change is an ordinary POST form that works without JavaScript."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from core.errors import ApplicationError
from core.validators import validate_text
from questions.selectors.progress import (
    list_can_change,
    list_get_for_user,
    list_rows,
    lists_for_user,
    question_find,
    question_get,
)
from questions.services import (
    list_add_question,
    list_create,
    list_delete,
    list_move_question,
    list_remove_question,
    list_update,
)
from questions.views.progress import back_to_question, first_error


class ListForm(forms.Form):
    name = forms.CharField(max_length=200)
    description = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[validate_text],
    )


def _back_to_list(request, question_list, *, error: str = "", success: str = ""):
    if error:
        messages.error(request, error)
    if success:
        messages.success(request, success)
    return redirect("list-detail", pk=question_list.pk)


@login_required
def list_index(request):
    form = ListForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            question_list = list_create(owner=request.user, **form.cleaned_data)
        except ApplicationError as error:
            form.add_error("name" if error.field == "name" else None, error.message)
        else:
            messages.success(request, f"“{question_list.name}” is ready.")
            return redirect("list-detail", pk=question_list.pk)
    lists = list(lists_for_user(user=request.user))
    context = {
        "curated": [each for each in lists if each.is_curated],
        "mine": [each for each in lists if not each.is_curated],
        "form": form,
    }
    return render(request, "questions/lists.html", context)


@login_required
def list_detail(request, pk: int):
    question_list = list_get_for_user(user=request.user, list_slug_or_id=pk)
    context = {
        "question_list": question_list,
        "rows": list_rows(user=request.user, question_list=question_list),
        "can_change": list_can_change(user=request.user, question_list=question_list),
        "form": ListForm(
            initial={
                "name": question_list.name,
                "description": question_list.description,
            }
        ),
    }
    return render(request, "questions/list_detail.html", context)


@login_required
@require_POST
def list_edit(request, pk: int):
    question_list = list_get_for_user(user=request.user, list_slug_or_id=pk)
    form = ListForm(request.POST)
    if not form.is_valid():
        return _back_to_list(request, question_list, error=first_error(form))
    try:
        list_update(user=request.user, question_list=question_list, **form.cleaned_data)
    except ApplicationError as error:
        return _back_to_list(request, question_list, error=error.message)
    return _back_to_list(request, question_list, success="The list is saved.")


@login_required
@require_POST
def list_remove(request, pk: int):
    question_list = list_get_for_user(user=request.user, list_slug_or_id=pk)
    try:
        list_delete(user=request.user, question_list=question_list)
    except ApplicationError as error:
        return _back_to_list(request, question_list, error=error.message)
    messages.success(request, f"“{question_list.name}” is deleted.")
    return redirect("list-index")


@login_required
@require_POST
def list_item_add(request, pk: int):
    question_list = list_get_for_user(user=request.user, list_slug_or_id=pk)
    question = question_find(text=request.POST.get("question", ""))
    if question is None:
        return _back_to_list(
            request, question_list, error="No question has that title or slug."
        )
    try:
        list_add_question(
            user=request.user, question_list=question_list, question=question
        )
    except ApplicationError as error:
        return _back_to_list(request, question_list, error=error.message)
    return _back_to_list(request, question_list, success=f"Added “{question.title}”.")


@login_required
@require_POST
def list_item_remove(request, pk: int):
    question_list = list_get_for_user(user=request.user, list_slug_or_id=pk)
    question = question_get(slug=request.POST.get("question", ""))
    try:
        list_remove_question(
            user=request.user, question_list=question_list, question=question
        )
    except ApplicationError as error:
        return _back_to_list(request, question_list, error=error.message)
    return _back_to_list(request, question_list, success=f"Removed “{question.title}”.")


def _move_button_id(order, question, offset: int) -> str:
    """The move button to land on after a move. Browsers focus the element a page's
    fragment names, so a keyboard user can press it again; at either end that
    button is disabled, so the other one is named instead."""
    index = next(i for i, item in enumerate(order) if item.question_id == question.pk)
    up_enabled, down_enabled = index > 0, index < len(order) - 1
    direction = "up" if offset < 0 else "down"
    if direction == "up" and not up_enabled and down_enabled:
        direction = "down"
    elif direction == "down" and not down_enabled and up_enabled:
        direction = "up"
    return f"move-{direction}-{question.slug}"


@login_required
@require_POST
def list_item_move(request, pk: int):
    question_list = list_get_for_user(user=request.user, list_slug_or_id=pk)
    question = question_get(slug=request.POST.get("question", ""))
    offset = -1 if request.POST.get("direction") == "up" else 1
    try:
        order = list_move_question(
            user=request.user,
            question_list=question_list,
            question=question,
            offset=offset,
        )
    except ApplicationError as error:
        return _back_to_list(request, question_list, error=error.message)
    response = _back_to_list(request, question_list)
    response["Location"] += f"#{_move_button_id(order, question, offset)}"
    return response


@login_required
@require_POST
def question_add_to_list(request, slug: str):
    """The question page's "add to list": the list is chosen in the form."""
    question = question_get(slug=slug)
    question_list = list_get_for_user(
        user=request.user, list_slug_or_id=request.POST.get("list", "")
    )
    try:
        list_add_question(
            user=request.user, question_list=question_list, question=question
        )
    except ApplicationError as error:
        return back_to_question(request, question, error=error.message)
    return back_to_question(
        request, question, success=f"Added to “{question_list.name}”."
    )
