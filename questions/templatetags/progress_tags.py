"""The choices the progress panel's forms offer, from the models' own choices."""

from django import template

from questions.models import AttemptOutcome, ReviewRating, RoundKind

register = template.Library()


@register.simple_tag
def attempt_outcomes() -> list[tuple[str, str]]:
    return AttemptOutcome.choices


@register.simple_tag
def review_ratings() -> list[tuple[int, str]]:
    return ReviewRating.choices


@register.simple_tag
def round_kinds() -> list[tuple[str, str]]:
    return RoundKind.choices
