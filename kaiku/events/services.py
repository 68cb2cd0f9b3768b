"""Every write of events and registrations."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Count, Q

from .models import Event, Registration, RegistrationStatus


@transaction.atomic
def registrations_remove_person(*, person) -> None:
    """Remove a person's registrations (their account is removed); places they held go to
    the first on the waitlist."""
    event_ids = list(Registration.objects.filter(person=person).values_list("event_id", flat=True))
    Registration.objects.filter(person=person).delete()
    for row in (
        Event.all_objects.filter(pk__in=event_ids)
        .annotate(
            n=Count("registrations", filter=Q(registrations__status=RegistrationStatus.REGISTERED))
        )
        .values("pk", "n")
    ):
        Event.all_objects.filter(pk=row["pk"]).update(registered_count=row["n"])
