"""What integrators read about the API: the OpenAPI schema, the reference at /api/docs/ and
the API root at /api/v1/."""

from __future__ import annotations

import pytest
from django.test import override_settings
from django.utils import translation
from drf_spectacular.generators import SchemaGenerator
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

# The resources whose texts this project writes (organisations have their own docs).
OWN_TAGS = {"programmes", "working-groups", "meetings", "news"}
MAIN_OPERATIONS = [
    ("/api/v1/programmes/", "get"),
    ("/api/v1/programmes/{slug}/", "get"),
    ("/api/v1/working-groups/", "get"),
    ("/api/v1/working-groups/{id}/", "get"),
    ("/api/v1/meetings/", "get"),
    ("/api/v1/meetings/{id}/", "get"),
    ("/api/v1/news/", "get"),
    ("/api/v1/news/{slug}/", "get"),
]


@pytest.fixture(scope="module")
def schema():
    with translation.override("en"):
        return SchemaGenerator().get_schema(request=None, public=True)


def _operations(schema):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if isinstance(operation, dict) and "responses" in operation:
                yield path, method, operation


def _own(schema):
    for path, method, operation in _operations(schema):
        if set(operation.get("tags", [])) & OWN_TAGS:
            yield path, method, operation


def _texts(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key in {"description", "summary"} and isinstance(value, str):
                yield value
            else:
                yield from _texts(value)
    elif isinstance(node, list):
        for value in node:
            yield from _texts(value)


def test_no_developer_notes_in_the_schema(schema):
    for text in _texts(schema):
        assert "NUL" not in text and "PostgreSQL" not in text and "``" not in text, text
        assert text == text.strip(), repr(text)


# Reads of a person's own data: these need a token or a session, and show the lock.
AUTHENTICATED_READS = {
    "/api/v1/event-registrations/",
    "/api/v1/event-registrations/{id}/",
    "/api/v1/onboarding/",
    "/api/v1/onboarding/{id}/",
}


def test_public_reads_need_no_authentication(schema):
    """Swagger UI draws a lock unless an operation's security is exactly [{}]."""
    for path, method, operation in _operations(schema):
        if method == "get":
            public = operation.get("security") == [{}]
            assert public is (path not in AUTHENTICATED_READS), (path, operation["security"])


def test_every_query_parameter_is_described(schema):
    for path, _method, operation in _operations(schema):
        for parameter in operation.get("parameters", []):
            if parameter["in"] == "query":
                assert parameter.get("description"), (path, parameter["name"])


def test_every_query_parameter_is_described_with_an_example(schema):
    for path, _method, operation in _own(schema):
        for parameter in operation.get("parameters", []):
            name = parameter["name"]
            assert parameter.get("description"), (path, name)
            assert parameter.get("schema", {}).get("type"), (path, name)
            if parameter["in"] == "query" and name not in {"page", "page_size"}:
                assert parameter.get("examples"), (path, name)


def test_every_field_is_described(schema):
    components = schema["components"]["schemas"]
    used = set()
    for _path, _method, operation in _own(schema):
        content = operation["responses"]["200"]["content"]["application/json"]
        used.add(content["schema"]["$ref"].rsplit("/", 1)[-1])
    seen = set()
    while used - seen:
        name = (used - seen).pop()
        seen.add(name)
        for field, prop in components[name].get("properties", {}).items():
            refs = [prop.get("$ref", "")]
            refs += [p.get("$ref", "") for p in prop.get("allOf", [])]
            refs += [prop.get("items", {}).get("$ref", "")]
            refs = [r.rsplit("/", 1)[-1] for r in refs if r]
            used |= set(refs)
            target = components.get(refs[0], {}) if refs else {}
            assert prop.get("description") or target.get("description"), (name, field)


@pytest.mark.parametrize(("path", "method"), MAIN_OPERATIONS)
def test_main_operations_have_response_examples(schema, path, method):
    operation = schema["paths"][path][method]
    content = operation["responses"]["200"]["content"]["application/json"]
    assert content.get("examples"), path


def test_working_group_collections_are_documented(schema):
    for name in ["members", "meetings", "milestones", "memos", "tasks", "goals"]:
        operation = schema["paths"][f"/api/v1/working-groups/{{id}}/{name}/"]["get"]
        parameters = {p["name"] for p in operation["parameters"]}
        assert {"id", "page", "page_size"} <= parameters
        assert "programme" not in parameters
        ref = operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
        assert ref.startswith("#/components/schemas/Paginated")


def test_reference_renders_markdown_fields_and_examples(client):
    with translation.override("en"):
        response = client.get("/api/docs/", headers={"accept-language": "en"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "`" not in html
    assert "<code>Authorization: Token &lt;key&gt;</code>" in html
    assert 'class="api-fields"' in html
    assert 'id="type-WorkingGroupList"' in html
    assert "<pre" in html and "muutosvalmennus" in html  # a response example
    assert 'href="/api/v1/"' in html


@override_settings(SITE_URL="https://kaiku.example.fi")
def test_api_root_is_a_page_of_the_site_for_browsers(client):
    response = client.get("/api/v1/", headers={"accept": "text/html,*/*;q=0.8"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert "Accept" in response["Vary"]
    html = response.content.decode()
    assert 'class="site-footer"' in html  # the site's base template
    assert 'href="/api/docs/"' in html
    assert 'href="/api/schema/"' in html
    for resource in ["programmes", "working-groups", "meetings", "news", "organisations"]:
        assert f'href="/api/v1/{resource}/"' in html, resource
    assert "Authorization: Token" in html
    assert "https://kaiku.example.fi/api/v1/" in html


def test_api_root_answers_json_to_programs():
    for accept in [None, "application/json"]:
        headers = {"accept": accept} if accept else {}
        response = APIClient().get("/api/v1/", headers=headers)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/json"
        assert response.json()["working-groups"].endswith("/api/v1/working-groups/")


def test_resources_answer_json_even_to_browsers():
    """No unbranded browsable-API pages: a browser gets the JSON."""
    response = APIClient().get("/api/v1/programmes/", headers={"accept": "text/html"})
    assert response.status_code in {200, 406}
    assert not response["Content-Type"].startswith("text/html")


def test_explorer_says_it_is_not_fully_accessible_and_links_the_reference(client):
    response = client.get("/api/docs/explorer/")
    assert response.status_code == 200
    assert 'class="kaiku-explorer-note"' in response.content.decode()
    assert 'href="/api/docs/"' in response.content.decode()


@pytest.mark.django_db
def test_schema_texts_are_marked_english_on_finnish_pages(client):
    """The schema's summaries and descriptions are English: on /fi/ they carry lang="en"
    (WCAG 3.1.2); on /en/ they need no mark."""
    finnish = client.get("/api/docs/", headers={"accept-language": "fi"}).content.decode()
    assert '<strong lang="en">' in finnish
    assert '<td lang="en">' in finnish
    english = client.get("/api/docs/", headers={"accept-language": "en"}).content.decode()
    assert 'lang="en"' not in english.split("<main", 1)[1]
