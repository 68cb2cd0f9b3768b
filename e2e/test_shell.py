"""The page shell a new user meets on every page: the header (menu toggle on phones, language
switch, unread badge), the footer, and how pages fit a 320–375 px screen. axe-core runs on
every page."""

from __future__ import annotations

import datetime

import pytest

from .conftest import DEFAULT_VIEWPORT

pytestmark = pytest.mark.e2e

PROGRAMME_URL = "/fi/programmes/te-palvelut-2024/"
GROUP_URL = "/fi/programmes/te-palvelut-2024/groups/muutosvalmennus/"
# A title without spaces: only overflow-wrap can keep it from widening the page.
LONG_TITLE = "Työllisyyspalveluuudistuksentoimeenpanonseurantaraportti" * 6
NEWS_URL = "/fi/news/pitka-otsikko/"


@pytest.fixture
def demo_like_data(transactional_db):
    """A programme, a working group filled as the demo fills one, and a news item whose title
    has 300 characters and no spaces."""
    from django.utils import timezone

    from kaiku.news.tests.factories import NewsItemFactory
    from kaiku.programme.models import MemberRole
    from kaiku.programme.tests.factories import (
        GroupGoalFactory,
        GroupTaskFactory,
        MeetingFactory,
        MembershipFactory,
        MemoFactory,
        MilestoneFactory,
        OrganisationFactory,
        ProgrammeFactory,
        UserFactory,
        WorkingGroupFactory,
    )

    programme = ProgrammeFactory(
        slug="te-palvelut-2024",
        name="TE-palvelut 2024 -uudistuksen toimeenpano-ohjelma",
        summary="Valtakunnallinen ohjelma työllisyyspalvelujen siirtämiseksi kunnille.",
    )
    group = WorkingGroupFactory(
        programme=programme,
        slug="muutosvalmennus",
        name="Muutosvalmennuksen ja henkilöstösiirtojen ohjausryhmä",
    )
    WorkingGroupFactory(programme=programme, name="Tietojärjestelmä- ja tiedonhallintaryhmä")
    roles = [MemberRole.CHAIR, MemberRole.SECRETARY, MemberRole.MEMBER, MemberRole.MEMBER]
    for n, role in enumerate(roles):
        MembershipFactory(
            group=group,
            role=role,
            person=UserFactory(full_name=f"Henriikka Pitkänimi-Virtanen {n}"),
            represents=OrganisationFactory(
                name_fi=f"Pirkanmaan elinkeino-, liikenne- ja ympäristökeskus {n}",
                name=f"Pirkanmaan elinkeino-, liikenne- ja ympäristökeskus {n}",
            ),
        )
    for n in range(3):
        MeetingFactory(group=group, title=f"Ohjausryhmän {n + 1}. kokous: henkilöstösiirrot")
        MilestoneFactory(
            group=group,
            title=f"Henkilöstösiirtojen yhteistoimintamenettelyt päättyvät {n}",
            due_on=timezone.localdate() + datetime.timedelta(days=30 * (n - 1)),
        )
        MemoFactory(group=group, title=f"Muistio {n + 1}: muutosvalmennuksen tilannekatsaus")
        GroupTaskFactory(group=group, title=f"Valmistella henkilöstösiirtosuunnitelma {n}")
        GroupGoalFactory(group=group, title=f"Henkilöstö siirtyy hallitusti {n}")
    NewsItemFactory(slug="pitka-otsikko", title=LONG_TITLE[:300])
    NewsItemFactory(title="Tavallinen uutinen")
    return {"group": group}


def layout(page) -> dict:
    return page.evaluate(
        """() => ({
            scrollWidth: document.documentElement.scrollWidth,
            innerWidth: window.innerWidth,
            header: document.querySelector("header.site-header").getBoundingClientRect().height,
            footerLinks: [...document.querySelectorAll("footer.site-footer a")].map(
                (a) => ({text: a.textContent.trim(), height: a.getBoundingClientRect().height,
                         width: a.getBoundingClientRect().width})),
        })"""
    )


def test_the_secretarys_group_page_fits_a_phone_screen(
    page, live_url, live_server, demo_like_data, make_user, login, assert_accessible
):
    """The secretary's tables have an extra column of edit links whose visually hidden texts
    once widened the page to 513 px although the table itself scrolled in its wrapper."""
    from kaiku.programme.models import MemberRole
    from kaiku.programme.tests.factories import MembershipFactory

    secretary = make_user(full_name="Selina Sihteeri")
    MembershipFactory(group=demo_like_data["group"], person=secretary, role=MemberRole.SECRETARY)
    page.set_viewport_size({"width": 375, "height": 740})
    login(page, live_server, secretary)
    response = page.goto(f"{live_url}{GROUP_URL}")
    assert response.status == 200
    assert page.locator("a", has_text="Muokkaa:").count() > 0  # the edit column is there
    state = layout(page)
    assert state["scrollWidth"] <= state["innerWidth"], state["scrollWidth"]
    assert_accessible(page)


@pytest.mark.parametrize("width", [375, 320])
def test_pages_fit_a_phone_screen(page, live_url, demo_like_data, assert_accessible, width):
    page.set_viewport_size({"width": width, "height": 740})
    for url in ["/fi/", PROGRAMME_URL, GROUP_URL, NEWS_URL]:
        response = page.goto(f"{live_url}{url}")
        assert response.status == 200, url
        state = layout(page)
        assert state["scrollWidth"] <= state["innerWidth"], (
            f"{url} scrolls sideways at {width} px: {state['scrollWidth']} px wide"
        )
        assert state["header"] <= 120, f"the header of {url} is {state['header']} px high"
        for link in state["footerLinks"]:
            assert link["height"] >= 24 and link["width"] >= 24, (
                f"footer link {link} on {url} is smaller than 24 × 24 px"
            )
        assert_accessible(page)


def test_menu_toggle_on_a_phone_works_with_the_keyboard(page, live_url, assert_accessible):
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(f"{live_url}/fi/")
    nav_link = page.locator("nav.site-nav a").first
    assert not nav_link.is_visible(), "the menu is open before it is asked for"
    toggle = page.locator("summary.site-menu__toggle")
    toggle.focus()
    page.keyboard.press("Enter")
    assert nav_link.is_visible()
    assert page.locator("nav.language-switch a[hreflang='sv']").is_visible()
    assert_accessible(page)
    page.keyboard.press("Enter")
    assert not nav_link.is_visible()
    # Escape closes the open menu and leaves the focus on its toggle.
    page.keyboard.press("Enter")
    assert nav_link.is_visible()
    page.keyboard.press("Escape")
    assert not nav_link.is_visible()
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"


def test_menu_toggle_works_without_javascript(browser, live_url):
    context = browser.new_context(
        base_url=live_url, java_script_enabled=False, viewport={"width": 375, "height": 740}
    )
    try:
        page = context.new_page()
        page.goto(f"{live_url}/fi/")
        nav_link = page.locator("nav.site-nav a").first
        assert not nav_link.is_visible()
        page.locator("summary.site-menu__toggle").click()
        assert nav_link.is_visible()
    finally:
        context.close()


def test_wide_screen_shows_the_menu_without_a_toggle(page, live_url):
    page.set_viewport_size(DEFAULT_VIEWPORT)
    page.goto(f"{live_url}/fi/")
    assert not page.locator("summary.site-menu__toggle").is_visible()
    assert page.locator("nav.site-nav a").first.is_visible()
    assert page.locator("nav.language-switch a[hreflang='sv']").is_visible()
    height = page.evaluate(
        "document.querySelector('header.site-header').getBoundingClientRect().height"
    )
    assert height <= 120, f"the header is {height} px high"


def test_language_link_keeps_the_page(page, live_url, demo_like_data, assert_accessible):
    """Whatever the browser prefers (here Finnish), the link leads to the same page in
    Swedish."""
    page.goto(f"{live_url}{PROGRAMME_URL}")
    page.locator("nav.language-switch a[hreflang='sv']").click()
    page.wait_for_url(f"{live_url}/sv/programmes/te-palvelut-2024/")
    assert page.locator("html").get_attribute("lang") == "sv"
    assert page.locator("nav.language-switch a[hreflang='fi']").get_attribute("href") == (
        PROGRAMME_URL
    )
    assert_accessible(page)


CONTRAST = """(el) => {
    const rgb = (value) => value.match(/[\\d.]+/g).slice(0, 4).map(Number);
    const luminance = ([r, g, b]) => {
        const lin = (c) => {
            c /= 255;
            return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
        };
        return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
    };
    // The badge's own background, or the nearest opaque one behind it.
    let node = el, background = null;
    while (node) {
        const colour = rgb(getComputedStyle(node).backgroundColor);
        if (colour.length < 4 || colour[3] > 0) { background = colour; break; }
        node = node.parentElement;
    }
    background = background || [255, 255, 255];
    const foreground = rgb(getComputedStyle(el).color);
    const [a, b] = [luminance(foreground), luminance(background)].sort((x, y) => y - x);
    return (a + 0.05) / (b + 0.05);
}"""


def test_unread_badge_is_readable(page, live_url, make_user, login, live_server):
    from kaiku.notifications.tests.factories import NotificationFactory

    person = make_user()
    NotificationFactory(user=person)
    login(page, live_server, person)
    page.goto(f"{live_url}/fi/")
    badge = page.locator("header.site-header .badge")
    assert badge.count() == 1
    ratio = badge.evaluate(CONTRAST)
    assert ratio >= 4.5, f"the unread badge's contrast is {ratio:.2f}:1"


def test_no_console_errors_on_the_front_page(page, live_url):
    """Not even the CSP refusing htmx's injected indicator <style>."""
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.goto(f"{live_url}/fi/")
    page.wait_for_load_state("load")
    page.wait_for_timeout(300)
    assert not errors, f"console errors on the front page: {errors}"
