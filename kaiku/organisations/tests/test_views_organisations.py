from __future__ import annotations

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from ..models import OrganisationType
from .factories import MunicipalityFactory, OrganisationFactory, RegionFactory

pytestmark = pytest.mark.django_db

LIST_URL = "/fi/organisations/"


def _login(client, who, person, staff_person):
    if who == "person":
        client.force_login(person)
    elif who == "staff":
        client.force_login(staff_person)


@pytest.fixture
def organisation(db):
    region = RegionFactory(code="05", name_fi="Kanta-Häme", slug="kanta-hame")
    return OrganisationFactory(
        name_fi="Hämeen TE-toimisto",
        name_sv="Arbets- och näringsbyrån i Tavastland",
        slug="hameen-te-toimisto",
        type=OrganisationType.TE_OFFICE,
        region=region,
        regions=[region],
        description_fi="Julkinen työnvälitysorganisaatio.",
        website="https://example.fi/",
        valid_from=datetime.date(2013, 1, 1),
        valid_until=datetime.date(2024, 12, 31),
    )


@pytest.fixture
def members(organisation):
    user_model = get_user_model()
    active = user_model.objects.create_user(
        email="maija@example.fi",
        full_name="Maija Meikäläinen",
        title="Asiantuntija",
        organisation=organisation,
    )
    user_model.objects.create_user(
        email="passiivinen@example.fi",
        full_name="Passiivinen Henkilö",
        organisation=organisation,
        is_active=False,
    )
    user_model.objects.create_user(
        email="poistettu@example.fi",
        full_name="Poistettu Henkilö",
        organisation=organisation,
        removed_at=timezone.now(),
    )
    return active


@pytest.mark.parametrize("who", ["anonymous", "person", "staff"])
def test_everyone_can_read_the_pages(client, who, person, staff_person, organisation):
    _login(client, who, person, staff_person)
    assert client.get(LIST_URL + "?show_former=on").status_code == 200
    response = client.get(organisation.get_absolute_url())
    assert response.status_code == 200
    assert "Hämeen TE-toimisto" in response.content.decode()
    assert client.get(organisation.region.get_absolute_url()).status_code == 200


def test_members_are_hidden_from_anonymous_visitors(client, organisation, members):
    response = client.get(organisation.get_absolute_url())
    content = response.content.decode()
    assert "Maija Meikäläinen" not in content
    assert "Asiantuntija" not in content
    assert response.context["members"] == {"count": 1, "people": None}


@pytest.mark.parametrize("who", ["person", "staff"])
def test_members_are_shown_to_logged_in_people(
    client, who, person, staff_person, organisation, members
):
    _login(client, who, person, staff_person)
    content = client.get(organisation.get_absolute_url()).content.decode()
    assert "Maija Meikäläinen" in content
    assert "Asiantuntija" in content
    # Inactive and removed accounts are not listed.
    assert "Passiivinen" not in content
    assert "Poistettu" not in content


def test_detail_shows_the_closing_notice_and_breadcrumbs(client, organisation):
    content = client.get(organisation.get_absolute_url()).content.decode()
    assert "31.12.2024" in content
    assert 'class="breadcrumbs"' in content
    assert content.count("<h1") == 1
    assert "Activity" not in content


def test_municipality_page_lists_its_areas_and_area_page_its_members(client):
    helsinki = MunicipalityFactory(name_fi="Helsinki", slug="helsinki", code="091")
    area = OrganisationFactory(
        type=OrganisationType.EMPLOYMENT_AREA,
        name_fi="Helsinki",
        slug="helsinki-tyollisyysalue",
        code="8",
        municipalities=[helsinki],
    )
    assert area.get_absolute_url() in client.get(helsinki.get_absolute_url()).content.decode()
    content = client.get(area.get_absolute_url()).content.decode()
    assert helsinki.get_absolute_url() in content
    assert "<caption>" in content and 'scope="col"' in content


def test_region_page_lists_municipalities_elys_and_areas(client, reference_data):
    content = client.get("/fi/organisations/regions/kanta-hame/").content.decode()
    assert "Hämeenlinna" in content
    assert "Hämeen ELY-keskus" in content
    assert "TyöHäme" in content


@pytest.mark.parametrize(
    "url",
    ["/fi/organisations/ei-ole-olemassa/", "/fi/organisations/regions/ei-ole-olemassa/"],
)
def test_unknown_slugs_answer_404(client, url):
    assert client.get(url).status_code == 404


def test_former_organisations_are_hidden_by_default(client, organisation):
    current = OrganisationFactory(name_fi="Työllisyysalue Nyt")
    names = [o.name for o in client.get(LIST_URL).context["organisations"]]
    assert current.name in names
    assert organisation.name not in names
    names = [o.name for o in client.get(LIST_URL + "?show_former=on").context["organisations"]]
    assert organisation.name in names


def test_filters_by_type_region_and_text_in_any_language(client, organisation):
    OrganisationFactory(name_fi="Kuntaliitto", name_sv="Kommunförbundet")
    base = LIST_URL + "?show_former=on"

    def names(query):
        return [o.name for o in client.get(base + query).context["organisations"]]

    assert names("&type=te_office") == ["Hämeen TE-toimisto"]
    assert names("&region=05") == ["Hämeen TE-toimisto"]
    assert names("&q=kommunförbund") == ["Kuntaliitto"]
    assert names("&q=tavastland") == ["Hämeen TE-toimisto"]


@pytest.mark.parametrize(
    "query",
    ["type=bogus", "region=zz", "page=abc", "page=9999", "page=-1", "q=" + "x" * 500],
)
def test_bad_filter_input_never_fails(client, organisation, query):
    response = client.get(LIST_URL + "?" + query)
    assert response.status_code == 200


def test_bad_filter_values_are_reported(client):
    OrganisationFactory()
    response = client.get(LIST_URL + "?type=bogus&region=zz")
    content = response.content.decode()
    assert response.context["form"].errors.keys() == {"type", "region"}
    assert "field__error" in content
    # The invalid filters are ignored, so the list still shows results.
    assert len(response.context["organisations"]) == 1


def test_pagination_falls_back_to_the_last_page(client):
    OrganisationFactory.create_batch(55, region=None)
    response = client.get(LIST_URL + "?page=9999")
    assert response.context["page_obj"].number == 2
    assert len(response.context["organisations"]) == 5
    content = response.content.decode()
    assert 'aria-label="Sivutus"' in content or 'aria-label="Pagination"' in content
    assert 'rel="prev"' in content


def test_htmx_request_gets_the_results_partial(client, organisation):
    response = client.get(LIST_URL + "?show_former=on", headers={"HX-Request": "true"})
    content = response.content.decode()
    assert "<html" not in content
    assert "Hämeen TE-toimisto" in content
    assert 'hx-swap-oob="innerHTML"' in content


def test_full_page_has_a_live_result_count_and_htmx_form(client, organisation):
    content = client.get(LIST_URL + "?show_former=on").content.decode()
    assert 'aria-live="polite"' in content
    assert 'hx-get="/fi/organisations/"' in content
    assert 'method="get"' in content


def test_list_query_count_is_constant(client, django_assert_max_num_queries):
    region = RegionFactory()
    created = OrganisationFactory.create_batch(3, region=region)
    with django_assert_max_num_queries(6) as few:
        response = client.get(LIST_URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('<th scope="row"><a href=') == 3
    assert all(f">{o.name}</a>" in html for o in created)
    created += OrganisationFactory.create_batch(40, region=region)
    created += OrganisationFactory.create_batch(10, region=RegionFactory())
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(LIST_URL)
    assert response.status_code == 200
    assert len(response.context["organisations"]) == 50
    html = response.content.decode()
    assert html.count('<th scope="row"><a href=') == 50
    assert sum(f">{o.name}</a>" in html for o in created) == 50


def test_detail_query_count_is_constant(client, django_assert_max_num_queries, organisation):
    members = [MunicipalityFactory() for _ in range(2)]
    area = OrganisationFactory(type=OrganisationType.EMPLOYMENT_AREA, municipalities=members)
    with django_assert_max_num_queries(12) as few:
        response = client.get(area.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('<tr><th scope="row"><a href=') == 2
    assert all(f">{m.name}</a></th>" in html for m in members)
    members += [MunicipalityFactory() for _ in range(20)]
    area.municipalities.add(*members[2:])
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(area.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('<tr><th scope="row"><a href=') == 22
    assert all(f">{m.name}</a></th>" in html for m in members)


def test_list_is_linked_from_front_page_stats(client, organisation):
    response = client.get(reverse("organisations:list") + "?type=te_office&show_former=on")
    assert [o.slug for o in response.context["organisations"]] == ["hameen-te-toimisto"]


def test_anonymous_visitor_is_not_asked_to_log_in_to_see_nobody(client):
    empty = OrganisationFactory()
    body = client.get(empty.get_absolute_url()).content.decode()
    assert "Kaikussa ei ole vielä ketään tähän organisaatioon kuuluvaa." in body
    assert "Kirjaudu sisään nähdäksesi, keitä he ovat." not in body
