"""Journeys over the foundation: front page, languages, keyboard, accessibility statement,
organisations, API docs, login and logout, small screens. axe-core runs on every page."""

from __future__ import annotations

import re

import pytest

from .conftest import axe_violations, format_violations

pytestmark = pytest.mark.e2e


def focused(page) -> dict:
    """What has the keyboard focus, and does it show a visible focus indicator?"""
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            const style = getComputedStyle(el);
            const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
            const shadow = style.boxShadow && style.boxShadow !== "none";
            return {
                tag: el.tagName.toLowerCase(),
                id: el.id,
                name: el.getAttribute("name"),
                text: (el.innerText || "").trim(),
                inNav: !!el.closest("nav.site-nav"),
                inLanguageSwitch: !!el.closest("nav.language-switch"),
                visibleFocus: outline || !!shadow,
            };
        }"""
    )


def test_front_page_in_finnish_with_working_skip_link(page, live_url, assert_accessible):
    page.goto(f"{live_url}/")
    assert page.url == f"{live_url}/fi/"
    assert page.locator("html").get_attribute("lang") == "fi"
    assert page.locator("h1").count() == 1
    assert_accessible(page)

    page.keyboard.press("Tab")
    first = focused(page)
    assert first["tag"] == "a" and "skip-link" in page.evaluate(
        "document.activeElement.className"
    ), first
    assert first["visibleFocus"], "the skip link has no visible focus indicator"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_language_switch_to_swedish_keeps_the_page(page, live_url, assert_accessible):
    # The switch is a plain link to the same page in the other language (the browser here
    # prefers Finnish; kaiku/core/tests/test_language_links.py covers other preferences).
    page.goto(f"{live_url}/fi/accessibility/")
    page.locator("nav.language-switch a[hreflang='sv']").click()
    page.wait_for_url(f"{live_url}/sv/accessibility/")
    assert page.locator("html").get_attribute("lang") == "sv"
    assert_accessible(page)


def test_keyboard_reaches_navigation_and_language_switch_with_visible_focus(page, live_url):
    page.goto(f"{live_url}/fi/")
    seen_nav = seen_language = False
    for _ in range(40):
        page.keyboard.press("Tab")
        state = focused(page)
        if state["tag"] == "body":
            break
        assert state["visibleFocus"], f"no visible focus on {state}"
        seen_nav |= state["inNav"]
        if state["inLanguageSwitch"]:
            seen_language = True
            # The switch is reached after the main navigation (DOM and visual order agree).
            assert seen_nav, "the language switch came before the main navigation"
        if seen_nav and seen_language:
            break
    assert seen_nav, "Tab never reached the main navigation"
    assert seen_language, "Tab never reached the language switch"

    # The language switch works with the keyboard alone.
    page.focus("nav.language-switch a[hreflang='en']")
    assert focused(page)["inLanguageSwitch"]
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_url}/en/")
    assert page.locator("html").get_attribute("lang") == "en"


def test_accessibility_statement_and_feedback(page, live_url, assert_accessible):
    from kaiku.site.models import AccessibilityFeedback

    page.goto(f"{live_url}/fi/")
    page.locator("footer a[href='/fi/accessibility/']").click()
    page.wait_for_url(f"{live_url}/fi/accessibility/")
    assert_accessible(page)

    page.locator("form.form button[type='submit']").click()
    page.wait_for_load_state("domcontentloaded")
    assert page.locator(".field--error .field__error").count() >= 1
    assert AccessibilityFeedback.objects.count() == 0
    assert_accessible(page)

    page.fill(
        "textarea[name='message']", "Lomakkeen virheilmoitus ei ole ruudunlukijan luettavissa."
    )
    page.locator("form.form button[type='submit']").click()
    page.wait_for_url(f"{live_url}/fi/accessibility/")
    assert page.locator(".messages .message--success").count() == 1
    assert AccessibilityFeedback.objects.count() == 1
    assert_accessible(page)


def test_organisations_list_and_detail(page, live_url, assert_accessible):
    from kaiku.organisations.models import Organisation, OrganisationType

    organisation = Organisation.objects.create(
        type=OrganisationType.MUNICIPALITY,
        code="091",
        name="Helsinki",
        slug="helsinki",
        description="Suomen pääkaupunki.",
    )

    page.goto(f"{live_url}/fi/organisations/")
    assert page.locator("h1").count() == 1
    assert_accessible(page)

    page.goto(f"{live_url}/fi/organisations/{organisation.slug}/")
    assert page.locator("h1").inner_text().strip() == "Helsinki"
    assert_accessible(page)


def test_api_explorer_loads_from_our_own_server(page, live_url):
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    response = page.goto(f"{live_url}/api/docs/explorer/")
    assert response is not None and response.status == 200
    # Swagger UI has fetched and rendered the schema.
    page.wait_for_selector(".swagger-ui .info .title", timeout=15_000)
    assert "Kaiku API" in page.locator(".swagger-ui .info .title").inner_text()

    external = [
        url for url in requests if not url.startswith(live_url) and not url.startswith("data:")
    ]
    assert not external, f"the API explorer loads from other hosts: {external}"

    # Swagger UI is third-party and does not meet WCAG 2.1 AA (nested controls, contrast);
    # the accessible reference is /api/docs/ (e2e/test_api_docs.py). Report its violations,
    # don't fail.
    violations = axe_violations(page)
    if violations:
        print("axe-core on Swagger UI (third-party):\n" + format_violations(violations))


def test_login_and_logout_through_the_forms(
    page, live_url, live_server, make_user, login, assert_accessible
):
    user = make_user(full_name="Maija Meikäläinen")

    page.goto(f"{live_url}/fi/accounts/login/")
    assert_accessible(page)
    login(page, live_server, user)
    assert page.locator(".account-nav").get_by_text("Maija Meikäläinen").count() == 1
    assert_accessible(page)

    page.locator(".account-nav button[type='submit']").click()
    page.wait_for_load_state("domcontentloaded")
    # allauth may ask to confirm; the header's form posts directly and we land home.
    if "/accounts/logout/" in page.url:
        assert_accessible(page)
        page.locator("main form [type='submit']").click()
    page.wait_for_url(re.compile(r".*/fi/$"))
    assert page.locator(".account-nav a[href^='/fi/accounts/login/']").count() == 1


@pytest.mark.parametrize("width", [320, 640], ids=["320px", "zoom-200pct"])
def test_front_page_has_no_horizontal_scroll(page, live_url, width, assert_accessible):
    # 640 CSS px is what a 1280 px wide window shows at 200 % zoom (WCAG 1.4.4 / 1.4.10).
    page.set_viewport_size({"width": width, "height": 800})
    for path in ("/fi/", "/fi/accessibility/", "/fi/accounts/login/"):
        page.goto(f"{live_url}{path}")
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= width, f"{path} scrolls sideways at {width}px: {scroll_width}px"
    page.goto(f"{live_url}/fi/")
    assert_accessible(page)
