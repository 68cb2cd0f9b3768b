"""Events in Finnish, in the browser: an organiser (a change coordinator) creates an event
with two places and publishes it; three people register on their phones (375 px), the third
is put on the waitlist; one cancels and the third is promoted and told. axe-core runs on
every page the journey visits."""

from __future__ import annotations

import datetime
import re

import pytest

from .conftest import signed_in_context

pytestmark = pytest.mark.e2e

PHONE = {"width": 375, "height": 800}
TITLE = "Tiimivalmennus: itseohjautuvan tiimin pelisäännöt"


@pytest.fixture
def event_people(transactional_db, make_user):
    from kaiku.accounts.models import PlatformRole
    from kaiku.accounts.tests.factories import RoleAssignmentFactory

    organiser = make_user(full_name="Selina Sassila")
    RoleAssignmentFactory(user=organiser, role=PlatformRole.CHANGE_COORDINATOR)
    return {
        "organiser": organiser,
        "first": make_user(full_name="Tiina Tiimiläinen"),
        "second": make_user(full_name="Kalle Kehittäjä"),
        "third": make_user(full_name="Liisa Lahtinen"),
    }


def _local(moment: datetime.datetime) -> str:
    from django.utils import timezone

    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def _create(page, live_url: str, assert_accessible) -> int:
    from django.utils import timezone

    page.goto(f"{live_url}/fi/events/")
    assert_accessible(page)
    page.locator("a.button[href$='/events/new/']").click()
    page.wait_for_url("**/events/new/")
    assert_accessible(page)
    start = (timezone.now() + datetime.timedelta(days=7)).replace(minute=0, second=0)
    page.locator("input[name=kind][value=team_session]").check()
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_description").fill("Sovimme tiimin **pelisäännöistä**.")
    page.locator("#id_starts_at").fill(_local(start))
    page.locator("#id_ends_at").fill(_local(start + datetime.timedelta(hours=2)))
    page.locator("#id_location").fill("Riihimäki, Hämeenkatu 12")
    page.locator("#id_capacity").fill("0")
    page.locator("input[name=audience][value=everyone]").check()
    page.locator("button[name=action][value=publish]").click()
    # A capacity of 0 is refused with a clear message in the error summary.
    page.wait_for_selector(".error-summary, [role=alert]")
    assert_accessible(page)
    page.locator("#id_capacity").fill("2")
    page.locator("button[name=action][value=publish]").click()
    page.wait_for_url(re.compile(r".*/fi/events/\d+/$"))
    assert_accessible(page)
    return int(page.url.rstrip("/").split("/")[-1])


def _register(browser, live_url, person, event_pk, assert_accessible, check=False):
    context = signed_in_context(browser, live_url, person, viewport=PHONE)
    try:
        page = context.new_page()
        page.goto(f"{live_url}/fi/events/{event_pk}/")
        page.locator(f"form[action$='/events/{event_pk}/register/'] button").click()
        page.wait_for_url(f"**/fi/events/{event_pk}/")
        assert page.locator(f"form[action$='/events/{event_pk}/unregister/']").count() == 1
        if check:
            assert_accessible(page)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= PHONE["width"], f"sideways scrolling at 375 px: {width}"
    finally:
        context.close()


def test_register_until_full_and_the_waitlist_promotes(
    browser, live_url, event_people, assert_accessible
):
    from kaiku.events.models import Event, Registration, RegistrationStatus
    from kaiku.notifications.models import Notification

    organiser_context = signed_in_context(browser, live_url, event_people["organiser"])
    try:
        event_pk = _create(organiser_context.new_page(), live_url, assert_accessible)
    finally:
        organiser_context.close()
    event = Event.objects.get(pk=event_pk)
    assert event.capacity == 2 and event.published_at is not None

    for name in ("first", "second", "third"):
        _register(browser, live_url, event_people[name], event_pk, assert_accessible, check=True)
    status = dict(
        Registration.objects.filter(event=event).values_list("person__full_name", "status")
    )
    assert status == {
        "Tiina Tiimiläinen": RegistrationStatus.REGISTERED,
        "Kalle Kehittäjä": RegistrationStatus.REGISTERED,
        "Liisa Lahtinen": RegistrationStatus.WAITLISTED,
    }

    # The first cancels on her phone; the third gets the place and is told.
    context = signed_in_context(browser, live_url, event_people["first"], viewport=PHONE)
    try:
        page = context.new_page()
        page.goto(f"{live_url}/fi/events/{event_pk}/")
        page.locator(f"form[action$='/events/{event_pk}/unregister/'] button").click()
        page.wait_for_url(f"**/fi/events/{event_pk}/")
        assert page.locator(f"form[action$='/events/{event_pk}/register/']").count() == 1
        assert_accessible(page)
    finally:
        context.close()
    third = Registration.objects.get(event=event, person=event_people["third"])
    assert third.status == RegistrationStatus.REGISTERED and third.promoted_at is not None
    assert Event.objects.get(pk=event_pk).registered_count == 2
    assert Notification.objects.filter(user=event_people["third"], kind="event_promoted").exists()

    # The organiser sees the registrations by organisation and the list.
    organiser_context = signed_in_context(browser, live_url, event_people["organiser"])
    try:
        page = organiser_context.new_page()
        page.goto(f"{live_url}/fi/events/{event_pk}/registrations/")
        assert page.locator("text=Liisa Lahtinen").count() >= 1
        assert_accessible(page)
    finally:
        organiser_context.close()
