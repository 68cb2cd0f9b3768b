from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kaiku.core import prepared
from kaiku.core.translations import Chooser, translated_columns
from kaiku.core.widgets import QuickSelect

from .models import OrganisationType, Region


def _region_rows():
    return Region.objects.order_by("code").values("pk", "code", *translated_columns(Region, "name"))


class RegionChoiceField(forms.ChoiceField):
    """The regions by code, read per form as one kept query (``kaiku.core.prepared``) instead
    of a ``ModelChoiceField`` queryset; the cleaned value is the region's primary key."""

    default_error_messages = {
        "invalid_choice": forms.ModelChoiceField.default_error_messages["invalid_choice"],
    }

    def __init__(self, *, empty_label, **kwargs) -> None:
        self.empty_label = empty_label
        super().__init__(**kwargs)
        self._rows: list[dict] | None = None

    def load(self) -> None:
        """Read the regions when the choices are first needed (never for a form not shown)."""
        self._rows = None
        self.choices = self._region_choices

    def _read(self) -> list[dict]:
        if self._rows is None:
            self._rows = list(prepared.run(_region_rows))
        return self._rows

    def _region_choices(self) -> list[tuple[str, str]]:
        name = Chooser().picker(Region, "name")
        return [("", self.empty_label), *((row["code"], name(row)) for row in self._read())]

    def _ids(self) -> dict[str, int]:
        return {row["code"]: row["pk"] for row in self._read()}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        return str(value)

    def validate(self, value) -> None:
        if value is not None and value not in self._ids():
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )

    def clean(self, value):
        value = super().clean(value)
        return None if value is None else self._ids()[value]


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
        empty_label=_("All regions"),
        widget=QuickSelect,
    )
    show_former = forms.BooleanField(label=_("Show former organisations"), required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region"].load()

    def valid_filters(self) -> dict:
        """The values that passed validation; invalid ones are ignored (and shown as errors)."""
        self.is_valid()
        return {k: v for k, v in self.cleaned_data.items() if k not in self.errors}
