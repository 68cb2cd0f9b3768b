"""News in Swedish and English with a Finnish fallback marked lang="fi" (WCAG 3.1.2) on pages
and in the per-language feeds, the editor's fields for them, and the body stored as HTML."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from kaiku.core.markdown import RENDERER_VERSION

from ..models import NewsItem
from .factories import KeywordFactory, NewsItemFactory

pytestmark = pytest.mark.django_db


def _url(language: str, name: str, **kwargs) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


@pytest.fixture
def news(db):
    keyword = KeywordFactory(name_fi="henkilöstö", name_sv="personal", slug="henkilosto")
    translated = NewsItemFactory(
        slug="kaannetty",
        title_fi="Henkilöstö siirtyy kuntiin",
        title_sv="Personalen övergår till kommunerna",
        summary_fi="Tiivistelmä.",
        summary_sv="Sammandrag.",
        body_fi="Suomeksi **tärkeää**.",
        body_sv="På svenska **viktigt**.",
    )
    finnish = NewsItemFactory(
        slug="vain-suomeksi",
        title_fi="Vain suomeksi",
        summary_fi="Suomenkielinen tiivistelmä.",
        body_fi="Vain *suomeksi*.",
    )
    for item in (translated, finnish):
        item.keywords.add(keyword)
    return {"translated": translated, "finnish": finnish}


def test_swedish_list_shows_swedish_and_marks_finnish_fallback(client, news):
    html = client.get(_url("sv", "news:list")).content.decode()
    assert ">Personalen övergår till kommunerna</a>" in html
    assert "<p>Sammandrag.</p>" in html
    assert '<span lang="fi">Vain suomeksi</span>' in html
    assert '<p><span lang="fi">Suomenkielinen tiivistelmä.</span></p>' in html
    assert ">personal</a>" in html


def test_swedish_and_english_detail_pages(client, news):
    html = client.get(_url("sv", "news:detail", slug="kaannetty")).content.decode()
    assert "<h1>Personalen övergår till kommunerna</h1>" in html
    assert '<div class="prose"><p>På svenska <strong>viktigt</strong>.</p></div>' in html
    html = client.get(_url("en", "news:detail", slug="kaannetty")).content.decode()
    assert '<h1><span lang="fi">Henkilöstö siirtyy kuntiin</span></h1>' in html
    assert '<div class="prose" lang="fi"><p>Suomeksi <strong>tärkeää</strong>.</p></div>' in html
    assert '<span lang="fi">henkilöstö</span>' in html


def test_swedish_feed_shows_the_items_in_swedish_with_fallback_marked(client, news):
    body = client.get(_url("sv", "news:feed_rss")).content.decode()
    assert "<language>sv</language>" in body
    assert "<title>Personalen övergår till kommunerna</title>" in body
    assert "&lt;p&gt;På svenska &lt;strong&gt;viktigt&lt;/strong&gt;.&lt;/p&gt;" in body
    assert '&lt;div lang="fi"&gt;&lt;p&gt;Vain &lt;em&gt;suomeksi&lt;/em&gt;' in body
    assert '&lt;p lang="fi"&gt;Suomenkielinen tiivistelmä.&lt;/p&gt;' in body
    atom = client.get(_url("en", "news:feed_atom")).content.decode()
    assert "<title>Henkilöstö siirtyy kuntiin</title>" in atom


def test_feed_does_not_render_markdown(client, news, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("Markdown rendered during a request")

    monkeypatch.setattr("kaiku.core.markdown._parser", refuse)
    assert client.get(_url("fi", "news:feed_rss")).status_code == 200
    assert client.get(_url("sv", "news:detail", slug="kaannetty")).status_code == 200


def test_api_gives_the_texts_of_every_language(client, news):
    body = client.get(
        "/api/v1/news/kaannetty/", HTTP_ACCEPT="application/json", HTTP_ACCEPT_LANGUAGE="sv"
    ).json()
    assert body["title_fi"] == "Henkilöstö siirtyy kuntiin"
    assert body["title_sv"] == "Personalen övergår till kommunerna"
    assert body["body_sv"] == "På svenska **viktigt**."
    assert not body["title_en"]


def test_list_queries_do_not_grow_with_translated_items(client, news):
    url = _url("sv", "news:list")
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    keyword = news["finnish"].keywords.get()
    for n in range(6):
        item = NewsItemFactory(title_fi=f"Uutinen {n}", title_sv=f"Nyhet {n}", body_fi="**x**")
        item.keywords.add(keyword)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def _form(**extra):
    return {
        "kind": "news",
        "title": "Uusi tiedote",
        "slug": "",
        "summary": "Tiivistelmä",
        "body": "Tekstiä",
        "visibility": "public",
        **extra,
    }


def test_editor_saves_swedish_and_english_and_the_html_follows_edits(client, people):
    client.force_login(people["communications"])
    response = client.post(
        _url("sv", "news:create"),
        _form(title_sv="Nytt meddelande", body_sv="*Text*", title_en="New notice"),
    )
    assert response.status_code == 302
    item = NewsItem.objects.get()
    # Sent from the Swedish interface, the required title is still the Finnish one.
    assert (item.title_fi, item.title_sv, item.title_en) == (
        "Uusi tiedote",
        "Nytt meddelande",
        "New notice",
    )
    assert item.slug == "uusi-tiedote"
    assert item.body_html_fi == "<p>Tekstiä</p>"
    assert item.body_html_sv == "<p><em>Text</em></p>"
    assert item.markdown_version == RENDERER_VERSION
    response = client.post(
        _url("fi", "news:update", slug=item.slug),
        _form(slug=item.slug, body="**Muutettu**", title_sv="Nytt meddelande", body_sv="Ändrad"),
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.body_html_fi == "<p><strong>Muutettu</strong></p>"
    assert item.body_html_sv == "<p>Ändrad</p>"
    html = client.get(_url("sv", "news:detail", slug=item.slug)).content.decode()
    assert "<p>Ändrad</p>" in html


def test_editor_form_groups_the_other_languages(client, people):
    client.force_login(people["communications"])
    html = client.get(_url("fi", "news:create")).content.decode()
    start = html.index('<details class="form-translations"')
    details = html[start : html.index("</details>", start)]
    for name in ("title_sv", "title_en", "summary_sv", "body_sv", "body_en"):
        assert f'name="{name}"' in details
        assert f'name="{name}"' not in html[:start]
    assert 'id="id_title"' in html[:start]


def test_a_script_in_a_translation_never_reaches_the_page_or_the_feed(client, people):
    client.force_login(people["communications"])
    payload = "<script>alert(1)</script> [x](javascript:alert(2))"
    response = client.post(
        _url("sv", "news:create"),
        _form(body_sv=payload, summary_sv=payload, publish_now="on"),
    )
    assert response.status_code == 302
    item = NewsItem.objects.get()
    assert "<script" not in item.body_html_sv
    client.logout()
    for url in (_url("sv", "news:detail", slug=item.slug), _url("sv", "news:feed_rss")):
        html = client.get(url).content.decode()
        assert "<script>alert(1)" not in html
        assert 'href="javascript:' not in html and "href=&quot;javascript:" not in html


def test_search_finds_a_text_in_any_language_from_every_interface(client, news):
    """A Finnish-only item is shown on /sv/ (marked Finnish), so a search there finds it;
    a Swedish word finds its item from the Finnish interface too."""
    for language, q, slug in [
        ("sv", "vain", "vain-suomeksi"),
        ("en", "vain", "vain-suomeksi"),
        ("fi", "viktigt", "kaannetty"),
    ]:
        response = client.get(_url(language, "news:list"), {"q": q})
        assert [item.slug for item in response.context["news"]] == [slug], language


def test_an_error_in_a_translation_is_in_the_error_summary_and_opens_the_disclosure(client, people):
    client.force_login(people["communications"])
    response = client.post(_url("fi", "news:create"), _form(title_sv="x" * 301))
    assert response.status_code == 400
    html = response.content.decode()
    summary = html[html.index('class="error-summary"') :]
    summary = summary[: summary.index("</ul>")]
    assert 'href="#id_title_sv"' in summary
    assert '<details class="form-translations" open>' in html
    assert not NewsItem.objects.exists()
