"""Journeys over the organisation pages: the filtered list (with htmx and without
JavaScript), pagination, an organisation's people (anonymous and logged in) and a region
page. The reference data (regions, municipalities, ELY centres, employment areas) is loaded
with ``load_reference_data``. axe-core runs on every page and after every change."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command

from .conftest import DEFAULT_VIEWPORT

pytestmark = pytest.mark.e2e


@pytest.fixture
def reference_data(transactional_db) -> None:
    call_command("load_reference_data", verbosity=0)


def result_count(page) -> str:
    return page.locator("#result-count").inner_text().strip()


def count_in(text: str) -> int:
    match = re.search(r"\d+", text)
    assert match, f"no number in the result count {text!r}"
    return int(match.group())


def choose_municipalities_in_uusimaa(page) -> None:
    # Choose by the visible (Finnish) labels of the fields, as a person would.
    page.get_by_label("Tyyppi", exact=True).select_option("municipality")
    page.get_by_label("Maakunta", exact=True).select_option("01")


def expected_municipalities_in_uusimaa() -> int:
    from kaiku.organisations.models import Organisation, OrganisationType

    return Organisation.objects.filter(
        type=OrganisationType.MUNICIPALITY, region__code="01", valid_until__isnull=True
    ).count()


def test_filter_with_htmx_updates_results_and_live_region(
    page, live_url, reference_data, assert_accessible
):
    page.goto(f"{live_url}/fi/organisations/")
    assert page.locator("h1").count() == 1
    status = page.locator("#result-count")
    assert status.get_attribute("role") == "status"
    assert status.get_attribute("aria-live") == "polite"
    before = count_in(result_count(page))
    assert before > 50
    assert_accessible(page)

    htmx_requests: list[str] = []
    page.on(
        "request",
        lambda request: (
            htmx_requests.append(request.url)
            if request.headers.get("hx-request") == "true"
            else None
        ),
    )
    choose_municipalities_in_uusimaa(page)
    page.locator("form.filters button[type='submit']").click()
    expected = expected_municipalities_in_uusimaa()
    assert 0 < expected < before
    page.wait_for_function(
        "expected => document.querySelector('#result-count').innerText.includes(String(expected))",
        arg=expected,
    )
    assert count_in(result_count(page)) == expected
    # One live region, updated in place (no nested copy from the out-of-band swap).
    assert page.locator("#result-count").count() == 1
    assert htmx_requests, "the filter did not use htmx"
    # The address follows the filter (hx-push-url), so it can be shared and reloaded.
    page.wait_for_url(re.compile(r".*type=municipality.*"))
    assert "region=01" in page.url
    rows = page.locator("#results table tbody tr")
    assert rows.count() == expected
    assert page.locator("#results tbody td", has_text="Uusimaa").count() == expected
    assert_accessible(page)


def test_filter_without_javascript_uses_full_page_loads(
    browser, page, live_url, reference_data, assert_accessible
):
    # axe-core is JavaScript: it cannot run in the context without JavaScript (evaluate
    # never resolves there). Each page is checked by loading the same address in ``page``;
    # the server renders the same HTML for both.
    def check(url: str) -> None:
        page.goto(url)
        assert_accessible(page)

    context = browser.new_context(
        base_url=live_url,
        locale="fi-FI",
        timezone_id="Europe/Helsinki",
        viewport=DEFAULT_VIEWPORT,
        java_script_enabled=False,
        extra_http_headers={"Accept-Language": "fi-FI,fi;q=0.9"},
    )
    context.set_default_timeout(10_000)
    try:
        nojs = context.new_page()
        nojs.goto(f"{live_url}/fi/organisations/")
        before = count_in(result_count(nojs))
        check(nojs.url)

        choose_municipalities_in_uusimaa(nojs)
        with nojs.expect_navigation():
            nojs.locator("form.filters button[type='submit']").click()
        assert "type=municipality" in nojs.url and "region=01" in nojs.url
        expected = expected_municipalities_in_uusimaa()
        assert count_in(result_count(nojs)) == expected != before
        assert nojs.locator("#results table tbody tr").count() == expected
        # The chosen values stay selected after the full page load.
        assert nojs.get_by_label("Tyyppi", exact=True).input_value() == "municipality"
        assert nojs.get_by_label("Maakunta", exact=True).input_value() == "01"
        check(nojs.url)
    finally:
        context.close()


def test_pagination_next_page(page, live_url, reference_data, assert_accessible):
    page.goto(f"{live_url}/fi/organisations/")
    total = count_in(result_count(page))
    assert total > 50
    pagination = page.get_by_role("navigation", name="Sivutus")
    first_row = page.locator("#results tbody tr").first.inner_text()
    assert pagination.locator("[aria-current='page']").inner_text().startswith("Sivu 1/")
    assert_accessible(page)

    pagination.locator("a[rel='next']").click()
    page.wait_for_url(re.compile(r".*[?&]page=2"))
    page.wait_for_function(
        "() => document.querySelector(\"#results nav [aria-current='page']\")"
        ".innerText.startsWith('Sivu 2/')"
    )
    assert page.locator("#results tbody tr").first.inner_text() != first_row
    assert page.locator("#results tbody tr").count() == min(50, total - 50)
    assert page.locator("#results a[rel='prev']").count() == 1
    # The total does not change between pages.
    assert count_in(result_count(page)) == total
    assert_accessible(page)

    # The pushed address is a real page: reloading it shows page 2 in full.
    page.reload()
    assert page.locator("#results nav [aria-current='page']").inner_text().startswith("Sivu 2/")
    assert_accessible(page)


def test_organisation_people_anonymous_and_logged_in(
    page, live_url, live_server, reference_data, make_user, login, assert_accessible
):
    from kaiku.organisations.models import Organisation

    organisation = Organisation.objects.get(type="municipality", code="091")
    make_user(full_name="Aino Asiantuntija", title="Kehittämispäällikkö", organisation=organisation)
    make_user(full_name="Bertil Byråkrat", organisation=organisation)
    visitor = make_user(full_name="Vieras Vierailija")

    page.goto(f"{live_url}/fi/organisations/{organisation.slug}/")
    assert page.locator("h1").inner_text().strip().startswith(organisation.name)
    main = page.locator("main")
    # Anonymous visitors see how many people belong, not who they are.
    assert "Kaikussa on 2 tähän organisaatioon kuuluvaa henkilöä." in main.inner_text()
    assert main.get_by_text("Aino Asiantuntija").count() == 0
    assert main.get_by_text("Bertil Byråkrat").count() == 0
    assert_accessible(page)

    login(page, live_server, visitor)
    page.goto(f"{live_url}/fi/organisations/{organisation.slug}/")
    assert main.get_by_text("Aino Asiantuntija").count() == 1
    assert main.get_by_text("Kehittämispäällikkö").count() == 1
    assert main.get_by_text("Bertil Byråkrat").count() == 1
    assert_accessible(page)


def test_region_page(page, live_url, reference_data, assert_accessible):
    from kaiku.organisations.models import Region

    region = Region.objects.get(code="01")
    page.goto(f"{live_url}/fi/organisations/")
    page.goto(f"{live_url}{region.get_absolute_url()}")
    assert page.locator("h1").inner_text().strip() == region.name
    assert page.locator("main table tbody tr").count() >= 20
    assert_accessible(page)

    # The region page links to the list filtered by the region.
    page.locator(f"main a[href$='?region={region.code}']").click()
    page.wait_for_url(re.compile(rf".*/fi/organisations/\?region={region.code}$"))
    assert page.get_by_label("Maakunta", exact=True).input_value() == region.code
    assert_accessible(page)
