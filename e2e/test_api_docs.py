"""The API documentation as integrators and visitors reach it: the footer's "API" link leads
to an accessible reference page; from there the API root (``/api/v1/``) opens as a branded
page of the site. axe-core runs on every page reachable from the site's navigation and
footer. The third-party Swagger UI explorer is not in the site's navigation: the reference
links to it, saying it is not fully accessible."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.e2e


@pytest.fixture
def api_data(transactional_db):
    from kaiku.programme.tests.factories import WorkingGroupFactory

    return WorkingGroupFactory(name="Rajapintaryhmä")


def test_footer_api_link_leads_to_accessible_docs_and_root(
    page, live_url, assert_accessible, api_data
):
    page.goto(f"{live_url}/fi/")
    with page.expect_navigation(url="**/api/docs/") as navigation:
        page.locator("footer a[href='/api/docs/']").click()
    response = navigation.value
    assert response is not None and response.status == 200
    assert page.locator("h1").count() == 1
    assert page.locator("code", has_text="/api/v1/organisations/").count() >= 1
    # axe-core on the whole reference takes 25-45 s (its DOM is the whole schema): once here.
    assert_accessible(page)
    # Markdown in the schema's descriptions is rendered, not shown as raw backticks.
    main_text = page.locator("main").inner_text()
    assert "`" not in main_text
    assert "NUL" not in main_text
    # Response fields are described, and examples open.
    assert page.locator("table.api-fields").count() > 0
    example = page.locator("main details").first
    example.locator("summary").click()
    assert example.locator("pre").is_visible()
    # Only the example has changed since the whole page was checked: axe-core on it alone.
    assert_accessible(page, context="main details[open]")

    page.locator("main a[href='/api/v1/']").first.click()
    page.wait_for_url("**/api/v1/")
    # The branded root: the site's own header and footer, links to every resource.
    assert page.locator("footer.site-footer").count() == 1
    assert page.locator("main a[href='/api/v1/working-groups/']").count() == 1
    assert page.locator("main a[href='/api/docs/']").count() >= 1
    assert_accessible(page)


def test_site_navigation_links_only_to_accessible_api_pages(page, live_url):
    """The explorer (Swagger UI) and raw JSON are reached only from the reference page."""
    page.goto(f"{live_url}/fi/")
    hrefs = page.eval_on_selector_all(
        "header a, footer a", "links => links.map(a => a.getAttribute('href'))"
    )
    api_links = {h for h in hrefs if h and h.startswith("/api/")}
    assert api_links == {"/api/docs/"}
