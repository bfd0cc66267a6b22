from django import template

from questions.models import AttemptOutcome, ReviewRating

register = template.Library()


@register.filter
def ms_minutes(value: int) -> int:
    return int(value) // 60000


@register.simple_tag(takes_context=True)
def practice_choices(context) -> str:
    """Puts the panel's choices in the context (outcomes, ratings, actions)."""
    context["practice_outcomes"] = AttemptOutcome.choices
    context["practice_ratings"] = ReviewRating.choices
    context["practice_answer_actions"] = [
        ("hint", "Show the next hint"),
        ("outline", "Show the outline"),
        ("give_up", "I give up: show me the answers"),
    ]
    return ""
