"""The audience fields of a form: who a piece of content is for.

Events, coaching programmes and surveys ask the same question: everyone, organisation types,
regions or organisations (and an app's own kinds, such as one team). The model has the fields
``audience`` (the kind), ``audience_regions`` and ``audience_organisations`` (many-to-many);
the organisation types are stored the app's own way (a comma-separated column, a table), so
the form has a field ``audience_types`` of its own.

A ModelForm builds on this module in three places::

    class EventForm(AudienceFormMixin, forms.ModelForm):
        audience_types = audience_types_field(OrganisationType.choices)

        class Meta:
            widgets = {**AUDIENCE_WIDGETS, ...}
            field_classes = {**AUDIENCE_FIELD_CLASSES, ...}

        def audience_querysets(self): ...  # the regions and organisations to offer
        def stored_audience_types(self): ...  # the instance's organisation types

and gives its service ``self.audience_service_data()`` (``types``, ``regions`` and
``organisations`` instead of the ``audience_*`` fields). Core knows no app: the choices and
the storage come from these hooks.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from .forms import SafeModelMultipleChoiceField


class NamedModelMultipleChoiceField(SafeModelMultipleChoiceField):
    """A choice of objects labelled by their ``name`` (an organisation without its type)."""

    def label_from_instance(self, obj) -> str:
        return str(obj.name)


#: For a form's ``Meta.widgets``.
AUDIENCE_WIDGETS: dict[str, Any] = {
    "audience": forms.RadioSelect,
    "audience_regions": forms.CheckboxSelectMultiple,
    "audience_organisations": forms.SelectMultiple(attrs={"size": 8}),
}

#: For a form's ``Meta.field_classes``.
AUDIENCE_FIELD_CLASSES: dict[str, type[forms.Field]] = {
    "audience_regions": SafeModelMultipleChoiceField,
    "audience_organisations": NamedModelMultipleChoiceField,
}

REGIONS_HELP = _("When the audience is regions: the people of the organisations in these regions.")
ORGANISATIONS_HELP = _(
    "When the audience is organisations: their people and the people of the units under them."
)

#: The kinds of audience that need a selection: kind -> (the field, the message without one).
SELECTION_REQUIRED: dict[str, tuple[str, Any]] = {
    "types": ("audience_types", _("Choose at least one organisation type.")),
    "regions": ("audience_regions", _("Choose at least one region.")),
    "organisations": ("audience_organisations", _("Choose at least one organisation.")),
}


def audience_types_field(choices) -> forms.MultipleChoiceField:
    """The form's ``audience_types``: checkboxes of the organisation types ``choices``."""
    return forms.MultipleChoiceField(
        label=_("Organisation types"),
        required=False,
        choices=choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("When the audience is organisation types."),
    )


class AudienceFormMixin:
    """The audience fields of a ModelForm (see the module's docstring).

    Hooks: ``audience_querysets()`` and ``stored_audience_types()`` (required);
    ``audience_selection_required`` (which kinds need a selection, checked in ``clean``; an
    app whose service checks this itself leaves it empty); ``audience_help`` (whether the
    regions and organisations fields explain themselves).
    """

    audience_selection_required: ClassVar[dict[str, tuple[str, Any]]] = SELECTION_REQUIRED
    audience_help: ClassVar[bool] = True

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        regions, organisations = self.audience_querysets()
        self.fields["audience_regions"].queryset = regions
        self.fields["audience_organisations"].queryset = organisations
        if self.audience_help:
            self.fields["audience_regions"].help_text = REGIONS_HELP
            self.fields["audience_organisations"].help_text = ORGANISATIONS_HELP
        if self.instance.pk:
            self.initial["audience_types"] = self.stored_audience_types()

    def audience_querysets(self) -> tuple[QuerySet, QuerySet]:
        """The regions and the organisations offered, in their order."""
        raise NotImplementedError

    def stored_audience_types(self) -> list[str]:
        """The organisation types of the saved instance (``self.instance``)."""
        raise NotImplementedError

    def clean(self):
        cleaned = super().clean()
        required = self.audience_selection_required.get(cleaned.get("audience"))
        if required is not None and not cleaned.get(required[0]):
            self.add_error(*required)
        return cleaned

    def audience_service_data(self, data: dict | None = None) -> dict:
        """``data`` (by default the cleaned data) for the app's service: the ``audience_*``
        selections as ``types``, ``regions`` and ``organisations`` lists."""
        data = dict(self.cleaned_data if data is None else data)
        return {
            **{k: v for k, v in data.items() if not k.startswith("audience_")},
            "types": data.get("audience_types") or [],
            "regions": list(data.get("audience_regions") or []),
            "organisations": list(data.get("audience_organisations") or []),
        }
