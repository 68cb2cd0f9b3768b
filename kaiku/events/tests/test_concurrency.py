"""No overbooking under concurrent registrations: 20 people register at once for 5 places,
each in their own thread and database connection. Needs PostgreSQL (the row lock of
``select_for_update``); SQLite serialises every write and cannot show it."""

from __future__ import annotations

import pytest
from django.db import connection

from kaiku.core.tests.concurrency import run_at_once

from .. import services
from ..models import Event, Registration, RegistrationStatus
from .factories import EventFactory, UserFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: concurrent transactions with row locks (SQLite serialises "
        "all writes)",
    ),
]


def test_twenty_parallel_registrations_for_five_places():
    event = EventFactory(capacity=5)
    people = [UserFactory() for _ in range(20)]
    queue = list(people)

    def register():
        person = queue.pop()
        return services.register(event=Event.objects.get(pk=event.pk), person=person).status

    statuses = run_at_once(20, register)
    assert statuses.count(RegistrationStatus.REGISTERED) == 5
    assert statuses.count(RegistrationStatus.WAITLISTED) == 15
    assert Event.objects.get(pk=event.pk).registered_count == 5
    assert Registration.objects.filter(event=event, status="registered").count() == 5

    # Cancelling in parallel: every freed place goes to exactly one from the waitlist.
    holders = list(
        Registration.objects.filter(event=event, status="registered").select_related("person")
    )

    def cancel():
        registration = holders.pop()
        services.cancel(event=event, person=registration.person)

    run_at_once(5, cancel)
    assert Event.objects.get(pk=event.pk).registered_count == 5
    assert Registration.objects.filter(event=event, status="registered").count() == 5
    assert Registration.objects.filter(event=event, status="waitlisted").count() == 10
