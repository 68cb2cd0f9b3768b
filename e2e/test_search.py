"""Search journeys in Finnish: a visitor on a phone (375 px) opens the menu, searches from the
header with an inflected word, sees the public result with the word marked (never the
staff-only one), narrows by type with a plain link; a signed-in person also finds the
staff-only item. axe-core runs on every page; the page never scrolls sideways."""

from __future__ import annotations

import pytest

from kaiku.core.content import Visibility

pytestmark = pytest.mark.e2e


@pytest.fixture
def search_data(transactional_db):
    # The live server commits every save, so the index is filled on commit by the signals.
    from kaiku.news.tests.factories import NewsItemFactory
    from kaiku.programme.tests.factories import MeetingFactory

    public = NewsItemFactory(
        title="Kunnat ottavat vastuun", slug="kunnat", body="Jokaisen kunnan palvelut."
    )
    staff = NewsItemFactory(title="Kuntien sisäinen ohje", slug="ohje", visibility=Visibility.STAFF)
    meeting = MeetingFactory(title="Kuntakokous", agenda="Kuntaan siirtyvät palvelut")
    return {"public": public, "staff": staff, "meeting": meeting}


def _no_sideways_scroll(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_visitor_searches_from_the_header_on_a_phone(
    page, live_url, assert_accessible, search_data
):
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(f"{live_url}/fi/")
    _no_sideways_scroll(page)
    page.locator(".site-menu__toggle").click()
    box = page.locator("#site-search-q")
    box.fill("kunnan")
    box.press("Enter")
    page.wait_for_url("**/fi/search/?q=kunnan**")
    titles = page.locator(".search-hit__title").all_inner_texts()
    assert any("Kunnat ottavat vastuun" in t for t in titles)
    assert any("Kuntakokous" in t for t in titles)
    assert "Kuntien sisäinen ohje" not in page.content()
    assert page.locator(".search-hits mark").count() >= 1
    _no_sideways_scroll(page)
    assert_accessible(page)

    # Narrow by type with a plain link (no JavaScript needed).
    page.locator(".search-facets a[href*='type=programme.meeting']").click()
    page.wait_for_url("**type=programme.meeting**")
    titles = page.locator(".search-hit__title").all_inner_texts()
    assert len(titles) == 1 and "Kuntakokous" in titles[0]
    assert_accessible(page)

    # Too long a query: a clear message, nothing searched.
    page.goto(f"{live_url}/fi/search/?q=" + "sana+" * 60)
    assert page.locator(".field__error").count() == 1
    assert_accessible(page)


def test_signed_in_person_also_finds_staff_items(
    page, live_server, live_url, assert_accessible, login, make_user, search_data
):
    login(page, live_server, make_user())
    page.goto(f"{live_url}/fi/search/?q=kunta")
    titles = " ".join(page.locator(".search-hit__title").all_inner_texts())
    assert "Kuntien sisäinen ohje" in titles
    assert_accessible(page)
