"""``core.audience_forms``: the audience fields that events, coaching programmes and surveys
share, with the app's hooks."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django import forms
from django.utils import translation

from kaiku.core.audience_forms import (
    ORGANISATIONS_HELP,
    REGIONS_HELP,
    SELECTION_REQUIRED,
    AudienceFormMixin,
    NamedModelMultipleChoiceField,
    audience_types_field,
)
from kaiku.organisations.models import Organisation, OrganisationType, Region
from kaiku.organisations.tests.factories import OrganisationFactory, RegionFactory

KINDS = [
    ("everyone", "Everyone"),
    ("types", "Types"),
    ("regions", "Regions"),
    ("organisations", "Organisations"),
    ("team", "Team"),
]


class _Form(AudienceFormMixin, forms.Form):
    """A form with the model fields an audience ModelForm would have."""

    audience = forms.ChoiceField(choices=KINDS)
    audience_types = audience_types_field(OrganisationType.choices)
    audience_regions = NamedModelMultipleChoiceField(Region.objects.none(), required=False)
    audience_organisations = NamedModelMultipleChoiceField(
        Organisation.objects.none(), required=False
    )
    team = forms.CharField(required=False)
    title = forms.CharField(required=False)

    def __init__(self, *args, instance=None, **kwargs):
        self.instance = instance or SimpleNamespace(pk=None, types=[])
        super().__init__(*args, **kwargs)

    def audience_querysets(self):
        return Region.objects.order_by("code"), Organisation.objects.order_by("name")

    def stored_audience_types(self):
        return self.instance.types


class _TeamForm(_Form):
    audience_selection_required = {**SELECTION_REQUIRED, "team": ("team", "Choose the team.")}


class _UncheckedForm(_Form):
    audience_selection_required = {}
    audience_help = False


@pytest.fixture(autouse=True)
def _english():
    """The messages in English, the msgids."""
    with translation.override("en"):
        yield


@pytest.fixture
def places(db):
    region = RegionFactory(code="05", name="Kanta-Häme", slug="kanta-hame")
    office = OrganisationFactory(
        name="Hämeen TE-toimisto", type=OrganisationType.TE_OFFICE, region=region
    )
    return region, office


@pytest.mark.parametrize(
    ("kind", "field", "message"),
    [
        ("types", "audience_types", "Choose at least one organisation type."),
        ("regions", "audience_regions", "Choose at least one region."),
        ("organisations", "audience_organisations", "Choose at least one organisation."),
    ],
)
def test_a_kind_of_audience_needs_its_selection(places, kind, field, message):
    form = _Form({"audience": kind})
    assert not form.is_valid()
    assert form.errors == {field: [message]}


def test_the_selection_of_another_kind_does_not_count(places):
    region, _office = places
    form = _Form({"audience": "organisations", "audience_regions": [region.pk]})
    assert not form.is_valid()
    assert list(form.errors) == ["audience_organisations"]


def test_everyone_and_a_made_selection_are_valid(places):
    region, office = places
    assert _Form({"audience": "everyone"}).is_valid()
    assert _Form({"audience": "types", "audience_types": ["te_office"]}).is_valid()
    assert _Form({"audience": "regions", "audience_regions": [region.pk]}).is_valid()
    assert _Form({"audience": "organisations", "audience_organisations": [office.pk]}).is_valid()


def test_an_app_adds_its_own_kinds_or_leaves_the_check_to_its_service(places):
    assert _Form({"audience": "team"}).is_valid()
    assert _TeamForm({"audience": "team"}).errors == {"team": ["Choose the team."]}
    assert _TeamForm({"audience": "team", "team": "a"}).is_valid()
    assert _UncheckedForm({"audience": "regions"}).is_valid()


def test_the_choices_come_from_the_app_and_organisations_are_named(places):
    region, office = places
    form = _Form()
    assert list(form.fields["audience_regions"].queryset) == [region]
    assert list(form.fields["audience_organisations"].queryset) == [office]
    labels = [label for _value, label in form.fields["audience_organisations"].choices]
    assert labels == ["Hämeen TE-toimisto"]
    assert form.fields["audience_regions"].help_text == REGIONS_HELP
    assert form.fields["audience_organisations"].help_text == ORGANISATIONS_HELP
    quiet = _UncheckedForm()
    assert quiet.fields["audience_regions"].help_text == ""
    assert quiet.fields["audience_organisations"].help_text == ""


def test_a_saved_instance_shows_its_stored_types(db):
    assert "audience_types" not in _Form().initial
    saved = SimpleNamespace(pk=1, types=["te_office", "keha_centre"])
    assert _Form(instance=saved).initial["audience_types"] == ["te_office", "keha_centre"]


def test_the_service_gets_the_selections_as_lists(places):
    region, office = places
    form = _Form(
        {
            "audience": "types",
            "audience_types": ["te_office"],
            "audience_regions": [region.pk],
            "audience_organisations": [office.pk],
            "title": "x",
        }
    )
    assert form.is_valid(), form.errors
    assert form.audience_service_data() == {
        "audience": "types",
        "team": "",
        "title": "x",
        "types": ["te_office"],
        "regions": [region],
        "organisations": [office],
    }
    data = form.audience_service_data({"audience": "everyone", "audience_types": []})
    assert data == {"audience": "everyone", "types": [], "regions": [], "organisations": []}
