from urllib.parse import urlsplit

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


@register.filter
def frequency_explained(tag) -> str:
    """What a company tag's frequency means, for its tooltip. The lists it comes
    from give a relative score, not a count: the company's most asked question in
    the window is 100 (hxu296's report counts and flat files are scaled so)."""
    if tag is None:
        return (
            "Frequency score out of 100: 100 is the question a company asked most "
            "often in that window, per the list it comes from. Not a count."
        )
    score = f"{tag.frequency:.0f}"
    window = tag.get_window_display().lower()
    text = (
        f"Frequency score {score} out of 100 at {tag.company.name}, {window}: 100 is "
        f"the question {tag.company.name} asked most often in that window, per "
        "the list it comes from. A relative score, not a count of interviews."
    )
    if tag.is_sample:
        text += " Sample data invented for the demo."
    return text


@register.filter
def site_name(url: str) -> str:
    """'https://leetcode.com/problems/two-sum/' -> 'leetcode.com'."""
    host = urlsplit(url or "").hostname or ""
    return host.removeprefix("www.")
