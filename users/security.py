"""Who is knocking: the client's address behind the proxies this instance trusts,
and what a locked-out log-in gets."""

import ipaddress

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
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


def _address(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip().strip("[]")))
    except ValueError:
        return None


def client_address(request) -> str | None:
    """The client's address: the socket's, unless TRUSTED_PROXIES proxies stand in
    front, in which case the entry the outermost of them appended to
    X-Forwarded-For. Entries further left are whatever the client sent, and never
    count: changing them cannot dodge a lockout."""
    socket_address = request.META.get("REMOTE_ADDR", "")
    trusted = settings.TRUSTED_PROXIES
    forwarded = [
        part
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    if trusted and len(forwarded) >= trusted:
        return _address(forwarded[-trusted]) or _address(socket_address)
    # Fewer entries than proxies: the request did not come through them.
    return _address(socket_address)


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request) -> str:
        # allauth's own rate limits read the same address as django-axes.
        return client_address(request) or super().get_client_ip(request)
