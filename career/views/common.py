"""What the career pages share: how a refused form is shown again."""

from django.shortcuts import render

from core.errors import ApplicationError


def refused(request, template: str, context: dict, error: ApplicationError):
    """The page again with what was typed and the reason, as a 400: nothing was
    saved."""
    context = {
        **context,
        "error": error.message,
        "error_field": error.field or "",
        "typed": request.POST,
    }
    return render(request, template, context, status=400)
