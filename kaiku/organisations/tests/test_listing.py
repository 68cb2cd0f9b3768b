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


@pytest.mark.parametrize("page", [None, "1", "2", "3", "0", "x", "99999999999999999999"])
@pytest.mark.parametrize(
    "filters", ["", "&type=te_office", "&region=R", "&show_former=on", "&q=Kunta", "&type=x"]
)
def test_a_page_of_the_list_is_the_paginators(client, page, filters, monkeypatch):
    """The page is read with its count in one kept query (``selectors.organisation_page``):
    the same page as Django's paginator gives over ``organisation_list``, for every filter
    and page number (past the last, not a number)."""
    import re

    from django.core.paginator import Paginator

    from .. import views

    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    region = RegionFactory(code="R9")
    gone = datetime.date(2020, 1, 1)
    for i in range(3):
        OrganisationFactory(name=f"Kunta {i}", type=OrganisationType.MUNICIPALITY, region=region)
        OrganisationFactory(name=f"Toimisto {i}", type=OrganisationType.TE_OFFICE)
        OrganisationFactory(name=f"Entinen {i}", valid_until=gone)
    url = "/en/organisations/?x=1" + (f"&page={page}" if page else "") + filters
    url = url.replace("region=R", "region=R9")

    def html():
        return re.sub(r'(nonce|value|content)="[A-Za-z0-9+/=_-]{32,}"', "", client.get(url).text)

    new = html()

    def paginators(*, filters, number, per_page):
        return Paginator(selectors.organisation_list(filters=filters), per_page).get_page(number)

    monkeypatch.setattr(selectors, "organisation_page", paginators)
    assert new == html()
    if page in (None, "1") and "type=x" not in filters:
        assert "<tbody>" in new and "</a>" in new


# The people loop the detail template ran before (organisations/organisation_detail.html).
PEOPLE_LOOP = """{% for person in people %}
        <li>{{ person.display_name }}{% if person.title %}, <span class="muted">{{ person.title }}</span>{% endif %}</li>
        {% endfor %}"""  # noqa: E501


def test_people_rows_are_what_the_template_loop_wrote():
    from kaiku.accounts.models import User

    people = [
        User(full_name='Anna <b>"A"</b> & co', email="anna@example.com", title="Boss & <i>"),
        User(full_name="", email="bertil@example.com", title=""),
        User(full_name="Cecilia", email="c@example.com", title="Planner"),
    ]
    expected = Template(PEOPLE_LOOP).render(Context({"people": people}))
    assert str(listing.people_rows(people)) == expected
    assert str(listing.people_rows([])) == ""
