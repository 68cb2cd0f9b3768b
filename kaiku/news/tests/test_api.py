from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from rest_framework.test import APIClient

from kaiku.core.tests.prepared_lists import assert_prepared_list_is_drfs
from kaiku.core.urls_absolute import absolute_url

from .factories import NewsItemFactory, UserFactory, WorkingGroupFactory

pytestmark = pytest.mark.django_db

LIST_URL = "/api/v1/news/"


@pytest.fixture
def api():
    return APIClient()


def _slugs(response):
    assert response.status_code == 200, response.content
    return {row["slug"] for row in response.json()["results"]}


@pytest.mark.parametrize(
    "who, expected",
    [
        ("anonymous", {"julkinen"}),
        ("staff", {"julkinen", "sisainen"}),
        ("communications", {"julkinen", "sisainen"}),
        ("admin", {"julkinen", "sisainen"}),
    ],
)
def test_list_honours_publication_and_visibility(api, people, items, who, expected):
    if people[who] is not None:
        api.force_authenticate(people[who])
    assert _slugs(api.get(LIST_URL)) == expected
    for slug in ("julkinen", "sisainen", "luonnos", "ajastettu"):
        status = api.get(f"{LIST_URL}{slug}/").status_code
        assert status == (200 if slug in expected else 404), slug


def test_detail_fields(api, people, items, group, hidden_group):
    item = items["public"]
    item.related_groups.add(hidden_group)
    item.contact_persons.add(people["communications"])
    body = api.get(f"{LIST_URL}julkinen/").json()
    assert body["title"] == "Julkinen uutinen"
    assert body["keywords"] == ["te2024"]
    assert [g["id"] for g in body["related_groups"]] == [group.pk]
    assert [p["name"] for p in body["contact_persons"]] == ["Selina Viestijä"]
    # Absolute, on the site's address (SITE_URL), for integrators outside the site.
    assert body["web_url"] == absolute_url("/fi/news/julkinen/")
    assert "email" not in str(body["contact_persons"])


def test_filters(api, items, keyword, group, hidden_group):
    NewsItemFactory(slug="muu")
    hidden = NewsItemFactory(slug="piilotettu-ryhma")
    hidden.related_groups.add(hidden_group)
    assert _slugs(api.get(LIST_URL)) == {"julkinen", "muu", "piilotettu-ryhma"}
    assert _slugs(api.get(LIST_URL, {"keyword": "te2024"})) == {"julkinen"}
    assert _slugs(api.get(LIST_URL, {"group": group.pk})) == {"julkinen"}
    # A group the caller may not see gives an empty list, like a missing one.
    assert _slugs(api.get(LIST_URL, {"group": hidden_group.pk})) == set()
    assert _slugs(api.get(LIST_URL, {"group": 999999})) == set()
    after = items["public"].published_at.isoformat()
    assert "julkinen" in _slugs(api.get(LIST_URL, {"published_after": after}))
    assert _slugs(api.get(LIST_URL, {"published_after": "2999-01-01T00:00:00Z"})) == set()


@pytest.mark.parametrize(
    "params",
    [
        {"group": "abc"},
        {"group": "0"},
        {"published_after": "eilen"},
        {"programme": "ei-ole"},
        {"keyword": ""},
    ],  # fmt: skip
)
def test_bad_filters_are_400(api, items, params):
    response = api.get(LIST_URL, params)
    assert response.status_code == 400


def test_writes_are_not_allowed(api, people, items):
    api.force_authenticate(people["admin"])
    assert api.post(LIST_URL, {"title": "x"}).status_code in (403, 405)
    assert api.delete(f"{LIST_URL}julkinen/").status_code in (403, 405)


def test_list_query_count_is_constant(api, keyword, group, django_assert_max_num_queries, db):
    first = NewsItemFactory()
    with django_assert_max_num_queries(10) as few:
        response = api.get(LIST_URL)
    assert response.status_code == 200
    assert [row["title"] for row in response.json()["results"]] == [first.title]
    added = []
    for _ in range(15):
        item = NewsItemFactory()
        item.keywords.add(keyword)
        item.related_groups.add(group, WorkingGroupFactory())
        item.contact_persons.add(UserFactory())
        added.append(item)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = api.get(LIST_URL)
    assert response.status_code == 200
    rows = response.json()["results"]
    assert sorted(row["title"] for row in rows) == sorted(i.title for i in [first, *added])
    # The related rows whose queries are counted are really in the answer.
    full = [row for row in rows if row["slug"] != first.slug]
    assert all(row["keywords"] == [keyword.slug] for row in full)
    assert all(len(row["related_groups"]) == 2 for row in full)
    assert all(len(row["contact_persons"]) == 1 for row in full)


def test_fast_representation_is_drfs(api, people, items, group, hidden_group, monkeypatch):
    """kaiku.core.api.fast gives exactly what DRF's own to_representation gives."""
    from kaiku.core.api.fast import FastRepresentationMixin, generic_representation

    items["public"].related_groups.add(group, hidden_group)
    items["public"].contact_persons.add(people["communications"])
    for who in ("anonymous", "staff"):
        if people[who] is not None:
            api.force_authenticate(people[who])
        for url in (LIST_URL, f"{LIST_URL}julkinen/", f"{LIST_URL}?page_size=1&page=2"):
            fast = api.get(url, HTTP_ACCEPT_LANGUAGE="sv").content
            with monkeypatch.context() as patch:
                patch.setattr(FastRepresentationMixin, "to_representation", generic_representation)
                assert api.get(url, HTTP_ACCEPT_LANGUAGE="sv").content == fast, url


@pytest.mark.parametrize("who", ["anonymous", "staff", "communications", "admin"])
def test_prepared_list_is_drfs(api, people, items, who):
    """The list without filters reads its page and count by kept queries
    (PreparedListMixin); ``?format=json`` takes DRF's own path: the same answer."""
    NewsItemFactory(slug="toinen")
    if people[who] is not None:
        api.force_authenticate(people[who])
    assert_prepared_list_is_drfs(
        api, LIST_URL, ("", "?page_size=1", "?page_size=1&page=2", "?page_size=1&page=3", "?page=2")
    )


@pytest.mark.parametrize("who", ["anonymous", "staff"])
@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_related_rows_are_the_models(api, people, items, group, hidden_group, who, language):
    """The contact persons and related groups the API reads as plain rows for a page or an
    item (attach_related) are the model's own: the same people and visible groups, in the
    same order, the names in the request's language with the model's fallbacks."""
    from django.utils import timezone, translation

    from kaiku.news import selectors

    swedish = WorkingGroupFactory(
        name_fi="Aakkosissa viimeinen", name_sv="Svensk grupp", programme=group.programme
    )
    english = WorkingGroupFactory(name_fi="Englanniksi", name_en="In English")
    removed = UserFactory(full_name="Poistettu Ihminen", removed_at=timezone.now())
    nameless = UserFactory(full_name="", email="nimeton@example.com")
    items["public"].related_groups.add(swedish, english, hidden_group)
    items["public"].contact_persons.add(people["communications"], removed, nameless)
    items["staff"].related_groups.add(english)
    items["staff"].contact_persons.add(nameless)
    viewer = people[who]
    if viewer is not None:
        api.force_authenticate(viewer)
    with translation.override(language):
        expected = {
            item.slug: {
                "contact_persons": [
                    {"name": person.display_name, "title": person.title}
                    for person in item.contact_persons.all()
                ],
                "related_groups": [
                    {
                        "id": g.pk,
                        "name": g.name,
                        "programme": g.programme.slug,
                    }
                    for g in item.visible_groups
                ],
            }
            for item in selectors.news_list(viewer=viewer or AnonymousUser())
        }
    assert len(expected["julkinen"]["related_groups"]) == 3
    for query in ("", "?ordering=title"):
        rows = api.get(LIST_URL + query, HTTP_ACCEPT_LANGUAGE=language).json()["results"]
        got = {
            row["slug"]: {key: row[key] for key in ("contact_persons", "related_groups")}
            for row in rows
        }
        assert got == expected, query
    detail = api.get(f"{LIST_URL}julkinen/", HTTP_ACCEPT_LANGUAGE=language).json()
    assert {key: detail[key] for key in expected["julkinen"]} == expected["julkinen"]


@pytest.mark.parametrize("who", ["anonymous", "staff"])
@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_prepared_list_is_drfs_in_each_language(
    api, people, items, keyword, group, hidden_group, who, language
):
    """The list without filters reads its page as plain rows (``written_items``); DRF's path
    (``?format=json``) reads model instances: the same texts in the request's language with
    the models' fallbacks, the same keywords in their order, programme, contacts and groups."""
    from .factories import KeywordFactory

    translated = NewsItemFactory(
        slug="kaannetty",
        title_fi="Suomeksi",
        title_sv="På svenska",
        title_en="",
        summary_fi="",
        summary_sv="Sammandrag",
        summary_en="Summary",
        body_fi="Teksti",
        body_sv="",
        body_en="Text",
        programme=group.programme,
        pinned=True,
    )
    translated.keywords.add(
        keyword, KeywordFactory(name_fi="Aakkonen", name_sv="Östra", slug="aakkonen")
    )
    translated.related_groups.add(group, hidden_group)
    translated.contact_persons.add(people["communications"])
    NewsItemFactory(slug="tyhja", summary="", contact_info="Puh. 123")
    if people[who] is not None:
        api.force_authenticate(people[who])
    for query in ("", "?page_size=2", "?page_size=2&page=2"):
        prepared = api.get(LIST_URL + query, HTTP_ACCEPT_LANGUAGE=language)
        drf = api.get(
            LIST_URL + query + ("&" if query else "?") + "format=json",
            HTTP_ACCEPT_LANGUAGE=language,
        )
        assert prepared.status_code == drf.status_code == 200, query
        slow = drf.content.replace(b"format=json&", b"").replace(b"&format=json", b"")
        assert prepared.content == slow.replace(b"?format=json", b""), query
    first = api.get(LIST_URL, HTTP_ACCEPT_LANGUAGE=language).json()["results"][0]
    assert first["slug"] == "kaannetty"
    assert first["title"] == {"sv": "På svenska"}.get(language, "Suomeksi")
    assert first["summary"] == {"en": "Summary"}.get(language, "Sammandrag")
    assert first["body"] == {"en": "Text"}.get(language, "Teksti")
