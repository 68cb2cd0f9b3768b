"""News journeys in Finnish: an anonymous visitor reads the public list (pinned first, no
staff-only items), filters by keyword, opens an item and finds the RSS feed in the page head;
a person with the communications role writes an item (first without a title), publishes it
and sees it on the public list. axe-core runs on every page."""

from __future__ import annotations

import pytest

from kaiku.core.content import Visibility

pytestmark = pytest.mark.e2e

NEWS_URL = "/fi/news/"
RESULT_TITLES = "#results .card__title a"


@pytest.fixture
def news_data(transactional_db):
    from kaiku.news.tests.factories import KeywordFactory, NewsItemFactory

    keyword = KeywordFactory(name="TE2024", slug="te2024")
    pinned = NewsItemFactory(title="Kiinnitetty tiedote", slug="kiinnitetty", pinned=True)
    staff_only = NewsItemFactory(
        title="Vain henkilöstölle", slug="vain-henkilostolle", visibility=Visibility.STAFF
    )
    public = NewsItemFactory(title="Uudistus etenee", slug="uudistus-etenee")
    public.keywords.set([keyword])
    return {"pinned": pinned, "staff_only": staff_only, "public": public, "keyword": keyword}


def titles(page) -> list[str]:
    return [t.strip() for t in page.locator(RESULT_TITLES).all_inner_texts()]


def test_anonymous_visitor_reads_filters_and_finds_the_feed(
    page, live_url, assert_accessible, news_data
):
    page.goto(f"{live_url}{NEWS_URL}")
    assert page.locator("html").get_attribute("lang") == "fi"
    shown = titles(page)
    assert shown[0] == "Kiinnitetty tiedote"
    assert "Uudistus etenee" in shown
    assert "Vain henkilöstölle" not in shown
    assert "Vain henkilöstölle" not in page.content()
    assert page.locator("#results .card--pinned").count() == 1
    assert_accessible(page)

    # Filter by keyword: htmx swaps the results and pushes the URL.
    page.locator("#id_keyword").select_option("te2024")
    page.wait_for_url("**keyword=te2024**")
    page.locator(RESULT_TITLES).filter(has_text="Kiinnitetty").wait_for(state="detached")
    assert titles(page) == ["Uudistus etenee"]
    assert_accessible(page)
    # The same filter loaded without htmx.
    page.goto(f"{live_url}{NEWS_URL}?keyword=te2024")
    assert titles(page) == ["Uudistus etenee"]
    assert page.locator("head link[rel='alternate'][href*='/keywords/te2024/feed/rss/']").count()
    assert_accessible(page)

    # The detail page.
    page.locator(RESULT_TITLES).first.click()
    page.wait_for_url("**/fi/news/uudistus-etenee/")
    assert page.locator("h1").inner_text() == "Uudistus etenee"
    assert page.locator("article .prose strong").inner_text() == "leipäteksti"
    assert page.locator("nav.breadcrumbs [aria-current='page']").count() == 1
    assert_accessible(page)

    # The staff-only item is not found by an anonymous visitor.
    response = page.goto(f"{live_url}/fi/news/vain-henkilostolle/")
    assert response is not None and response.status == 404

    # The RSS feed named in the list page's head answers.
    page.goto(f"{live_url}{NEWS_URL}")
    link = page.locator("head link[rel='alternate'][type='application/rss+xml']").first
    href = link.get_attribute("href")
    assert href
    feed = page.request.get(f"{live_url}{href}" if href.startswith("/") else href)
    assert feed.status == 200
    body = feed.text()
    assert "<rss" in body and "Uudistus etenee" in body
    assert "Vain henkilöstölle" not in body
    assert_accessible(page)


def test_communications_writes_and_publishes_news(
    page, live_url, live_server, make_user, login, assert_accessible, news_data
):
    from kaiku.accounts.models import PlatformRole
    from kaiku.accounts.services import role_grant
    from kaiku.news.models import NewsItem

    writer = make_user(full_name="Viivi Viestijä")
    role_grant(user=writer, role=PlatformRole.COMMUNICATIONS, actor=None)
    login(page, live_server, writer)

    page.goto(f"{live_url}{NEWS_URL}")
    assert_accessible(page)
    page.locator("main a[href$='/news/new/']").click()
    page.wait_for_url("**/fi/news/new/")
    assert_accessible(page)

    # Without a title: the error is shown next to the field and nothing is saved.
    page.locator("#id_summary").fill("Tiivistelmä ilman otsikkoa.")
    page.locator("#id_body").fill("Teksti ilman otsikkoa.")
    page.locator("main form.form button[type='submit']:not([name='preview'])").click()
    page.wait_for_load_state("domcontentloaded")
    assert "/fi/news/new/" in page.url
    error = page.locator(".field--error:has(#id_title) .field__error")
    assert error.is_visible() and error.inner_text().strip()
    assert page.locator("#id_title").get_attribute("aria-invalid") == "true"
    assert not NewsItem.objects.filter(summary="Tiivistelmä ilman otsikkoa.").exists()
    assert_accessible(page)

    # Valid, without "publish now" or a time: a draft.
    page.locator("#id_title").fill("Viestinnän uusi tiedote")
    page.locator("#id_keywords input[value]").first.check()
    page.locator("main form.form button[type='submit']:not([name='preview'])").click()
    page.wait_for_url("**/fi/news/viestinnan-uusi-tiedote/")
    assert page.locator("h1").inner_text() == "Viestinnän uusi tiedote"
    assert page.locator(".messages .message--success").count() == 1
    assert page.locator("article .notice[role='status']").is_visible()
    item = NewsItem.objects.get(slug="viestinnan-uusi-tiedote")
    assert not item.is_published and item.author == writer
    assert_accessible(page)

    # The draft is listed for the writer only, not yet among the published items.
    page.goto(f"{live_url}{NEWS_URL}")
    assert page.locator("#drafts").is_visible()
    assert "Viestinnän uusi tiedote" not in titles(page)

    # Publish it from the detail page.
    page.goto(f"{live_url}/fi/news/viestinnan-uusi-tiedote/")
    page.locator("form[action$='/publish/'] button[type='submit']").click()
    page.wait_for_url("**/fi/news/viestinnan-uusi-tiedote/")
    assert page.locator(".messages .message--success").count() == 1
    assert page.locator("form[action$='/publish/']").count() == 0
    item.refresh_from_db()
    assert item.is_published
    assert_accessible(page)

    # An anonymous visitor now sees it on the public list.
    context = page.context
    context.clear_cookies()
    page.goto(f"{live_url}{NEWS_URL}")
    assert "Viestinnän uusi tiedote" in titles(page)
    assert page.locator("main a[href$='/news/new/']").count() == 0
    assert_accessible(page)
