"""The organisation list's rows are written in Python (``kaiku.organisations.listing``): the
HTML must stay what the template's loop gave, in every language and state of a row."""

from __future__ import annotations

import datetime

import pytest
from django.template import Context, Template
from django.utils import translation

from .. import listing, selectors
from ..models import Organisation, OrganisationType
from .factories import OrganisationFactory, RegionFactory

pytestmark = pytest.mark.django_db

# The loop the list template ran before (organisations/organisation_list.html).
LOOP = """        {% for organisation in organisations %}
        <tr>
          <th scope="row"><a href="{{ organisation.get_absolute_url }}">{{ organisation.name }}</a>{% if organisation.abbreviation %} <span class="muted">({{ organisation.abbreviation }})</span>{% endif %}</th>
          <td>{{ organisation.get_type_display }}</td>
          <td>{% if organisation.region %}{{ organisation.region.name }}{% endif %}</td>
          <td>{% if organisation.valid_from or organisation.valid_until %}{{ organisation.valid_from|date:"j.n.Y"|default:"" }}–{{ organisation.valid_until|date:"j.n.Y"|default:"" }}{% endif %}</td>
        </tr>
        {% endfor %}
"""  # noqa: E501


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_rows_are_the_html_of_the_template_loop(language):
    region = RegionFactory(name_fi="Pirkanmaa & <Häme>", name_sv="Birkaland")
    OrganisationFactory(
        name_fi='Tampereen "seudun" työllisyysalue & <kumppanit>',
        name_sv="Tammerfors sysselsättningsområde",
        abbreviation="T&T",
        type=OrganisationType.EMPLOYMENT_AREA,
        region=region,
        valid_from=datetime.date(2025, 1, 1),
    )
    OrganisationFactory(
        name_fi="Hämeen TE-toimisto",
        type=OrganisationType.TE_OFFICE,
        region=None,
        valid_until=datetime.date(2024, 12, 31),
    )
    OrganisationFactory(name_fi="Kuntaliitto", type=OrganisationType.OTHER, abbreviation="")
    with translation.override(language):
        shown = list(selectors.organisation_list(filters={"show_former": True}))
        assert len(shown) == 3
        expected = Template(LOOP).render(
            Context(
                {
                    "organisations": list(
                        Organisation.objects.filter(pk__in=[o.pk for o in shown]).order_by(
                            selectors.name_ordering(), "pk"
                        )
                    )
                }
            )
        )
        assert f"        {listing.list_rows(shown)}\n" == expected


def test_rows_read_no_deferred_column(django_assert_num_queries):
    OrganisationFactory.create_batch(3, region=RegionFactory())
    with translation.override("sv"):
        shown = list(selectors.organisation_list())
        with django_assert_num_queries(0):
            listing.list_rows(shown)
