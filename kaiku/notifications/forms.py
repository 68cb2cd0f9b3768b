from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Frequency


class FollowForm(forms.Form):
    """Exactly one target: a programme, a working group (by id) or a keyword."""

    programme = forms.IntegerField(required=False, min_value=1, max_value=2**31 - 1)
    group = forms.IntegerField(required=False, min_value=1, max_value=2**31 - 1)
    keyword = forms.CharField(required=False, max_length=100, strip=True)
    next = forms.CharField(required=False, max_length=2000)

    def clean(self):
        data = super().clean()
        given = [bool(data.get("programme")), bool(data.get("group")), bool(data.get("keyword"))]
        if sum(given) != 1:
            raise forms.ValidationError(
                _("Follow exactly one programme, working group or keyword.")
            )
        return data


class PreferenceForm(forms.Form):
    email_frequency = forms.ChoiceField(
        label=_("Send me email about what I follow"),
        choices=Frequency.choices,
        widget=forms.RadioSelect,
    )
