from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Frequency
from .registry import followable

MAX_PK = 2**31 - 1


class FollowForm(forms.Form):
    """One followable object by kind (``app_label.model``) and id, or one of the person's own
    follows by its id (``follow``, to stop following what they may no longer see)."""

    kind = forms.CharField(required=False, max_length=100)
    object_id = forms.IntegerField(required=False, min_value=1, max_value=MAX_PK)
    follow = forms.IntegerField(required=False, min_value=1, max_value=MAX_PK)
    next = forms.CharField(required=False, max_length=2000)

    def clean(self):
        data = super().clean()
        if data.get("follow"):
            return data
        registered = followable(data.get("kind") or "")
        if registered is None or not data.get("object_id"):
            raise forms.ValidationError(_("Choose something to follow."))
        data["model"] = registered.model
        return data


class PreferenceForm(forms.Form):
    email_frequency = forms.ChoiceField(
        label=_("Send me email about what I follow"),
        choices=Frequency.choices,
        widget=forms.RadioSelect,
    )
