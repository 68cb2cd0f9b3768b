"""Editing forms in a browser: a news item submitted empty shows the error summary, which
takes the focus; its links move the focus to their fields; axe finds nothing on the page
with errors; the Markdown preview works (htmx) and the page has no CSP errors."""

from __future__ import annotations

import pytest

from e2e.conftest import watch_console

pytestmark = pytest.mark.e2e

NEW = "/en/news/new/"
SAVE = "main form.form button[type='submit']:not([name='preview'])"


def _script_errors(errors: list[str]) -> list[str]:
    """CSP violations and exceptions (the 400 answer to an invalid form is logged too)."""
    return [e for e in errors if "status of 400" not in e]


@pytest.fixture
def writer(make_user):
    from kaiku.accounts.models import PlatformRole
    from kaiku.accounts.services import role_grant

    person = make_user(full_name="Viivi Viestijä")
    role_grant(user=person, role=PlatformRole.COMMUNICATIONS, actor=None)
    return person


def test_error_summary_takes_the_focus_and_links_to_fields(
    page, live_url, live_server, login, writer, assert_accessible
):
    from kaiku.news.models import NewsItem

    login(page, live_server, writer)
    errors = watch_console(page)
    page.goto(f"{live_url}{NEW}")
    page.locator(SAVE).click()
    page.wait_for_load_state("domcontentloaded")
    summary = page.locator("[data-error-summary]")
    assert summary.is_visible()
    assert page.title().startswith("Error: ")
    page.wait_for_function("document.activeElement.hasAttribute('data-error-summary')")
    assert not NewsItem.objects.exists()
    assert_accessible(page)

    links = summary.locator("a[href^='#']")
    assert links.count() >= 1
    target = links.first.get_attribute("href")[1:]
    links.first.click()
    assert page.evaluate("document.activeElement.id") == target
    field = page.locator(f"#{target}")
    assert field.get_attribute("aria-invalid") == "true"
    assert f"{target}_error" in (field.get_attribute("aria-describedby") or "")
    assert _script_errors(errors) == []


def test_markdown_preview(page, live_url, live_server, login, writer, assert_accessible):
    login(page, live_server, writer)
    errors = watch_console(page)
    page.goto(f"{live_url}{NEW}")
    button = page.locator("button[name='preview']").first
    name = button.get_attribute("value")
    textarea = page.locator(f"textarea[name='{name}']")
    textarea.fill("Tämä on **vahva** ja [linkki](javascript:alert(1)).")
    button.click()
    region = page.locator(f"#{textarea.get_attribute('id')}_preview")
    region.locator("strong").wait_for()
    assert region.locator("strong").inner_text() == "vahva"
    assert region.locator("a").count() == 0
    # Nothing was saved and the form keeps what was typed.
    assert "/news/new/" in page.url
    assert "vahva" in textarea.input_value()
    assert_accessible(page)
    assert _script_errors(errors) == []
