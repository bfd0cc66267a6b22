from django.conf import settings


def site(request):
    return {"SITE_URL": settings.SITE_URL, "EMBEDDED_OUTBOX": not settings.EMAIL_CONFIG}
