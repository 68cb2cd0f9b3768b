from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kaiku.core.widgets import QuickSelect

from .models import OrganisationType, Region


class RegionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Region) -> str:
        return obj.name


class OrganisationFilterForm(forms.Form):
    """The GET filter of the organisation list. Invalid values are reported, never fatal."""

    q = forms.CharField(
        label=_("Search by name"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    type = forms.ChoiceField(
        label=_("Type"),
        required=False,
        choices=[("", _("All types")), *OrganisationType.choices],
        widget=QuickSelect,
    )
    region = RegionChoiceField(
        label=_("Region"),
        required=False,
        queryset=Region.objects.order_by("code"),
        to_field_name="code",
        empty_label=_("All regions"),
        widget=QuickSelect,
    )
    show_former = forms.BooleanField(label=_("Show former organisations"), required=False)

    def valid_filters(self) -> dict:
        """The values that passed validation; invalid ones are ignored (and shown as errors)."""
        self.is_valid()
        return {k: v for k, v in self.cleaned_data.items() if k not in self.errors}
