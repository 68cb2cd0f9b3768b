"""The REST API against its own OpenAPI schema: bad input gets a 4xx answer, never a 500.

schemathesis loads ``/api/schema/`` from the WSGI application in-process and, for every
operation, sends a bounded number of generated requests (valid and invalid ones), anonymously
and with a token. Each response must pass ``not_a_server_error``,
``response_schema_conformance``, ``negative_data_rejection`` and ``ignored_auth``.
"""

from __future__ import annotations

import datetime

import pytest
import schemathesis
from django.contrib.auth import get_user_model
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema
from hypothesis import HealthCheck, settings
from rest_framework.test import APIClient
from schemathesis.checks import (
    ignored_auth,
    negative_data_rejection,
    not_a_server_error,
)
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import response_schema_conformance

from config.wsgi import application
from kaiku.accounts.services import token_create
from kaiku.organisations.models import OrganisationType
from kaiku.organisations.tests.factories import (
    MunicipalityFactory,
    OrganisationFactory,
    RegionFactory,
)

CHECKS = [not_a_server_error, response_schema_conformance, negative_data_rejection, ignored_auth]

schema = schemathesis.openapi.from_wsgi("/api/schema/", application)
schema.config.generation.update(modes=list(GenerationMode))

BOUNDED = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
    database=None,
)


@pytest.fixture
def api_data(db, keep_connection):
    """A little of everything the API serves, so detail and filter requests can hit data."""
    uusimaa = RegionFactory(code="01", name_fi="Uusimaa", name_sv="Nyland", slug="uusimaa")
    RegionFactory(code="02", name_fi="Varsinais-Suomi", slug="varsinais-suomi")
    helsinki = MunicipalityFactory(
        name_fi="Helsinki", name_sv="Helsingfors", slug="helsinki", code="091", region=uusimaa
    )
    OrganisationFactory(
        type=OrganisationType.EMPLOYMENT_AREA,
        name_fi="Helsingin työllisyysalue",
        name_en="Helsinki employment area",
        slug="helsinki-tyollisyysalue",
        code="8",
        region=uusimaa,
        regions=[uusimaa],
        municipalities=[helsinki],
        valid_from=datetime.date(2025, 1, 1),
    )
    OrganisationFactory(
        type=OrganisationType.TE_OFFICE,
        name_fi="Uudenmaan TE-toimisto",
        slug="uudenmaan-te-toimisto",
        region=None,
        regions=[uusimaa],
        valid_until=datetime.date(2024, 12, 31),
    )
    OrganisationFactory.create_batch(3)


@pytest.fixture
def keep_connection():
    """Requests go straight to the WSGI handler, whose request signals would close the
    connection (it is inside the test's transaction); Django's test client does the same."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def token(db):
    user = get_user_model().objects.create_user(
        email="rajapinta.testi@example.fi", password="Salasana-testi-123"
    )
    return token_create(user=user, actor=user).key


@pytest.mark.django_db
@schema.parametrize()
@BOUNDED
def test_api_anonymous(case, api_data):
    case.call_and_validate(checks=CHECKS)


@pytest.mark.django_db
@schema.parametrize()
@BOUNDED
def test_api_with_token(case, api_data, token):
    case.call_and_validate(headers={"Authorization": f"Token {token}"}, checks=CHECKS)


def test_schema_generates_without_warnings_and_validates(capsys):
    generator = SchemaGenerator()
    document = generator.get_schema(request=None, public=True)
    validate_schema(document)
    captured = capsys.readouterr()
    # drf-spectacular reports problems ("Warning #0: ...", "Error #0: ...") on stderr.
    assert "Warning" not in captured.err, captured.err
    assert "Error" not in captured.err, captured.err
    assert document["paths"], "the API schema lists no operations"


# Regressions schemathesis found.


@pytest.mark.parametrize("path", ["/api/v1/organisations/a%00b/", "/api/v1/regions/0%001/"])
def test_nul_in_a_lookup_is_404_not_a_database_error(api_data, path):
    response = APIClient().get(path)
    assert response.status_code == 404
    assert set(response.json()) == {"message", "extra"}


@pytest.mark.parametrize("page_size", ["0", "501", "abc", "", "1_0", "9" * 5000])
def test_bad_page_size_is_400(api_data, page_size):
    response = APIClient().get(f"/api/v1/regions/?page_size={page_size}")
    assert response.status_code == 400
    assert "page_size" in response.json()["extra"]["fields"]


def test_page_size_within_bounds(api_data):
    body = APIClient().get("/api/v1/regions/?page_size=1").json()
    assert len(body["results"]) == 1
    assert body["next"]


# Date-time filters at the calendar's edge: generated data rarely reaches them, so they are
# sent explicitly through the schema, with the same checks.
CALENDAR_EDGES = [
    ("/api/v1/meetings/", "starts_after", "0001-01-01T00:00:00"),
    ("/api/v1/meetings/", "starts_after", "9999-12-31T23:59:59-05:00"),
    ("/api/v1/meetings/", "starts_before", "0001-01-01T00:00:00Z"),
    ("/api/v1/meetings/", "starts_before", "9999-12-31T23:59:59"),
    ("/api/v1/news/", "published_after", "0001-01-01T00:00:00"),
    ("/api/v1/news/", "published_after", "9999-12-31T23:59:59-05:00"),
]


@pytest.mark.django_db
@pytest.mark.parametrize("path, name, value", CALENDAR_EDGES)
def test_date_filters_at_the_edge_of_the_calendar(api_data, path, name, value):
    case = schema[path]["GET"].Case(query={name: value})
    response = case.call_and_validate(checks=CHECKS)
    assert response.status_code == 400
