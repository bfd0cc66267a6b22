"""The forms of the Sessions pages. Dates and times are typed in the person's own
time zone and turned into an aware moment here; the services check the rest."""

from django import forms

from core.errors import ApplicationError
from core.validators import validate_text
from interviews.models import ASKING_KINDS, SegmentKind
from interviews.selectors.formats import formats_for_user
from interviews.services.formats import MAX_QUESTIONS, MAX_TOTAL_MINUTES
from interviews.services.session_rules import local_datetime
from questions.models import Difficulty

FORMAT_ROWS = 8


class LocalTimeMixin:
    """A date and a time field read in `self.time_zone`, giving `starts_at`."""

    def _add_time_fields(self, time_zone: str, *, prefix: str = "") -> None:
        self.time_zone = time_zone
        self.fields["date"] = forms.DateField(
            label=f"{prefix}Date", widget=forms.DateInput(attrs={"type": "date"})
        )
        self.fields["time"] = forms.TimeField(
            label=f"Time ({time_zone})",
            widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            help_text=f"In your time zone, {time_zone}; your partner sees theirs.",
        )

    def _clean_starts_at(self, cleaned: dict) -> None:
        if cleaned.get("date") is None or cleaned.get("time") is None:
            return
        try:
            cleaned["starts_at"] = local_datetime(
                day=cleaned["date"], at=cleaned["time"], time_zone=self.time_zone
            )
        except ApplicationError as error:
            self.add_error("time", error.message)


class ScheduleForm(LocalTimeMixin, forms.Form):
    format = forms.ChoiceField(label="Format")
    loop_segment = forms.ChoiceField(
        label="Round of the loop",
        required=False,
        help_text="Only for a loop: each of its rounds is a session of its own.",
    )
    partner_email = forms.EmailField(
        label="Partner's e-mail",
        required=False,
        help_text="A friend with an account here, or anyone: they get an invitation.",
    )
    make_link = forms.BooleanField(
        label="No e-mail: make a shareable link instead", required=False
    )
    host_role = forms.ChoiceField(
        label="In the first round I am",
        choices=[("candidate", "the candidate"), ("interviewer", "the interviewer")],
        initial="candidate",
        widget=forms.RadioSelect,
    )
    swap = forms.BooleanField(
        label="Swap mode: then we swap (two rounds, each interviews the other)",
        required=False,
    )
    call_link = forms.CharField(
        label="Call link (optional)",
        required=False,
        max_length=500,
        help_text="Where you two talk: a Jitsi, Google Meet or Zoom address.",
        widget=forms.URLInput(attrs={"placeholder": "https://meet.jit.si/…"}),
    )
    note = forms.CharField(
        label="Note for your partner",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[validate_text],
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.formats = {str(f.pk): f for f in formats_for_user(user=user)}
        built_in = [(k, f.name) for k, f in self.formats.items() if f.owner_id is None]
        mine = [(k, f.name) for k, f in self.formats.items() if f.owner_id is not None]
        self.fields["format"].choices = [("Built in", built_in)] + (
            [("My formats", mine)] if mine else []
        )
        # Each option names its loop: a closed menu shows the option alone, and
        # two loops may both open with "Round 1: Coding, 45 min".
        self.fields["loop_segment"].choices = [("", "— not a loop —")] + [
            (
                f.name,
                [
                    (str(s.pk), f"{f.name} · round {s.order + 1} of {len(rounds)}: "
                     f"{s.get_kind_display()}, {s.minutes} min")
                    for s in rounds
                ],
            )
            for f in self.formats.values()
            if f.is_loop
            for rounds in [list(f.segments.all())]
        ]  # fmt: skip
        self.fields["format"].error_messages["invalid_choice"] = (
            "Unknown format: choose one from the list."
        )
        self._add_time_fields(user.time_zone)
        self.order_fields(["format", "loop_segment", "date", "time"])

    def clean(self):
        cleaned = super().clean()
        self._clean_starts_at(cleaned)
        if cleaned.get("partner_email") and cleaned.get("make_link"):
            self.add_error(
                "partner_email", "Give an e-mail address or make a link, not both."
            )
        elif not cleaned.get("partner_email") and not cleaned.get("make_link"):
            self.add_error(
                "partner_email",
                "Give your partner's e-mail address, or make a shareable link.",
            )
        return cleaned

    def schedule_args(self) -> dict:
        data = self.cleaned_data
        rounds = {str(s.pk): s for f in self.formats.values() for s in f.segments.all()}
        return {
            "format": self.formats[data["format"]],
            # A round of another loop is refused by the service, with a message.
            "loop_segment": rounds.get(data.get("loop_segment") or ""),
            "starts_at": data["starts_at"],
            "partner_email": data.get("partner_email") or "",
            "swap": data.get("swap", False),
            "note": data.get("note", ""),
            "call_link": data.get("call_link", ""),
            "host_role": data["host_role"],
        }

    def add_service_error(self, error: ApplicationError) -> None:
        field = {"starts_at": "time", "partner": "partner_email", "role": "host_role"}
        name = field.get(error.field, error.field)
        self.add_error(name if name in self.fields else None, error.message)


class TimeChangeForm(LocalTimeMixin, forms.Form):
    """Reschedule (with an optional reason) or propose another time."""

    reason = forms.CharField(
        label="Reason",
        required=False,
        max_length=2000,
        widget=forms.TextInput,
        validators=[validate_text],
    )

    def __init__(self, *args, time_zone: str, **kwargs):
        super().__init__(*args, **kwargs)
        self._add_time_fields(time_zone, prefix="New ")
        self.order_fields(["date", "time", "reason"])

    def clean(self):
        cleaned = super().clean()
        self._clean_starts_at(cleaned)
        return cleaned


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label="Reason",
        required=False,
        max_length=2000,
        widget=forms.TextInput,
        validators=[validate_text],
    )


class DrawForm(forms.Form):
    difficulty = forms.ChoiceField(
        label="Difficulty",
        required=False,
        choices=[("", "any")] + [(d.slug, d.label) for d in Difficulty],
    )


class FormatForm(forms.Form):
    """A name, a description, and up to FORMAT_ROWS segments in order; rows left
    without a kind are skipped."""

    name = forms.CharField(max_length=200)
    description = forms.CharField(
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        validators=[validate_text],
    )

    def __init__(self, *args, format=None, **kwargs):
        initial = kwargs.pop("initial", {}) or {}
        if format is not None:
            initial = {"name": format.name, "description": format.description}
            for index, segment in enumerate(format.segments.all()):
                initial[f"kind_{index}"] = segment.kind
                initial[f"minutes_{index}"] = segment.minutes
                initial[f"questions_{index}"] = segment.questions
                initial[f"runnable_{index}"] = segment.runnable
        super().__init__(*args, initial=initial, **kwargs)
        kinds = [("", "—")] + list(SegmentKind.choices)
        for index in range(FORMAT_ROWS):
            number = index + 1
            self.fields[f"kind_{index}"] = forms.ChoiceField(
                label=f"Segment {number} kind", choices=kinds, required=False
            )
            self.fields[f"minutes_{index}"] = forms.IntegerField(
                label=f"Segment {number} minutes",
                required=False,
                min_value=1,
                max_value=MAX_TOTAL_MINUTES,
            )
            self.fields[f"questions_{index}"] = forms.IntegerField(
                label=f"Segment {number} questions",
                required=False,
                min_value=0,
                max_value=MAX_QUESTIONS,
            )
            self.fields[f"runnable_{index}"] = forms.BooleanField(
                label=f"Segment {number}: code may be run", required=False
            )

    def rows(self):
        return [
            (
                index + 1,
                self[f"kind_{index}"],
                self[f"minutes_{index}"],
                self[f"questions_{index}"],
                self[f"runnable_{index}"],
            )
            for index in range(FORMAT_ROWS)
        ]

    def segments(self) -> list[dict]:
        data, chosen = self.cleaned_data, []
        for index in range(FORMAT_ROWS):
            kind = data.get(f"kind_{index}")
            if not kind:
                continue
            questions = data.get(f"questions_{index}")
            if questions is None:
                questions = 1 if kind in ASKING_KINDS else 0
            chosen.append(
                {
                    "kind": kind,
                    "minutes": data.get(f"minutes_{index}") or 0,
                    "questions": questions,
                    "runnable": bool(data.get(f"runnable_{index}")),
                }
            )
        return chosen


class CallLinkForm(forms.Form):
    call_link = forms.CharField(
        label="Call link",
        required=False,
        max_length=500,
        help_text="Where you two talk: a Jitsi, Google Meet or Zoom address. Leave "
        "empty to remove it.",
        widget=forms.URLInput(attrs={"placeholder": "https://meet.jit.si/…"}),
    )
