"""Every write of events and registrations.

Registering and cancelling lock the event's row (``select_for_update``) inside one
transaction, so concurrent registrations never take more places than there are: the
``registered_count`` read under the lock is the truth, and every change of a registration's
status changes it in the same transaction. A full event puts the person on the waitlist
(ordered by ``queued_at``); a cancelled place goes to the first on the waitlist at once, and
they are told (in their own language) after the commit.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kaiku.core.audit import audit_log
from kaiku.core.ratelimit import VOTE, check_and_record
from kaiku.core.translations import translated
from kaiku.core.writes import model_update

from .models import (
    AudienceKind,
    CalendarFeed,
    Event,
    EventMaterial,
    Registration,
    RegistrationStatus,
    new_calendar_token,
)
from .notifications import EVENT_CANCELLED, EVENT_CHANGED, EVENT_PROMOTED

EVENT_FIELDS = (
    "kind",
    *translated("title", "description"),
    "starts_at",
    "ends_at",
    "location",
    "online_url",
    "capacity",
    "registration_deadline",
    "audience",
    "visibility",
    "organisation",
    "team",
    "series",
    "recording_url",
    "feedback_survey",
    "live_qa",
)
#: A change of these is told to those registered.
NOTIFIED_FIELDS = ("starts_at", "ends_at", "location", "online_url")
ACTIVE = (RegistrationStatus.REGISTERED, RegistrationStatus.WAITLISTED)


class RegistrationClosedError(ValidationError):
    pass


def _visibility_for(audience: str, visibility: str | None) -> str:
    if audience == AudienceKind.EVERYONE:
        return visibility if visibility in ("public", "staff") else "staff"
    return "members"


def _set_audience(event, *, types=(), regions=(), organisations=()) -> None:
    event.audience_regions.set(regions if event.audience == AudienceKind.REGIONS else [])
    event.audience_organisations.set(
        organisations if event.audience == AudienceKind.ORGANISATIONS else []
    )


def _types_value(audience: str, types) -> str:
    return ",".join(sorted(set(types))) if audience == AudienceKind.ORGANISATION_TYPES else ""


def _check_audience(event) -> None:
    if event.audience == AudienceKind.TEAM and not event.team_id:
        raise ValidationError({"team": _("Choose the team.")})


@transaction.atomic
def event_create(
    *, actor, types=(), regions=(), organisations=(), publish: bool = False, **fields
) -> Event:
    unknown = set(fields) - set(EVENT_FIELDS)
    if unknown:
        raise TypeError(f"Unknown event fields: {sorted(unknown)}")
    event = Event(**fields, organiser=actor)
    event.visibility = _visibility_for(event.audience, fields.get("visibility"))
    event.audience_types = _types_value(event.audience, types)
    if publish:
        event.published_at = timezone.now()
    _check_audience(event)
    event.full_clean()
    event.save()
    _set_audience(event, types=types, regions=regions, organisations=organisations)
    audit_log(action="event_created", actor=actor, target=event)
    return event


@transaction.atomic
def event_update(*, event: Event, actor, types=(), regions=(), organisations=(), **fields) -> Event:
    """Change an event; those registered are told when its time, place or link changed."""
    before = {name: getattr(event, name) for name in NOTIFIED_FIELDS}
    data = dict(fields)
    audience = data.get("audience", event.audience)
    data["visibility"] = _visibility_for(audience, data.get("visibility", event.visibility))
    data["audience_types"] = _types_value(audience, types)
    event.audience = audience
    event.team = data.get("team", event.team)
    _check_audience(event)
    event, _changed = model_update(event, data=data, allowed=(*EVENT_FIELDS, "audience_types"))
    _set_audience(event, types=types, regions=regions, organisations=organisations)
    changed = [n for n in NOTIFIED_FIELDS if getattr(event, n) != before[n]]
    if changed and event.published_at and not event.is_cancelled:
        _tell_registrants(event, EVENT_CHANGED, actor=actor)
    audit_log(action="event_updated", actor=actor, target=event)
    return event


@transaction.atomic
def event_publish(*, event: Event, actor, now=None) -> bool:
    """Publish a draft; a second submit changes nothing."""
    published = Event.objects.filter(pk=event.pk, published_at__isnull=True).update(
        published_at=now or timezone.now()
    )
    if published:
        event.refresh_from_db(fields=["published_at"])
        audit_log(action="event_published", actor=actor, target=event)
    return bool(published)


@transaction.atomic
def event_cancel(*, event: Event, actor, reason: str = "", now=None) -> bool:
    """Cancel the event; those registered or waiting are told. A second submit changes
    nothing."""
    now = now or timezone.now()
    cancelled = Event.objects.filter(pk=event.pk, cancelled_at__isnull=True).update(
        cancelled_at=now, cancel_reason=reason[:500], updated=now
    )
    if not cancelled:
        return False
    event.refresh_from_db(fields=["cancelled_at", "cancel_reason"])
    audit_log(action="event_cancelled", actor=actor, target=event)
    if event.published_at:
        _tell_registrants(event, EVENT_CANCELLED, actor=actor)
    return True


def _language(person) -> str:
    return getattr(person, "preferred_language", "") or settings.LANGUAGE_CODE


def _tell(event: Event, kind: str, people, *, actor=None) -> None:
    """Tell ``people`` about ``event`` after the commit, each in their own language."""
    from kaiku.notifications.services import notify_people

    people = list(people)

    def send():
        titles = {
            EVENT_PROMOTED: lambda: _("You got a place: %(title)s"),
            EVENT_CHANGED: lambda: _("The event changed: %(title)s"),
            EVENT_CANCELLED: lambda: _("The event was cancelled: %(title)s"),
        }
        by_language: dict[str, list] = {}
        for person in people:
            by_language.setdefault(_language(person), []).append(person)
        for language, group in by_language.items():
            with translation.override(language):
                fresh = Event.all_objects.get(pk=event.pk)  # the title in that language
                when = timezone.localtime(fresh.starts_at).strftime("%d.%m.%Y %H:%M")
                notify_people(
                    kind=kind,
                    about=fresh,
                    people=group,
                    actor=actor,
                    title=titles[kind]() % {"title": fresh.title},
                    context=when,
                )

    transaction.on_commit(send)


def _tell_registrants(event: Event, kind: str, *, actor=None) -> None:
    from django.contrib.auth import get_user_model

    people = get_user_model().objects.filter(
        event_registrations__event=event, event_registrations__status__in=ACTIVE
    )
    _tell(event, kind, people, actor=actor)


# --- Registrations --------------------------------------------------------------------------


def _locked(event: Event) -> Event:
    return Event.all_objects.select_for_update().get(pk=event.pk)


def _organisation_of(person):
    return getattr(person, "organisation_id", None)


@transaction.atomic
def register(*, event: Event, person, now=None, rate_limit: bool = True) -> Registration:
    """Register ``person`` for ``event``: a place if there is one, the waitlist otherwise.
    Registering again while registered or waiting changes nothing."""
    now = now or timezone.now()
    if rate_limit:
        check_and_record(user=person, action=VOTE, now=now)
    event = _locked(event)
    existing = Registration.objects.filter(event=event, person=person).first()
    if existing is not None and existing.status in ACTIVE:
        return existing
    if event.deleted_at is not None or not event.registration_open(now=now):
        raise RegistrationClosedError(_("Registration for this event is closed."))
    waiting = Registration.objects.filter(
        event=event, status=RegistrationStatus.WAITLISTED
    ).exists()
    has_place = event.capacity is None or (event.registered_count < event.capacity and not waiting)
    status = RegistrationStatus.REGISTERED if has_place else RegistrationStatus.WAITLISTED
    if existing is None:
        registration = Registration.objects.create(
            event=event,
            person=person,
            status=status,
            queued_at=now,
            organisation_id=_organisation_of(person),
        )
    else:
        registration = existing
        model_update(
            registration,
            data={
                "status": status,
                "queued_at": now,
                "cancelled_at": None,
                "promoted_at": None,
                "attended": None,
                "reminded_at": None,
                "organisation_id": _organisation_of(person),
            },
        )
    if status == RegistrationStatus.REGISTERED:
        Event.all_objects.filter(pk=event.pk).update(registered_count=F("registered_count") + 1)
    return registration


@transaction.atomic
def cancel(*, event: Event, person, now=None) -> Registration | None:
    """Cancel ``person``'s registration (or place on the waitlist). A freed place goes to the
    first on the waitlist, who is told. Cancelling twice changes nothing."""
    now = now or timezone.now()
    event = _locked(event)
    registration = Registration.objects.filter(
        event=event, person=person, status__in=ACTIVE
    ).first()
    if registration is None:
        return None
    had_place = registration.status == RegistrationStatus.REGISTERED
    Registration.objects.filter(pk=registration.pk).update(
        status=RegistrationStatus.CANCELLED, cancelled_at=now, updated=now
    )
    registration.refresh_from_db()
    if had_place:
        Event.all_objects.filter(pk=event.pk).update(registered_count=F("registered_count") - 1)
        event.registered_count -= 1
        _promote(event, now=now)
    return registration


def _promote(event: Event, *, now) -> list[Registration]:
    """Fill free places from the waitlist (the event's row is locked by the caller)."""
    if event.is_cancelled or event.starts_at <= now:
        return []
    free = None if event.capacity is None else event.capacity - event.registered_count
    waiting = Registration.objects.filter(
        event=event, status=RegistrationStatus.WAITLISTED
    ).order_by("queued_at", "pk")
    if free is not None:
        if free <= 0:
            return []
        waiting = waiting[:free]
    promoted = list(waiting.select_related("person"))
    if not promoted:
        return []
    Registration.objects.filter(pk__in=[r.pk for r in promoted]).update(
        status=RegistrationStatus.REGISTERED, promoted_at=now, updated=now
    )
    Event.all_objects.filter(pk=event.pk).update(
        registered_count=F("registered_count") + len(promoted)
    )
    event.registered_count += len(promoted)
    _tell(event, EVENT_PROMOTED, [r.person for r in promoted])
    return promoted


def waitlist_position(registration: Registration | None) -> int | None:
    """1 for the first on the waitlist; ``None`` when not waiting."""
    if registration is None or registration.status != RegistrationStatus.WAITLISTED:
        return None
    ahead = Registration.objects.filter(
        event_id=registration.event_id, status=RegistrationStatus.WAITLISTED
    ).filter(
        Q(queued_at__lt=registration.queued_at)
        | Q(queued_at=registration.queued_at, pk__lt=registration.pk)
    )
    return ahead.count() + 1


@transaction.atomic
def attendance_set(*, event: Event, actor, marks: dict[int, bool | None]) -> int:
    """Mark who attended: ``{registration id: True/False/None}``; returns rows changed."""
    changed = 0
    now = timezone.now()
    for value in (True, False, None):
        ids = [pk for pk, mark in marks.items() if mark is value]
        if ids:
            changed += Registration.objects.filter(
                event=event, pk__in=ids, status=RegistrationStatus.REGISTERED
            ).update(attended=value, updated=now)
    if changed:
        audit_log(action="event_attendance", actor=actor, target=event, data={"rows": changed})
    return changed


# --- Materials and the calendar feed --------------------------------------------------------


@transaction.atomic
def material_add(*, event: Event, actor, title: str, url: str = "", file=None, after_event=False):
    """A link or a file. A file's size is limited (``KAIKU_MAX_UPLOAD_MB``) and its type read
    from the content, which must agree with its extension (as for the groups' documents); it
    is stored under a random name and served only by the download view, which checks that
    the viewer may see the event. Raises ValidationError (nothing stored)."""
    import os
    import uuid

    from kaiku.programme import documents
    from kaiku.programme.services import max_upload_bytes

    order = EventMaterial.objects.filter(event=event).count()
    material = EventMaterial(
        event=event, title=title, url=url, after_event=after_event, order=order
    )
    if file:
        if file.size > max_upload_bytes():
            raise ValidationError(
                {
                    "file": _("The file is too large (at most %(limit)s MB).")
                    % {"limit": settings.KAIKU_MAX_UPLOAD_MB}
                }
            )
        if file.size == 0:
            raise ValidationError({"file": _("The file is empty.")})
        name = documents.safe_file_name(file.name)
        try:
            documents.sniff(file, name)
        except ValidationError as exc:
            raise ValidationError({"file": exc.messages}) from None
        extension = os.path.splitext(name)[1].lower()
        material.file.save(f"{uuid.uuid4().hex}{extension}", file, save=False)
    try:
        material.full_clean()
        material.save()
    except Exception:
        if material.file:
            material.file.delete(save=False)
        raise
    audit_log(action="event_material_added", actor=actor, target=event)
    return material


@transaction.atomic
def material_delete(*, material: EventMaterial, actor) -> None:
    event = material.event
    if material.file:
        material.file.delete(save=False)
    material.delete()
    audit_log(action="event_material_deleted", actor=actor, target=event)


def calendar_feed_for(person) -> CalendarFeed:
    feed, _created = CalendarFeed.objects.get_or_create(person=person)
    return feed


@transaction.atomic
def calendar_feed_reset(*, person) -> CalendarFeed:
    """A new secret address; the old one stops working at once."""
    feed = calendar_feed_for(person)
    feed.token = new_calendar_token()
    feed.save(update_fields=["token", "updated"])
    audit_log(action="event_calendar_reset", actor=person, target=feed)
    return feed


# --- Reminders ------------------------------------------------------------------------------

REMINDER_LEAD = datetime.timedelta(days=1)


# --- Personal data --------------------------------------------------------------------------


@transaction.atomic
def registrations_remove_person(*, person) -> None:
    """Remove a person's registrations (their account is removed); places they held in an
    upcoming event go to the first on the waitlist."""
    for event_id in list(
        Registration.objects.filter(person=person, status__in=ACTIVE).values_list(
            "event_id", flat=True
        )
    ):
        cancel(event=Event(pk=event_id), person=person)
    Registration.objects.filter(person=person).delete()
