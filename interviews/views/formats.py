"""My own formats: make one, change it, delete it. Built-in ones are listed to read."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from core.errors import ApplicationError
from interviews.selectors.formats import format_get_mine, formats_for_user
from interviews.services.formats import format_create, format_delete, format_update
from interviews.views.session_forms import FormatForm


def _form_args(form: FormatForm) -> dict:
    return {
        "name": form.cleaned_data["name"],
        "description": form.cleaned_data["description"],
        "segments": form.segments(),
    }


@login_required
def format_list(request):
    form = FormatForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            format = format_create(owner=request.user, **_form_args(form))
        except ApplicationError as error:
            form.add_error("name" if error.field == "name" else None, error.message)
        else:
            messages.success(request, f"“{format.name}” is ready to schedule.")
            return redirect("format-list")
    formats = list(formats_for_user(user=request.user))
    context = {
        "built_in": [each for each in formats if each.owner_id is None],
        "mine": [each for each in formats if each.owner_id is not None],
        "form": form,
    }
    return render(request, "interviews/formats.html", context)


@login_required
def format_edit(request, pk: int):
    format = format_get_mine(user=request.user, format_id=pk)
    form = FormatForm(request.POST or None, format=format)
    if request.method == "POST" and form.is_valid():
        try:
            format = format_update(format=format, by=request.user, **_form_args(form))
        except ApplicationError as error:
            form.add_error("name" if error.field == "name" else None, error.message)
        else:
            messages.success(request, f"“{format.name}” is saved.")
            return redirect("format-list")
    return render(
        request, "interviews/format_edit.html", {"form": form, "format": format}
    )


@login_required
@require_POST
def format_remove(request, pk: int):
    format = format_get_mine(user=request.user, format_id=pk)
    try:
        format_delete(format=format, by=request.user)
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect("format-edit", pk=pk)
    messages.success(request, f"“{format.name}” is deleted.")
    return redirect("format-list")
