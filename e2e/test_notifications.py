"""Notification journeys in Finnish: a logged-in person follows a working group with the
htmx button, the group's secretary adds a public meeting, the header shows an unread count,
the notification is listed and marked read; the email frequency is changed in the settings,
and the one-click unsubscribe page turns emails off. axe-core runs on every page."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.e2e

UNREAD_BADGE = "header a[href$='/notifications/'] .badge"


@pytest.fixture
def group_data(transactional_db, make_user):
    from kaiku.programme.models import MemberRole
    from kaiku.programme.tests.factories import (
        MembershipFactory,
        ProgrammeFactory,
        WorkingGroupFactory,
    )

    programme = ProgrammeFactory(name="TE-palvelut 2024 -uudistus", slug="te24")
    group = WorkingGroupFactory(
        programme=programme, name="Muutosvalmennuksen ohjausryhmä", slug="muutosvalmennus"
    )
    secretary = make_user(full_name="Selina Sihteeri")
    MembershipFactory(group=group, person=secretary, role=MemberRole.SECRETARY)
    return {"group": group, "secretary": secretary}


def test_follow_a_group_and_read_the_notification(
    page, live_url, live_server, make_user, login, assert_accessible, group_data
):
    import datetime

    from django.utils import timezone

    from kaiku.notifications.models import Follow, Notification
    from kaiku.programme.services import meeting_create

    group = group_data["group"]
    group_url = group.get_absolute_url()
    person = make_user(full_name="Tiina Työntekijä")
    login(page, live_server, person)
    page.goto(f"{live_url}{group_url}")
    assert page.locator(UNREAD_BADGE).count() == 0
    assert_accessible(page)

    # Follow with the htmx button: the same place turns into a "stop following" button.
    button = page.locator(".follow-button form[action$='/notifications/follow/'] button")
    button.click()
    page.locator(".follow-button form[action$='/notifications/unfollow/'] button").wait_for()
    assert page.url.endswith(group_url)  # htmx: no page load
    assert Follow.objects.filter(user=person, object_id=group.pk).exists()
    assert_accessible(page)

    # The secretary adds a public meeting; the tasks run at once in tests.
    meeting_create(
        actor=group_data["secretary"],
        group=group,
        title="Ohjausryhmän kokous 2/2027",
        starts_at=timezone.now() + datetime.timedelta(days=10),
        location="Teams",
    )
    assert Notification.objects.filter(user=person, read_at__isnull=True).count() == 1

    page.reload()
    badge = page.locator(UNREAD_BADGE)
    assert badge.is_visible()
    assert badge.inner_text().strip().startswith("1")
    assert page.locator(".follow-button form[action$='/notifications/unfollow/']").count() == 1
    assert_accessible(page)

    # The list shows the notification as new.
    page.locator("header a[href$='/notifications/']").click()
    page.wait_for_url("**/fi/notifications/")
    assert page.locator("h1").count() == 1
    unread = page.locator(".notification-list .card--unread")
    assert unread.count() == 1
    assert unread.locator("a", has_text="Ohjausryhmän kokous 2/2027").is_visible()
    assert_accessible(page)

    # Mark all read: the badge goes away.
    page.locator("form[action$='/notifications/read/'] button[type='submit']").click()
    page.wait_for_url("**/fi/notifications/")
    assert page.locator(".messages .message--success").count() == 1
    assert page.locator(".notification-list .card--unread").count() == 0
    assert page.locator(UNREAD_BADGE).count() == 0
    assert not Notification.objects.filter(user=person, read_at__isnull=True).exists()
    assert_accessible(page)


def test_settings_and_unsubscribe(page, live_url, live_server, make_user, login, assert_accessible):
    from kaiku.notifications.models import Frequency, NotificationPreference
    from kaiku.notifications.services import preference_for

    person = make_user(full_name="Outi Osallistuja")
    login(page, live_server, person)

    page.goto(f"{live_url}/fi/notifications/settings/")
    assert page.locator("fieldset legend").count() == 1
    assert_accessible(page)
    page.locator("input[name='email_frequency'][value='weekly']").check()
    page.locator("main form[action$='/notifications/settings/'] button[type='submit']").click()
    page.wait_for_url("**/fi/notifications/settings/")
    assert page.locator(".messages .message--success").count() == 1
    assert page.locator("input[name='email_frequency'][value='weekly']").is_checked()
    assert preference_for(user=person).email_frequency == Frequency.WEEKLY
    assert_accessible(page)

    # The one-click unsubscribe link of the emails works without logging in.
    token = NotificationPreference.objects.get(user=person).unsubscribe_token
    page.context.clear_cookies()
    page.goto(f"{live_url}/fi/notifications/unsubscribe/{token}/")
    assert page.locator("h1").count() == 1
    assert_accessible(page)
    page.locator("main form[action*='/unsubscribe/'] button[type='submit']").click()
    page.wait_for_load_state("domcontentloaded")
    assert page.locator("main [role='status']").is_visible()
    assert page.locator("main form[action*='/unsubscribe/']").count() == 0
    assert NotificationPreference.objects.get(user=person).email_frequency == Frequency.NEVER
    assert_accessible(page)
