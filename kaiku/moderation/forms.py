from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kaiku.core.forms import SafeInputFormMixin

from .models import Reason
from .services import REASON_MAX_LENGTH


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("What is wrong with it?"), choices=Reason.choices, widget=forms.RadioSelect
    )
    text = forms.CharField(
        label=_("Details"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Optional, unless you chose “Something else”. Only the moderators see your report; "
            "the author is not told who reported."
        ),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("reason") == Reason.OTHER and not (cleaned.get("text") or "").strip():
            self.add_error("text", _("Tell the moderators what is wrong."))
        return cleaned


class DecisionForm(forms.Form):
    """Hide or restore: the reason is shown to the author."""

    reason = forms.CharField(
        label=_("Reason"),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The author sees this reason with the post and in a notification."),
    )

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Give a reason: the author will see it."))
        return reason


DURATIONS = {
    "1d": datetime.timedelta(days=1),
    "7d": datetime.timedelta(days=7),
    "30d": datetime.timedelta(days=30),
}


class SuspendForm(SafeInputFormMixin, forms.Form):
    duration = forms.ChoiceField(
        label=_("How long?"),
        choices=[
            ("1d", _("1 day")),
            ("7d", _("1 week")),
            ("30d", _("30 days")),
            ("custom", _("Until a date I choose")),
        ],
        initial="1d",
        widget=forms.RadioSelect,
    )
    until = forms.DateField(
        label=_("Suspended until (the end of the day)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Only for “Until a date I choose”."),
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The person sees this reason when they try to post."),
    )

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Give a reason: the person will see it."))
        return reason

    def clean(self):
        cleaned = super().clean()
        duration = cleaned.get("duration")
        if duration == "custom":
            day = cleaned.get("until")
            if day is None:
                if "until" not in self.errors:
                    self.add_error("until", _("Choose the last day of the suspension."))
            elif day < timezone.localdate():
                self.add_error("until", _("Choose a day in the future."))
            else:
                end = datetime.datetime.combine(day, datetime.time(23, 59, 59))
                cleaned["suspended_until"] = timezone.make_aware(end)
        elif duration in DURATIONS:
            cleaned["suspended_until"] = timezone.now() + DURATIONS[duration]
        return cleaned


class QueueFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("open", _("Open")), ("decided", _("Decided")), ("all", _("All"))],
    )
    reason = forms.ChoiceField(
        label=_("Reason"), required=False, choices=[("", _("All reasons")), *Reason.choices]
    )
    content_type = forms.ChoiceField(label=_("Content"), required=False)
    hidden = forms.ChoiceField(
        label=_("Shown"),
        required=False,
        choices=[("", _("Hidden or visible")), ("hidden", _("Hidden")), ("visible", _("Visible"))],
    )

    def __init__(self, *args, content_types=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["content_type"].choices = [("", _("All content")), *content_types]

    def filters(self) -> dict:
        """The valid filters; an invalid value falls back to its default."""
        data = {}
        for name, field in self.fields.items():
            value = self.data.get(name, "")
            valid = {str(v) for v, _label in field.choices}
            data[name] = value if value in valid else ""
        data["status"] = data["status"] or "open"
        if data["status"] == "all":
            data["status"] = ""
        return data
