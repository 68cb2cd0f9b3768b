"""The day-before reminders (django-tasks).

``manage.py send_event_reminders`` (from cron, hourly) finds the events that start within
``REMINDER_LEAD`` and queues ``send_event_reminders`` for each; the task reminds everyone
holding a place, once per registration: a conditional UPDATE claims ``reminded_at``, so two
workers or a task run twice send nothing twice. Each person is told in their own language.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from .models import Event, Registration, RegistrationStatus
from .notifications import EVENT_REMINDER

REMINDER_LEAD = datetime.timedelta(days=1)


def _language(person) -> str:
    return person.preferred_language or settings.LANGUAGE_CODE


def remind_event(event_id: int, *, now=None) -> int:
    """Remind those holding a place in the event who have not been reminded; returns how
    many were told."""
    from kaiku.notifications.services import notify_people

    now = now or timezone.now()
    with transaction.atomic():
        pending = list(
            Registration.objects.select_for_update(skip_locked=True)
            .filter(
                event_id=event_id,
                status=RegistrationStatus.REGISTERED,
                reminded_at__isnull=True,
            )
            .select_related("person")
            .order_by("pk")
        )
        if not pending:
            return 0
        claimed = Registration.objects.filter(
            pk__in=[r.pk for r in pending], reminded_at__isnull=True
        ).update(reminded_at=now)
        if not claimed:
            return 0
        by_language: dict[str, list] = {}
        for registration in pending:
            by_language.setdefault(_language(registration.person), []).append(registration.person)
        told = 0
        for language, people in by_language.items():
            with translation.override(language):
                event = Event.all_objects.get(pk=event_id)
                when = timezone.localtime(event.starts_at).strftime("%d.%m.%Y %H:%M")
                told += len(
                    notify_people(
                        kind=EVENT_REMINDER,
                        about=event,
                        people=people,
                        title=_("Tomorrow: %(title)s") % {"title": event.title},
                        context=when,
                    )
                )
        Event.all_objects.filter(pk=event_id).update(reminders_sent_at=now)
        return told


@task()
def send_event_reminders(event_id: int) -> int:
    return remind_event(event_id)


def due_events(*, now=None) -> list[int]:
    """Published, not cancelled events starting within ``REMINDER_LEAD`` with someone
    holding a place who has not been reminded."""
    now = now or timezone.now()
    return list(
        Event.objects.filter(
            published_at__isnull=False,
            cancelled_at__isnull=True,
            starts_at__gt=now,
            starts_at__lte=now + REMINDER_LEAD,
            registrations__status=RegistrationStatus.REGISTERED,
            registrations__reminded_at__isnull=True,
        )
        .order_by("pk")
        .values_list("pk", flat=True)
        .distinct()
    )


def queue_due(*, now=None) -> int:
    """Queue the reminder task of each due event; returns how many were queued."""
    events = due_events(now=now)
    for pk in events:
        send_event_reminders.enqueue(pk)
    return len(events)


def remind_due(*, now=None) -> int:
    """Send the due reminders in this process (tests, and ``--now``)."""
    return sum(remind_event(pk, now=now) for pk in due_events(now=now))
