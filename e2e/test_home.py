"""A demo secretary signs in and the front page is their own: their working group with their
role, the group's next meeting, and "Add a meeting" in it; the page fits a phone and a laptop
screen without sideways scrolling, and axe-core finds nothing on it."""

from __future__ import annotations

import pytest
from django.utils import timezone

pytestmark = pytest.mark.e2e

SECRETARY_EMAIL = "viestinta@kaiku.example"  # Selina Sassila in the demo
COACHING_GROUP = "Muutosvalmennuksen ohjausryhmä"


@pytest.fixture
def demo(transactional_db):
    from django.contrib.auth import get_user_model

    from kaiku.accounts.demo import demo_password, load_demo_people
    from kaiku.programme.demo import load_demo_programme

    load_demo_people()
    load_demo_programme()
    secretary = get_user_model().objects.get(email=SECRETARY_EMAIL)
    return {"secretary": secretary, "password": demo_password()}


def _scroll_width(page) -> dict:
    return page.evaluate(
        "({scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth})"
    )


@pytest.mark.parametrize("width", [375, 1366])
def test_demo_secretary_sees_their_own_front_page(
    page, live_url, live_server, demo, login, assert_accessible, width
):
    from kaiku.programme.models import Meeting, MeetingStatus
    from kaiku.programme.selectors import meeting_list, member_group_ids

    page.set_viewport_size({"width": width, "height": 800})
    login(page, live_server, demo["secretary"], password=demo["password"])
    response = page.goto(f"{live_url}/fi/")
    assert response.status == 200
    assert "private" in response.headers["cache-control"]

    groups = page.locator("#home-groups")
    assert groups.get_by_role("link", name=COACHING_GROUP, exact=True).is_visible()
    assert groups.get_by_text("Sihteeri").first.is_visible()

    secretary = demo["secretary"]
    next_meeting = (
        meeting_list(viewer=secretary)
        .filter(group__in=member_group_ids(secretary), starts_at__gte=timezone.now())
        .exclude(status=MeetingStatus.CANCELLED)
        .first()
    )
    assert next_meeting.status != MeetingStatus.CANCELLED
    assert Meeting.objects.filter(pk=next_meeting.pk).exists()
    meetings = page.locator("#home-meetings")
    assert meetings.get_by_role("link", name=next_meeting.title).first.is_visible()

    actions = page.locator("#home-actions")
    assert actions.locator("a[href$='/meetings/new/']").count() >= 1
    assert actions.locator("a[href$='/news/new/']").count() == 1  # also communications staff

    state = _scroll_width(page)
    assert state["scrollWidth"] <= state["innerWidth"], (
        f"the front page scrolls sideways at {width} px: {state['scrollWidth']} px wide"
    )
    assert_accessible(page)


def test_anonymous_visitor_still_gets_the_public_front_page(page, live_url, demo):
    response = page.goto(f"{live_url}/fi/")
    assert response.status == 200
    assert page.locator("section.hero").is_visible()
    assert page.locator("#home-groups").count() == 0
