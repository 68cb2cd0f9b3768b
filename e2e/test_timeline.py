"""The programme timeline in the browser, on a phone and on a laptop: no sideways scrolling,
text large enough to read, a visible today line, markers reached with the Tab key that open
their item, and no axe-core violations (timeline, table and open filters)."""

from __future__ import annotations

import datetime

import pytest

pytestmark = pytest.mark.e2e

URL = "/fi/programmes/te24/timeline/"
PHONE = {"width": 375, "height": 812}
LAPTOP = {"width": 1366, "height": 768}
NO_SIDEWAYS_SCROLL = "document.documentElement.scrollWidth <= document.documentElement.clientWidth"


@pytest.fixture
def timeline_data(transactional_db):
    from django.utils import timezone

    from kaiku.programme.models import Meeting, Milestone, MilestoneStatus, Programme, WorkingGroup

    programme = Programme.objects.create(
        name="TE-palvelut 2024 -uudistus", slug="te24", summary="Valtakunnallinen ohjelma."
    )
    steering = WorkingGroup.objects.create(
        programme=programme, name="Ohjausryhmä", slug="ohjausryhma"
    )
    coaching = WorkingGroup.objects.create(
        programme=programme,
        name="Muutosvalmennuksen ja henkilöstösiirtojen valmisteluryhmä",
        slug="muutosvalmennus",
    )
    now = timezone.now()
    today = timezone.localdate()
    first = Meeting.objects.create(
        group=steering,
        title="Ohjausryhmän kokous 1/2027",
        starts_at=now + datetime.timedelta(days=3),
    )
    for n in range(12):
        Meeting.objects.create(
            group=coaching,
            title=f"Työpaja henkilöstösiirtojen toimeenpanosuunnitelmasta {n + 1}",
            starts_at=now + datetime.timedelta(days=-60 + 11 * n),
        )
        Milestone.objects.create(
            group=coaching if n % 2 else steering,
            title=f"Siirtosuunnitelmaluonnos lausuntokierrokselle {n + 1}",
            due_on=today + datetime.timedelta(days=-40 + 17 * n),
            status=MilestoneStatus.IN_PROGRESS,
        )
    return {"first": first}


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["375px", "1366px"])
def test_timeline_is_readable_and_usable(
    page, live_url, assert_accessible, timeline_data, viewport
):
    page.set_viewport_size(viewport)
    page.goto(f"{live_url}{URL}")
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    assert_accessible(page)

    today = page.locator(".timeline-today")
    assert today.count() == 1
    today.scroll_into_view_if_needed()
    assert today.is_visible()
    # Readable text: nothing in the timeline smaller than 14 px.
    smallest = page.evaluate(
        """() => Math.min(...[...document.querySelectorAll('.timeline-list *, .timeline-nav *')]
            .filter(e => e.textContent.trim())
            .map(e => parseFloat(getComputedStyle(e).fontSize)))"""
    )
    assert smallest >= 14

    # The filters are one short line until opened; opened, they still fit and pass axe.
    filters = page.locator("details.timeline-filters")
    assert filters.bounding_box()["height"] < 80
    filters.locator("summary").click()
    assert page.locator("#id_group").is_visible()
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    assert_accessible(page)

    # The table view: also no sideways page scroll (the table scrolls in its wrapper).
    page.goto(f"{live_url}{URL}?view=table")
    assert page.locator("table").is_visible()
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    assert_accessible(page)


def test_a_marker_is_reached_with_tab_and_opens_its_item(page, live_url, timeline_data):
    page.set_viewport_size(PHONE)
    page.goto(f"{live_url}{URL}")
    meeting = timeline_data["first"]
    for _ in range(120):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('timeline-marker')"):
            break
    else:
        pytest.fail("no timeline marker was reached with the Tab key")
    # Tab on to the steering group's meeting (the first marker may be an earlier item).
    for _ in range(40):
        name = page.evaluate("document.activeElement.textContent")
        if "Ohjausryhmän kokous 1/2027" in name:
            break
        page.keyboard.press("Tab")
    else:
        pytest.fail("the meeting's marker was not reached with the Tab key")
    # Its name says what, when and (once) which group.
    from django.utils import timezone

    assert timezone.localtime(meeting.starts_at).strftime("%-d.%-m.%Y") in name
    assert name.count("Ohjausryhmä") == 1
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/groups/ohjausryhma/#meeting-{meeting.pk}")
    assert page.locator(f"#meeting-{meeting.pk}").is_visible()
