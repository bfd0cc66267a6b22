from django import forms

from core.validators import validate_one_line
from users.models import DEFAULT_REMINDER_OFFSETS, User
from users.validators import available_time_zones, validate_time_zone

REMINDER_OFFSET_CHOICES = [
    (7 * 24 * 60, "1 week before"),
    (24 * 60, "1 day before"),
    (3 * 60, "3 hours before"),
    (60, "1 hour before"),
    (15, "15 minutes before"),
    (5, "5 minutes before"),
]


def time_zone_choices() -> list[tuple[str, str]]:
    return [(name, name.replace("_", " ")) for name in sorted(available_time_zones())]


class TimeZoneField(forms.ChoiceField):
    """A select of IANA zones whose error says what went wrong in words."""

    def __init__(self, **kwargs):
        super().__init__(choices=time_zone_choices, **kwargs)

    def validate(self, value):
        forms.Field.validate(self, value)
        validate_time_zone(value)


class SignupForm(forms.Form):
    """Extra sign-up fields; allauth adds e-mail and password. The page's script
    preselects the time zone the browser reports."""

    display_name = forms.CharField(
        max_length=80,
        required=False,
        validators=[validate_one_line],
        help_text="How your practice partners see you.",
    )
    time_zone = TimeZoneField(
        initial="UTC",
        help_text="Session times are shown in this time zone.",
        widget=forms.Select(attrs={"data-guess-from-browser": ""}),
    )

    def signup(self, request, user: User) -> None:
        user.display_name = self.cleaned_data["display_name"]
        user.time_zone = self.cleaned_data["time_zone"]
        user.save(update_fields=["display_name", "time_zone"])


class ProfileForm(forms.Form):
    display_name = forms.CharField(
        max_length=80, required=False, validators=[validate_one_line]
    )
    time_zone = TimeZoneField(help_text="Every time on Mockloop is shown in this zone.")
    reminder_offsets = forms.TypedMultipleChoiceField(
        choices=REMINDER_OFFSET_CHOICES,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        initial=DEFAULT_REMINDER_OFFSETS,
        help_text="E-mail reminders before each session.",
    )
