"""One error vocabulary: services raise ApplicationError with a message for people.

The DRF handler turns it into a 400 answer; pages turn it into a form error; consumers
into an ``{"type": "error"}`` frame.
"""

from django.core.exceptions import (
    DisallowedHost,
    RequestDataTooBig,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.templatetags.static import static
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler


class ApplicationError(Exception):
    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


def api_exception_handler(exc, context):
    if isinstance(exc, ApplicationError):
        body = {"detail": exc.message}
        if exc.field:
            body["field"] = exc.field
        return Response(body, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(
            exc.message_dict if hasattr(exc, "error_dict") else exc.messages
        )
    return exception_handler(exc, context)


def is_api(request) -> bool:
    return request.path.startswith("/api/")


def _plain_page(status_code: int, title: str, message: str) -> HttpResponse:
    # Standalone: it may be rendered before the middleware that the site's pages
    # rely on (sessions, the signed-in user) has run.
    try:
        stylesheet, icon = static("dist/main.css"), static("img/favicon.svg")
    except ValueError:  # no collected assets: the page still says what happened
        stylesheet = icon = ""
    context = {
        "title": title,
        "message": message,
        "stylesheet": stylesheet,
        "icon": icon,
    }
    body = render_to_string("error.html", context)
    return HttpResponse(body, status=status_code)


def bad_request_response(request, message: str):
    """A 400 that says why: JSON for the API, a page for people."""
    if is_api(request):
        return JsonResponse({"detail": message}, status=400)
    return _plain_page(400, "This request cannot be answered", message)


def _why_bad(exception) -> str:
    from django.conf import settings

    if isinstance(exception, RequestDataTooBig):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE / (1024 * 1024)
        return (
            f"The request is larger than {limit:g} MB, the most this server reads. "
            "Send less at once."
        )
    if isinstance(exception, TooManyFieldsSent | TooManyFilesSent):
        return "The request has more fields or files than this server reads."
    if isinstance(exception, DisallowedHost):
        return "This server does not answer for that host name."
    return "The request could not be read."


def handler400(request, exception=None):
    return bad_request_response(request, _why_bad(exception))


def handler404(request, exception=None):
    if is_api(request):
        return JsonResponse({"detail": "Not found."}, status=404)
    return _plain_page(
        404, "Page not found", "There is nothing at this address, or not for you."
    )


def handler500(request):
    message = "Something went wrong on our side. Try again in a moment."
    if is_api(request):
        return JsonResponse({"detail": message}, status=500)
    return _plain_page(500, "Server error", message)
