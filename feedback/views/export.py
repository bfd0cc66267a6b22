"""A candidate's feedback to take away: a JSON download and a printable page."""

import json

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from feedback.selectors.export import feedback_export_for_user

# The export's parts in the order printed: (key, heading, partner, when empty).
PRINTED_PARTS = (
    ("received", "Feedback I received", "Interviewer", "No feedback to read yet."),
    ("self_assessments", "My own accounts", "Interviewer", "None written yet."),
    ("given", "Feedback I gave", "Candidate", "None given yet."),
)


@login_required
def export_json(request):
    now = timezone.now()
    data = feedback_export_for_user(user=request.user, now=now)
    day = now.astimezone(request.user.zone).date().isoformat()
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="mockloop-feedback-{day}.json"'
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def export_print(request):
    export = feedback_export_for_user(user=request.user)
    parts = [
        {
            "key": key,
            "title": title,
            "partner_label": partner_label,
            "items": export[key],
            "empty": empty,
        }
        for key, title, partner_label, empty in PRINTED_PARTS
    ]
    # The whiteboards are drawn by the page (board_view.js), loaded only if any.
    has_board = any(item["round"]["board"] for part in parts for item in part["items"])
    response = render(
        request,
        "feedback/export_print.html",
        {"export": export, "parts": parts, "has_board": has_board},
    )
    response["Cache-Control"] = "private, no-store"
    return response
