from __future__ import annotations

import datetime

import pytest
from rest_framework.test import APIClient

from kaiku.core.tests.prepared_lists import assert_prepared_list_is_drfs

from ..models import OrganisationType
from .factories import MunicipalityFactory, OrganisationFactory, RegionFactory

pytestmark = pytest.mark.django_db

LIST_URL = "/api/v1/organisations/"


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def data(db):
    uusimaa = RegionFactory(code="01", name_fi="Uusimaa", name_sv="Nyland", slug="uusimaa")
    helsinki = MunicipalityFactory(
        name_fi="Helsinki", name_sv="Helsingfors", slug="helsinki", code="091", region=uusimaa
    )
    area = OrganisationFactory(
        type=OrganisationType.EMPLOYMENT_AREA,
        name_fi="Helsinki",
        name_sv="Helsingfors",
        name_en="Helsinki",
        slug="helsinki-tyollisyysalue",
        code="8",
        region=uusimaa,
        regions=[uusimaa],
        municipalities=[helsinki],
        valid_from=datetime.date(2025, 1, 1),
    )
    office = OrganisationFactory(
        type=OrganisationType.TE_OFFICE,
        name_fi="Uudenmaan TE-toimisto",
        slug="uudenmaan-te-toimisto",
        region=None,
        regions=[uusimaa],
        valid_until=datetime.date(2024, 12, 31),
    )
    return {"region": uusimaa, "helsinki": helsinki, "area": area, "office": office}


def test_list_and_fields(api, data):
    response = api.get(LIST_URL)
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 3
    area = next(o for o in body["results"] if o["slug"] == "helsinki-tyollisyysalue")
    assert area == {
        "id": data["area"].pk,
        "slug": "helsinki-tyollisyysalue",
        "type": "employment_area",
        "type_display": area["type_display"],
        "code": "8",
        "name": "Helsinki",
        "name_fi": "Helsinki",
        "name_sv": "Helsingfors",
        "name_en": "Helsinki",
        "abbreviation": "",
        "region": "01",
        "regions": ["01"],
        "municipalities": ["091"],
        "website": "",
        "valid_from": "2025-01-01",
        "valid_until": None,
        "url": "http://testserver/api/v1/organisations/helsinki-tyollisyysalue/",
    }


def test_name_follows_accept_language(api, data):
    response = api.get(LIST_URL + "helsinki/", headers={"Accept-Language": "sv"})
    assert response.json()["name"] == "Helsingfors"


def test_retrieve_by_slug_and_404(api, data):
    assert api.get(LIST_URL + "helsinki/").json()["code"] == "091"
    response = api.get(LIST_URL + "ei-ole/")
    assert response.status_code == 404
    assert set(response.json()) == {"message", "extra"}


@pytest.mark.parametrize(
    ("query", "slugs"),
    [
        ("type=municipality", {"helsinki"}),
        ("region=01", {"helsinki", "helsinki-tyollisyysalue", "uudenmaan-te-toimisto"}),
        ("code=8", {"helsinki-tyollisyysalue"}),
        ("q=helsingfors", {"helsinki", "helsinki-tyollisyysalue"}),
        ("active=true", {"helsinki", "helsinki-tyollisyysalue"}),
        ("active=false", {"uudenmaan-te-toimisto"}),
        ("type=employment_area&active=true", {"helsinki-tyollisyysalue"}),
    ],
)
def test_filters(api, data, query, slugs):
    response = api.get(f"{LIST_URL}?{query}")
    assert response.status_code == 200
    assert {o["slug"] for o in response.json()["results"]} == slugs


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("type=bogus", "type"),
        ("region=zz", "region"),
        ("active=maybe", "active"),
        ("q=" + "x" * 500, "q"),
    ],
)
def test_bad_filter_values_answer_400_in_the_project_format(api, data, query, field):
    response = api.get(f"{LIST_URL}?{query}")
    assert response.status_code == 400
    body = response.json()
    assert set(body) == {"message", "extra"}
    assert field in body["extra"]["fields"]


@pytest.mark.parametrize("page", ["abc", "9999", "0"])
def test_bad_page_is_a_client_error(api, data, page):
    response = api.get(f"{LIST_URL}?page={page}")
    assert response.status_code == 404
    assert set(response.json()) == {"message", "extra"}


def test_pagination(api, db):
    region = RegionFactory()
    OrganisationFactory.create_batch(55, region=region)
    body = api.get(LIST_URL).json()
    assert body["count"] == 55
    assert len(body["results"]) == 50
    assert body["next"].endswith("page=2")
    assert len(api.get(LIST_URL + "?page=2").json()["results"]) == 5


def test_ordering(api, data):
    response = api.get(LIST_URL + "?ordering=-code")
    assert [o["code"] for o in response.json()["results"]][:2] == ["8", "091"]


@pytest.mark.parametrize("who", ["anonymous", "person", "staff"])
def test_the_api_is_read_only(api, data, who, person, staff_person):
    if who == "person":
        api.force_authenticate(person)
    elif who == "staff":
        api.force_authenticate(staff_person)
    detail = LIST_URL + "helsinki/"
    for method, url in [
        ("post", LIST_URL),
        ("put", detail),
        ("patch", detail),
        ("delete", detail),
        ("post", "/api/v1/regions/"),
        ("delete", "/api/v1/regions/01/"),
    ]:
        response = getattr(api, method)(url, {"name": "x"}, format="json")
        expected = {401, 403} if who == "anonymous" else {405}
        assert response.status_code in expected, (method, url, response.status_code)
    assert api.get(detail).json()["name_fi"] == "Helsinki"


def test_list_query_count_is_constant(api, django_assert_max_num_queries, data):
    with django_assert_max_num_queries(6) as few:
        response = api.get(LIST_URL)
    assert response.status_code == 200
    first = {row["slug"] for row in response.json()["results"]}
    assert first == {data["helsinki"].slug, data["area"].slug, data["office"].slug}
    regions = [RegionFactory() for _ in range(3)]
    added = {}
    for _ in range(20):
        municipality = MunicipalityFactory(region=regions[0])
        organisation = OrganisationFactory(regions=regions, municipalities=[municipality])
        added[organisation.slug] = municipality.code
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = api.get(LIST_URL)
    assert response.status_code == 200
    rows = {row["slug"]: row for row in response.json()["results"]}
    assert len(rows) == 43 and set(added) <= set(rows)
    # The related rows whose queries are counted are really in the answer.
    for slug, code in added.items():
        assert rows[slug]["municipalities"] == [code]
        assert sorted(rows[slug]["regions"]) == sorted(r.code for r in regions)


def test_regions(api, data):
    body = api.get("/api/v1/regions/").json()
    assert [r["code"] for r in body["results"]] == ["01"]
    region = api.get("/api/v1/regions/01/").json()
    assert (region["name_fi"], region["name_sv"], region["slug"]) == (
        "Uusimaa",
        "Nyland",
        "uusimaa",
    )
    assert api.get("/api/v1/regions/99/").status_code == 404


def test_schema_describes_the_endpoints(api, db):
    response = api.get("/api/schema/", headers={"Accept": "application/vnd.oai.openapi+json"})
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert "/api/v1/organisations/" in paths
    assert "/api/v1/regions/{code}/" in paths
    params = {p["name"] for p in paths["/api/v1/organisations/"]["get"]["parameters"]}
    assert {"type", "region", "code", "q", "active", "page"} <= params


def test_default_order_is_by_name_in_the_request_language(api, db):
    for name_fi, name_sv in [("Ähtäri", "Etseri"), ("Espoo", "Esbo"), ("Vaasa", "Vasa")]:
        MunicipalityFactory(name_fi=name_fi, name_sv=name_sv, name_en=None)
    names = lambda lang: [  # noqa: E731
        o["name"] for o in api.get(LIST_URL, headers={"Accept-Language": lang}).json()["results"]
    ]
    # English has no municipality names: the Finnish fallback is used for sorting too.
    assert names("en") == ["Espoo", "Vaasa", "Ähtäri"]
    assert names("sv") == ["Esbo", "Etseri", "Vasa"]


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_fast_representation_is_drfs(api, data, language, monkeypatch):
    """kaiku.core.api.fast (and the list's codes read by attach_slugs) gives exactly what
    DRF's own to_representation and the relations give, in the request's language."""
    from kaiku.core.api.fast import FastRepresentationMixin, generic_representation

    regions = [RegionFactory() for _ in range(3)]
    for number in range(4):
        municipalities = [MunicipalityFactory(region=regions[0]) for _ in range(number)]
        OrganisationFactory(regions=regions[:number], municipalities=municipalities)
    for url in (LIST_URL, f"{LIST_URL}?page_size=2&page=2", f"{LIST_URL}{data['area'].slug}/"):
        fast = api.get(url, HTTP_ACCEPT_LANGUAGE=language).content
        with monkeypatch.context() as patch:
            patch.setattr(FastRepresentationMixin, "to_representation", generic_representation)
            assert api.get(url, HTTP_ACCEPT_LANGUAGE=language).content == fast, url


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_prepared_list_is_drfs(api, data, language):
    """The list without filters reads its page and count by kept queries
    (PreparedListMixin); ``?format=json`` takes DRF's own path: the same answer, in the
    order of the request's language, anonymous and signed in."""
    for name_fi, name_sv in [("Ähtäri", "Etseri"), ("Espoo", "Esbo"), ("Vaasa", None)]:
        MunicipalityFactory(name_fi=name_fi, name_sv=name_sv, name_en=None)
    from kaiku.accounts.tests.factories import UserFactory

    person = UserFactory()
    for who in (None, person):
        api.force_authenticate(who)
        assert_prepared_list_is_drfs(
            api,
            LIST_URL,
            ("", "?page_size=2", "?page_size=2&page=2", "?page_size=2&page=4", "?page=2"),
            HTTP_ACCEPT_LANGUAGE=language,
        )
