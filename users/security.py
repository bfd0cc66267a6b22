from django.http import JsonResponse
from django.shortcuts import render

LOCKOUT_MESSAGE = (
    "Too many failed log-ins for this account from your address. "
    "Wait 15 minutes and try again, or reset your password."
)


def login_attempt_username(request, credentials: dict | None) -> str | None:
    """The account a login attempt is for, whichever form or API sent it, so that
    django-axes counts failures per account and address on pages and API alike."""
    credentials = credentials or {}
    for key in ("email", "username", "login"):
        if credentials.get(key):
            return str(credentials[key]).strip().lower()
    if request is not None and request.method == "POST":
        for key in ("login", "email", "username"):
            if request.POST.get(key):
                return request.POST[key].strip().lower()
    return None


def lockout_response(request, response, credentials):
    """What a locked-out attempt gets: JSON for the API, a page for people."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": LOCKOUT_MESSAGE}, status=429)
    return render(request, "account/locked_out.html", status=429)
