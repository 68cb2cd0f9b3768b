"""Registering, the waitlist and its promotion, cancelling, deadlines, reminders."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from kaiku.notifications.models import Notification

from .. import services
from ..models import Event, Registration, RegistrationStatus
from .factories import EventFactory, UserFactory

pytestmark = pytest.mark.django_db

REGISTERED = RegistrationStatus.REGISTERED
WAITLISTED = RegistrationStatus.WAITLISTED


def _count(event) -> int:
    return Event.all_objects.get(pk=event.pk).registered_count


def _statuses(event) -> list[tuple[str, str]]:
    return list(
        Registration.objects.filter(event=event)
        .order_by("queued_at", "pk")
        .values_list("person__full_name", "status")
    )


def test_full_event_waitlists_and_a_cancellation_promotes_the_first(
    people, event, te_office, django_capture_on_commit_callbacks
):
    first, second, third, fourth = (
        UserFactory(full_name=n, organisation=te_office) for n in "ABCD"
    )
    now = timezone.now()
    for i, person in enumerate((first, second, third, fourth)):
        services.register(
            event=event, person=person, now=now + datetime.timedelta(seconds=i), rate_limit=False
        )
    assert _statuses(event) == [
        ("A", REGISTERED), ("B", REGISTERED), ("C", WAITLISTED), ("D", WAITLISTED),
    ]  # fmt: skip
    assert _count(event) == 2
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel(event=event, person=first)
    assert dict(_statuses(event)) == {
        "A": "cancelled", "B": REGISTERED, "C": REGISTERED, "D": WAITLISTED,
    }  # fmt: skip
    assert _count(event) == 2
    promoted = Registration.objects.get(event=event, person=third)
    assert promoted.promoted_at is not None
    told = Notification.objects.get(user=third)
    assert told.kind == "event_promoted"
    assert event.title in told.title
    assert not Notification.objects.filter(user=fourth).exists()
    assert services.waitlist_position(Registration.objects.get(person=fourth)) == 1


def test_promotion_in_the_persons_language(
    people, event, te_office, django_capture_on_commit_callbacks
):
    event.title_sv = "Förändringscoachning"
    event.save()
    swede = UserFactory(preferred_language="sv", organisation=te_office)
    holder = UserFactory()
    services.register(event=event, person=holder, rate_limit=False)
    services.register(event=event, person=UserFactory(), rate_limit=False)
    services.register(event=event, person=swede, rate_limit=False)
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel(event=event, person=holder)
    assert "Förändringscoachning" in Notification.objects.get(user=swede).title


def test_double_register_and_double_cancel_change_nothing(people, event):
    person = people["member"]
    first = services.register(event=event, person=person, rate_limit=False)
    again = services.register(event=event, person=person, rate_limit=False)
    assert first.pk == again.pk and _count(event) == 1
    services.cancel(event=event, person=person)
    assert services.cancel(event=event, person=person) is None
    assert _count(event) == 0
    # Registering again after cancelling: a new place in the queue.
    back = services.register(event=event, person=person, rate_limit=False)
    assert back.pk == first.pk and back.status == REGISTERED and _count(event) == 1


def test_a_freed_place_is_not_taken_past_the_waitlist(people, event):
    a, b, c, d = (UserFactory() for _ in range(4))
    for person in (a, b, c):
        services.register(event=event, person=person, rate_limit=False)
    services.cancel(event=event, person=a)  # c promoted
    services.cancel(event=event, person=b)  # a free place, no one waiting
    assert _count(event) == 1
    assert services.register(event=event, person=d, rate_limit=False).status == REGISTERED


def test_registration_closes_at_the_deadline(people):
    deadline = timezone.now() + datetime.timedelta(hours=1)
    event = EventFactory(registration_deadline=deadline)
    person = people["staff"]
    just_before = deadline - datetime.timedelta(seconds=1)
    assert services.register(event=event, person=person, now=just_before, rate_limit=False)
    other = UserFactory()
    with pytest.raises(services.RegistrationClosedError):
        services.register(event=event, person=other, now=deadline, rate_limit=False)


def test_registration_closes_at_the_start_without_a_deadline(people):
    event = EventFactory()
    with pytest.raises(services.RegistrationClosedError):
        services.register(
            event=event, person=people["staff"], now=event.starts_at, rate_limit=False
        )


def test_no_registration_for_drafts_or_cancelled_events(people):
    draft = EventFactory(published_at=None)
    cancelled = EventFactory(cancelled_at=timezone.now())
    for event in (draft, cancelled):
        with pytest.raises(services.RegistrationClosedError):
            services.register(event=event, person=people["staff"], rate_limit=False)


def test_unlimited_event_never_waitlists(people):
    event = EventFactory(capacity=None)
    for _ in range(5):
        assert services.register(event=event, person=UserFactory(), rate_limit=False).status == (
            REGISTERED
        )
    assert _count(event) == 5


def test_cancelling_the_event_tells_those_registered_and_waiting(
    people, event, te_office, django_capture_on_commit_callbacks
):
    a, b, c = (UserFactory(organisation=te_office) for _ in range(3))
    for person in (a, b, c):
        services.register(event=event, person=person, rate_limit=False)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.event_cancel(event=event, actor=people["organiser"], reason="Sairastuminen")
        assert not services.event_cancel(event=event, actor=people["organiser"])
    assert set(
        Notification.objects.filter(kind="event_cancelled").values_list("user", flat=True)
    ) == {a.pk, b.pk, c.pk}


def test_a_changed_time_is_told_to_registrants(people, event, django_capture_on_commit_callbacks):
    services.register(event=event, person=people["member"], rate_limit=False)
    with django_capture_on_commit_callbacks(execute=True):
        services.event_update(
            event=event,
            actor=people["organiser"],
            types=["te_office"],
            starts_at=event.starts_at + datetime.timedelta(hours=1),
            ends_at=event.ends_at + datetime.timedelta(hours=1),
        )
    assert Notification.objects.get(user=people["member"]).kind == "event_changed"


def test_removing_a_person_frees_their_place(people, event, django_capture_on_commit_callbacks):
    holder, waiting = UserFactory(), UserFactory()
    services.register(event=event, person=holder, rate_limit=False)
    services.register(event=event, person=UserFactory(), rate_limit=False)
    services.register(event=event, person=waiting, rate_limit=False)
    services.registrations_remove_person(person=holder)
    assert not Registration.objects.filter(person=holder).exists()
    assert Registration.objects.get(person=waiting).status == REGISTERED
    assert _count(event) == 2


def test_attendance(people, event):
    a = services.register(event=event, person=UserFactory(), rate_limit=False)
    b = services.register(event=event, person=UserFactory(), rate_limit=False)
    services.attendance_set(event=event, actor=people["organiser"], marks={a.pk: True, b.pk: False})
    assert list(
        Registration.objects.filter(event=event).order_by("pk").values_list("attended", flat=True)
    ) == [True, False]
    services.attendance_set(event=event, actor=people["organiser"], marks={a.pk: None})
    assert Registration.objects.get(pk=a.pk).attended is None


def test_reminders_once_per_registration(people, event, django_capture_on_commit_callbacks):
    from ..tasks import remind_due

    Event.objects.filter(pk=event.pk).update(
        starts_at=timezone.now() + datetime.timedelta(hours=20),
        ends_at=timezone.now() + datetime.timedelta(hours=22),
    )
    services.register(event=event, person=people["member"], rate_limit=False)
    with django_capture_on_commit_callbacks(execute=True):
        assert remind_due() == 1
        assert remind_due() == 0
    assert Notification.objects.filter(user=people["member"], kind="event_reminder").count() == 1
