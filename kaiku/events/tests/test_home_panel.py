"""The events panel of a signed-in person's front page (``selectors.upcoming_for``): the
same events as the query through the content layer that it replaced, in fewer queries."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from .. import selectors
from ..models import AudienceKind, Registration, RegistrationStatus
from .factories import EventFactory, RegistrationFactory


def _reference(person, *, limit=5):
    """The former reader: every condition in SQL through ``visible_events``."""
    now = timezone.now()
    return [
        (e.pk, e.my_status)
        for e in selectors.visible_events(person, now=now)
        .filter(
            ends_at__gt=now,
            cancelled_at__isnull=True,
            pk__in=Registration.objects.filter(person=person, status__in=selectors.ACTIVE).values(
                "event_id"
            ),
        )
        .annotate(
            my_status=Subquery(
                Registration.objects.filter(event=OuterRef("pk"), person=person).values("status")[
                    :1
                ]
            )
        )
        .order_by("starts_at", "pk")[:limit]
    ]


@pytest.fixture
def registrations(people):
    now = timezone.now()
    day = datetime.timedelta(days=1)
    events = {
        "staff": EventFactory(starts_at=now + 3 * day, ends_at=now + 4 * day),
        "public": EventFactory(visibility="public", starts_at=now + 2 * day, ends_at=now + 3 * day),
        "going on": EventFactory(starts_at=now - day, ends_at=now + day),
        "past": EventFactory(starts_at=now - 3 * day, ends_at=now - 2 * day),
        "cancelled": EventFactory(cancelled_at=now),
        "scheduled": EventFactory(published_at=now + day),
        "draft": EventFactory(published_at=None),
        "for the TE office": EventFactory(
            visibility="members",
            audience=AudienceKind.ORGANISATION_TYPES,
            audience_types="te_office",
            starts_at=now + 5 * day,
            ends_at=now + 6 * day,
        ),
        "for others": EventFactory(
            visibility="members",
            audience=AudienceKind.ORGANISATION_TYPES,
            audience_types="municipality",
        ),
    }
    deleted = EventFactory()
    for who in ("member", "staff", "organiser", "admin"):
        for name, event in events.items():
            status = (
                RegistrationStatus.WAITLISTED if name == "public" else RegistrationStatus.REGISTERED
            )
            RegistrationFactory(event=event, person=people[who], status=status)
        RegistrationFactory(event=deleted, person=people[who])
        cancelled_own = EventFactory()
        RegistrationFactory(
            event=cancelled_own, person=people[who], status=RegistrationStatus.CANCELLED
        )
    deleted.deleted_at = now
    deleted.save()
    return events


@pytest.mark.parametrize("who", ["member", "staff", "organiser", "admin"])
@pytest.mark.parametrize("limit", [2, 5, 20])
def test_the_same_events_as_the_content_layer_query(people, registrations, who, limit):
    person = get_user_model().objects.get(pk=people[who].pk)
    expected = _reference(person, limit=limit)
    person = get_user_model().objects.get(pk=people[who].pk)
    got = [(e.pk, e.my_status) for e in selectors.upcoming_for(person, limit=limit)]
    assert got == expected
    assert expected  # every one of them has something to show


def test_one_query_and_another_only_for_audience_events(
    people, registrations, django_assert_num_queries
):
    upcoming = selectors.upcoming_for
    person = get_user_model().objects.get(pk=people["member"].pk)
    with django_assert_num_queries(3):  # the events, the person's roles, the audience
        events = upcoming(person)
    assert registrations["for the TE office"] in events
    assert registrations["for others"] not in events
    with django_assert_num_queries(2):  # the roles are kept on the person
        upcoming(person)
    Registration.objects.filter(event__visibility="members").delete()
    with django_assert_num_queries(1):
        upcoming(person)
