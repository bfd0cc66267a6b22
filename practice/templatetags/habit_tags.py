"""The habit's parts on pages of lower apps, which never import practice: the
progress page (questions) shows the year of practice days with `{% practice_year %}`.
"""

from django import template
from django.utils import timezone

from practice.selectors.habit import habit_for, heatmap_for

register = template.Library()


@register.inclusion_tag("practice/habit_heatmap.html", takes_context=True)
def practice_year(context) -> dict:
    user = context["request"].user
    now = timezone.now()
    heatmap = heatmap_for(user=user, now=now)
    return {
        "heatmap": heatmap,
        "heatmap_data": heatmap.as_data(),
        "habit": habit_for(user=user, now=now),
    }
