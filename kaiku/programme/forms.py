"""Forms for the group editors. Field errors come from the models' validation, translated."""

from __future__ import annotations

from django import forms

from .models import Meeting, Milestone

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


def _datetime_input() -> forms.DateTimeInput:
    return forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT)


class MeetingForm(forms.ModelForm):
    online_url = forms.URLField(
        label=Meeting._meta.get_field("online_url").verbose_name,
        required=False,
        assume_scheme="https",
        max_length=200,
    )

    class Meta:
        model = Meeting
        fields = [
            "title", "starts_at", "ends_at", "location", "online_url", "agenda", "status",
            "visibility",
        ]  # fmt: skip
        widgets = {
            "starts_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format=DATETIME_FORMAT
            ),
            "ends_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format=DATETIME_FORMAT
            ),
            "agenda": forms.Textarea(attrs={"rows": 8}),
        }


class MilestoneForm(forms.ModelForm):
    class Meta:
        model = Milestone
        fields = ["title", "due_on", "status", "visibility"]
        widgets = {"due_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
