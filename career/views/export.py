import json

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.utils import timezone

from career.selectors.export import career_export_for_user


@login_required
def export_json(request):
    data = career_export_for_user(user=request.user)
    day = timezone.localdate(timezone.now(), request.user.zone).isoformat()
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="mockloop-career-{day}.json"'
    )
    response["Cache-Control"] = "private, no-store"
    return response
