from django import template
from django.utils.safestring import mark_safe

from core.validators import is_web_url
from questions.rendering import render_markdown

register = template.Library()


@register.filter
def markdown(text: str) -> str:
    # render_markdown sanitises with nh3, so the result is safe to insert.
    return mark_safe(render_markdown(text))


@register.filter
def web_url(value: str) -> str:
    """The address if it is http(s), else nothing: rows written before addresses
    were checked, or by hand in the database, never become a script link."""
    return value if value and is_web_url(value) else ""


@register.simple_tag(takes_context=True)
def query_with(context, **changes) -> str:
    """The current query string with some parameters replaced (pagination links)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"
