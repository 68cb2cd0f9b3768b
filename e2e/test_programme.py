"""The secretary's journey in Finnish: a working group's secretary maintains the group page
in the browser — a meeting (first with a bad input), a milestone with the keyboard alone, a
memo, a document — then reads the timeline; an anonymous visitor sees the public items and
not the staff-only ones. axe-core runs on every page."""

from __future__ import annotations

import datetime

import pytest

from kaiku.core.content import Visibility

from .conftest import DEFAULT_VIEWPORT

pytestmark = pytest.mark.e2e

# The smallest file the upload accepts as a PDF (the type is checked by content).
TINY_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)
GROUP_URL = "/fi/programmes/te24/groups/muutosvalmennus/"


@pytest.fixture
def group_data(transactional_db, make_user, settings, tmp_path):
    from django.utils import timezone

    # The live server runs in this process: uploads go to a temporary media root.
    settings.MEDIA_ROOT = tmp_path / "media"

    from kaiku.programme.models import (
        Meeting,
        MemberRole,
        Membership,
        Programme,
        WorkingGroup,
    )

    programme = Programme.objects.create(
        name="TE-palvelut 2024 -uudistus", slug="te24", summary="Valtakunnallinen ohjelma."
    )
    group = WorkingGroup.objects.create(
        programme=programme,
        name="Muutosvalmennuksen ohjausryhmä",
        slug="muutosvalmennus",
        mandate="Ryhmä ohjaa muutosvalmennusta.",
    )
    other = WorkingGroup.objects.create(
        programme=programme, name="Tietojärjestelmäryhmä", slug="tietojarjestelmat"
    )
    secretary = make_user(full_name="Selina Sihteeri")
    Membership.objects.create(
        group=group, person=secretary, role=MemberRole.SECRETARY, term_start=None
    )
    Meeting.objects.create(
        group=group,
        title="Sisäinen valmistelupalaveri",
        starts_at=timezone.now() + datetime.timedelta(days=3),
        visibility=Visibility.STAFF,
    )
    Meeting.objects.create(
        group=other,
        title="Tietojärjestelmäryhmän kokous",
        starts_at=timezone.now() + datetime.timedelta(days=4),
    )
    return {"group": group, "secretary": secretary}


def focus_by_tab(page, element_id: str, limit: int = 80) -> None:
    """Press Tab until ``element_id`` has the focus, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == element_id:
            return
    pytest.fail(f"#{element_id} was not reached with the Tab key")


def submit(page) -> None:
    page.locator("main form.form button[type='submit']:not([name='preview'])").first.click()
    page.wait_for_load_state("domcontentloaded")


def test_secretary_maintains_the_group_in_finnish(
    page, browser, live_url, live_server, login, assert_accessible, group_data, tmp_path
):
    login(page, live_server, group_data["secretary"])
    page.goto(f"{live_url}{GROUP_URL}")
    assert page.locator("html").get_attribute("lang") == "fi"
    assert page.locator("h1").inner_text() == "Muutosvalmennuksen ohjausryhmä"
    assert_accessible(page)

    # --- A meeting: first ending before it starts (an error), then valid. ---
    next_year = datetime.datetime.now(tz=datetime.UTC).year + 1
    page.locator(".section-action a[href$='/meetings/new/']").click()
    page.wait_for_load_state("domcontentloaded")
    assert_accessible(page)
    page.locator("#id_title").fill("Ohjausryhmän kokous 1/2027")
    page.locator("#id_starts_at").fill(f"{next_year}-01-13T13:00")
    page.locator("#id_ends_at").fill(f"{next_year}-01-13T12:00")
    page.locator("#id_location").fill("Teams")
    submit(page)
    error = page.locator(".field--error, .form-errors").first
    assert error.is_visible()
    assert "/meetings/new/" in page.url
    assert_accessible(page)
    page.locator("#id_ends_at").fill(f"{next_year}-01-13T15:00")
    submit(page)
    assert page.url.endswith(GROUP_URL)
    assert page.locator("#meetings").is_visible()
    assert page.get_by_text("Ohjausryhmän kokous 1/2027").first.is_visible()
    assert page.locator(".messages").is_visible()
    assert_accessible(page)

    # --- A milestone, with the keyboard alone. ---
    page.goto(f"{live_url}{GROUP_URL}milestones/new/")
    assert_accessible(page)
    focus_by_tab(page, "id_title")
    page.keyboard.type("Asiakaspalvelun siirtosuunnitelma valmis")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_due_on"
    # The date field's segment order follows the browser's own locale: try month-day-year,
    # then day-month-year (Shift+Tab and Tab bring the focus back to the first segment).
    for typed in (f"0630{next_year}", f"3006{next_year}"):
        page.keyboard.type(typed)
        if page.locator("#id_due_on").input_value() == f"{next_year}-06-30":
            break
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Tab")
    assert page.locator("#id_due_on").input_value() == f"{next_year}-06-30"
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.type") == "submit":
            break
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{GROUP_URL}")
    milestones = page.locator("#milestones").locator("xpath=..")
    assert milestones.get_by_role(
        "rowheader", name="Asiakaspalvelun siirtosuunnitelma valmis"
    ).is_visible()
    assert_accessible(page)

    # --- A memo, written and published. ---
    page.locator(".section-action a[href$='/memos/new/']").click()
    page.wait_for_load_state("domcontentloaded")
    assert_accessible(page)
    page.locator("#id_title").fill("Muistio 13.1.")
    page.locator("#id_body").fill("Käsiteltiin muutosvalmennuksen **tilannekatsaus**.")
    page.locator("#id_decisions").fill("Päätettiin jatkaa valmennuksia.")
    page.locator("#id_publish").check()
    submit(page)
    assert page.url.endswith(GROUP_URL)
    memos = page.locator("#memos").locator("xpath=..")
    assert memos.get_by_role("heading", name="Muistio 13.1.").is_visible()
    assert memos.locator("strong", has_text="tilannekatsaus").is_visible()
    assert_accessible(page)

    # --- A document: a small PDF. ---
    pdf = tmp_path / "tilannekatsaus.pdf"
    pdf.write_bytes(TINY_PDF)
    page.locator(".section-action a[href$='/documents/new/']").click()
    page.wait_for_load_state("domcontentloaded")
    assert_accessible(page)
    page.locator("#id_title").fill("Tilannekatsaus tammikuu")
    page.locator("#id_file").set_input_files(str(pdf))
    submit(page)
    assert page.url.endswith(GROUP_URL)
    documents = page.locator("#documents").locator("xpath=..")
    link = documents.get_by_role("link", name="Tilannekatsaus tammikuu")
    assert link.is_visible()
    assert "PDF" in documents.inner_text()
    assert_accessible(page)
    response = page.request.get(link.get_attribute("href"))
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["x-content-type-options"] == "nosniff"

    # --- The programme timeline, filtered to this group's milestones. ---
    page.goto(f"{live_url}/fi/programmes/te24/timeline/?view=table")
    assert_accessible(page)
    assert page.locator("table").get_by_text("Tietojärjestelmäryhmän kokous").count() >= 1
    page.locator("details.timeline-filters > summary").click()
    page.locator("#id_group").select_option("muutosvalmennus")
    page.locator("#id_kind").select_option("milestone")
    page.locator("main form.form button[type='submit']").click()
    page.wait_for_load_state("domcontentloaded")
    table = page.locator("table")
    assert table.get_by_text("Asiakaspalvelun siirtosuunnitelma valmis").first.is_visible()
    assert table.get_by_text("Tietojärjestelmäryhmän kokous").count() == 0
    assert table.get_by_text("Ohjausryhmän kokous 1/2027").count() == 0
    assert_accessible(page)

    # --- An anonymous visitor: the public items, not the staff-only meeting. ---
    anonymous = browser.new_context(
        base_url=live_url,
        locale="fi-FI",
        timezone_id="Europe/Helsinki",
        viewport=DEFAULT_VIEWPORT,
        extra_http_headers={"Accept-Language": "fi-FI,fi;q=0.9"},
    )
    try:
        visitor = anonymous.new_page()
        visitor.goto(f"{live_url}{GROUP_URL}")
        html = visitor.content()
        assert "Ohjausryhmän kokous 1/2027" in html
        assert "Muistio 13.1." in html
        assert "Tilannekatsaus tammikuu" in html
        assert "Sisäinen valmistelupalaveri" not in html
        assert visitor.locator("a[href$='/meetings/new/']").count() == 0
        assert_accessible(visitor)
        # The secretary sees the staff-only meeting.
        page.goto(f"{live_url}{GROUP_URL}")
        assert "Sisäinen valmistelupalaveri" in page.content()
    finally:
        anonymous.close()
