"""A newcomer works through onboarding in the browser.

A change coordinator enrols a newcomer, with a mentor, in a published onboarding programme of
two tasks (the enrolment form, in Finnish). The newcomer, on a phone (375 px), finds the
checklist from the onboarding page, marks the first task done (with htmx: the checklist is
answered in place and the change announced), sees the progress go from 0 to 1 of 2, reloads
and finds it kept. axe-core runs on every page and after the change; nothing scrolls
sideways. Selectors are structural (ids, names, addresses), so the test holds whatever the
interface's wording.
"""

from __future__ import annotations

import re

import pytest

from .conftest import signed_in_context

pytestmark = pytest.mark.e2e

PHONE = {"width": 375, "height": 800}


@pytest.fixture
def onboarding(transactional_db, make_user):
    from kaiku.accounts.models import PlatformRole
    from kaiku.onboarding.models import Responsible
    from kaiku.onboarding.tests.factories import (
        ModuleFactory,
        ProgrammeFactory,
        RoleAssignmentFactory,
        TaskFactory,
    )

    coordinator = make_user(full_name="Kaisa Koordinaattori")
    RoleAssignmentFactory(user=coordinator, role=PlatformRole.CHANGE_COORDINATOR)
    programme = ProgrammeFactory(
        title_fi="Hämeen TE-toimiston perehdytysohjelma",
        description_fi="Ensimmäisten viikkojen tehtävät uudelle tiimin jäsenelle.",
        published=True,
    )
    module = ModuleFactory(programme=programme, title_fi="Ensimmäinen viikko", order=1)
    tasks = [
        TaskFactory(
            module=module,
            title_fi="Tutustu tiimin sopimuksiin",
            description_fi="Lue tiimin sopimukset tiimin sivulta.",
            due_offset_days=2,
            responsible=Responsible.NEWCOMER,
            order=1,
        ),
        TaskFactory(
            module=module,
            title_fi="Tapaa mentorisi",
            due_offset_days=5,
            responsible=Responsible.NEWCOMER,
            order=2,
        ),
    ]
    return {
        "coordinator": coordinator,
        "newcomer": make_user(full_name="Noora Uusinen"),
        "mentor": make_user(full_name="Mikko Mentori"),
        "programme": programme,
        "tasks": tasks,
    }


def _no_sideways_scroll(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"scrolls sideways: {width} px"


def _progress(page) -> tuple[str, str]:
    """The checklist's progress text and its ``<progress>`` value."""
    text = page.locator("#progress-checklist").inner_text()
    value = page.locator("#checklist progress").get_attribute("value")
    return text, value


def test_a_coordinator_enrols_a_newcomer_who_ticks_a_task_on_a_phone(
    browser, live_url, assert_accessible, onboarding
):
    from django.utils import timezone

    from kaiku.onboarding.models import Enrolment, TaskCompletion

    programme = onboarding["programme"]
    newcomer = onboarding["newcomer"]
    first, second = onboarding["tasks"]

    # The coordinator enrols the newcomer, with a mentor, from today.
    coordinator = signed_in_context(browser, live_url, onboarding["coordinator"])
    page = coordinator.new_page()
    page.goto(f"{live_url}/fi/onboarding/programmes/{programme.pk}/")
    assert_accessible(page)
    page.locator(f"a[href='/fi/onboarding/programmes/{programme.pk}/enrol/']").click()
    page.wait_for_url(f"**/fi/onboarding/programmes/{programme.pk}/enrol/")
    assert_accessible(page)
    page.locator("#id_newcomer").select_option(label=f"Noora Uusinen ({newcomer.email})")
    page.locator("#id_start_date").fill(timezone.localdate().isoformat())
    page.locator("#id_mentor").select_option(label=f"Mikko Mentori ({onboarding['mentor'].email})")
    page.locator("form.form button[type=submit]").click()
    page.wait_for_url(f"**/fi/onboarding/programmes/{programme.pk}/")
    assert_accessible(page)  # with the success message
    enrolment = Enrolment.objects.get(programme=programme, newcomer=newcomer)
    assert enrolment.mentor == onboarding["mentor"]
    assert enrolment.start_date == timezone.localdate()
    coordinator.close()

    # The newcomer, on a phone, finds the checklist on the onboarding page.
    context = signed_in_context(browser, live_url, newcomer, viewport=PHONE)
    page = context.new_page()
    page.goto(f"{live_url}/fi/onboarding/")
    assert page.locator("html").get_attribute("lang") == "fi"
    assert_accessible(page)
    _no_sideways_scroll(page)
    checklist_path = f"/fi/onboarding/enrolments/{enrolment.pk}/"
    page.locator(f"a[href='{checklist_path}']").click()
    page.wait_for_url(f"**{checklist_path}")
    checklist_url = page.url
    text, value = _progress(page)
    assert re.search(r"\b0\b.*\b2\b", text), text
    assert value == "0"
    assert page.locator(".onboarding-task").count() == 2
    assert_accessible(page)
    _no_sideways_scroll(page)

    # Marking the first task done answers the checklist in place (htmx).
    page.locator(f"#toggle-{first.pk}").click()
    page.locator(f"#task-{first.pk}.onboarding-task--done").wait_for()
    text, value = _progress(page)
    assert re.search(r"\b1\b.*\b2\b", text), text  # "Tehtäviä tehty 1 / 2 (50 %)"
    assert value == "1"
    assert first.title_fi in page.locator("#checklist [role=status]").inner_text()
    assert page.url == checklist_url  # the page itself was not loaded again
    assert page.locator(f"#task-{second.pk}.onboarding-task--done").count() == 0
    assert TaskCompletion.objects.filter(enrolment=enrolment, task=first).exists()
    assert not TaskCompletion.objects.filter(enrolment=enrolment, task=second).exists()
    assert_accessible(page)
    _no_sideways_scroll(page)

    # Reloaded, the progress is kept, and the task can be marked not done again.
    page.reload()
    text, value = _progress(page)
    assert re.search(r"\b1\b.*\b2\b", text), text
    assert value == "1"
    assert page.locator(f"#task-{first.pk}.onboarding-task--done").count() == 1
    toggle = page.locator(f"#task-{first.pk} form input[name=done]")
    assert toggle.get_attribute("value") == "0"
    assert_accessible(page)
    _no_sideways_scroll(page)
    context.close()
