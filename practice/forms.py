"""The practice settings page's form: it checks the shape of what was sent; the
service (practice.services.settings) checks the rest and saves."""

from django import forms

from practice.services.settings import DIGEST_HOURS, GOAL_DAYS, SET_SIZES
from questions.models import Company, RoundKind


def _days(n: int) -> str:
    return f"{n} day{'s' if n != 1 else ''} a week"


class CompanyChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Company) -> str:
        return obj.name


class PracticeSettingsForm(forms.Form):
    target_companies = CompanyChoices(
        queryset=Company.objects.order_by("name"),
        required=False,
        label="Target companies",
        help_text="Today's set leans towards questions they ask. None: any company.",
        widget=forms.CheckboxSelectMultiple(attrs={"data-filterable": ""}),
        error_messages={
            "invalid_choice": "One of those companies is not in the bank.",
            "invalid_pk_value": "One of those companies is not in the bank.",
        },
    )
    target_kinds = forms.MultipleChoiceField(
        choices=RoundKind.choices,
        required=False,
        label="Round kinds",
        help_text="None ticked: every kind.",
        widget=forms.CheckboxSelectMultiple,
    )
    set_size = forms.TypedChoiceField(
        choices=[(n, f"{n} questions") for n in SET_SIZES],
        coerce=int,
        initial=2,
        label="Questions a day",
        widget=forms.RadioSelect,
    )
    weekly_goal_days = forms.TypedChoiceField(
        choices=[(n, _days(n)) for n in GOAL_DAYS],
        coerce=int,
        initial=4,
        label="Weekly goal",
        help_text="Days a week with at least one attempt logged.",
    )
    digest_on = forms.BooleanField(
        required=False, label="E-mail me a daily digest of due reviews"
    )
    digest_hour = forms.TypedChoiceField(
        choices=[(h, f"{h:02d}:00") for h in DIGEST_HOURS],
        coerce=int,
        empty_value=None,
        required=False,
        initial=8,
        label="Digest hour",
    )

    def __init__(self, *args, time_zone: str = "UTC", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["digest_hour"].help_text = (
            f"In your time zone, {time_zone}. Sent once a day at most, and only "
            "on days with something due; also on the bell."
        )

    def clean(self):
        data = super().clean()
        if data.get("digest_on") and data.get("digest_hour") is None:
            self.add_error("digest_hour", "Pick the hour of your digest.")
        return data

    def settings_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "target_company_ids": [company.pk for company in data["target_companies"]],
            "target_kinds": data["target_kinds"],
            "set_size": data["set_size"],
            "weekly_goal_days": data["weekly_goal_days"],
            "digest_hour": data["digest_hour"] if data["digest_on"] else None,
        }
