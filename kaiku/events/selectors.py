"""Every read of events that is more than a ``get`` by key, through the content layer
(``content.py``). A fixed number of queries whatever the amount of data."""

from __future__ import annotations

from django.db.models import Count, F, Prefetch, Q
from django.http import Http404
from django.utils import timezone

from kaiku.core.content import Visibility, may_see, published_q, visible_pks
from kaiku.core.paging import page_of, with_total
from kaiku.core.prepared import for_viewer, run
from kaiku.core.translations import translated_columns
from kaiku.organisations.models import Organisation, OrganisationType

from .models import Event, EventMaterial, Registration, RegistrationStatus
from .rules import is_organiser, may_manage_event

MAX_PK = 2**31 - 1
ACTIVE = (RegistrationStatus.REGISTERED, RegistrationStatus.WAITLISTED)


def visible_events(viewer, *, now=None):
    """Events ``viewer`` may see: published ones, and drafts for organisers."""
    events = Event.objects.visible_to(viewer)
    if not is_organiser(viewer):
        events = events.filter(published_q(now=now))
    return events


def event_list(viewer, *, past: bool = False, kind: str = "", region=None, now=None):
    """Upcoming events (still going on included), soonest first; or past ones, latest
    first. Filtered by kind and by region (the organiser's region or the audience's)."""
    now = now or timezone.now()
    events = visible_events(viewer, now=now).select_related("organisation", "series")
    if past:
        events = events.filter(ends_at__lte=now).order_by("-starts_at", "-pk")
    else:
        events = events.filter(ends_at__gt=now).order_by("starts_at", "pk")
    if kind:
        events = events.filter(kind=kind)
    if region is not None:
        in_region = Event.all_objects.filter(
            Q(organisation__region=region) | Q(audience_regions=region)
        ).values("pk")
        events = events.filter(pk__in=in_region)
    return events


#: What a row of the list shows (``rows.py``).
LIST_ROW_COLUMNS = (
    "pk",
    "kind",
    "starts_at",
    "ends_at",
    "location",
    "online_url",
    "cancelled_at",
    "published_at",
    "capacity",
    "registered_count",
    *translated_columns(Event, "title"),
    *(f"organisation__{c}" for c in ["name", *translated_columns(Organisation, "name")]),
)
#: Beyond this page number the paginator answers (its last page): no huge offset is read.
MAX_LIST_PAGE = 10**6


def _list_page(viewer, *, past: bool, start: int, stop: int, now, kind="", region=None):
    # A window of ``event_list`` with the columns a row shows and the list's count
    # (``kaiku.core.paging``), kept per viewer's role set (``kaiku.core.prepared``).
    events = event_list(viewer, past=past, kind=kind, region=region, now=now)
    rows = events.select_related(None).select_related("organisation").only(*LIST_ROW_COLUMNS)
    return with_total(rows)[start:stop]


def event_page(viewer, number, per_page: int, *, past: bool = False, kind: str = "", region=None):
    """``Paginator(event_list(...), per_page).get_page(number)``: a page of the list with
    the columns a row shows, read with the list's count by one kept query."""
    now = timezone.now()
    values = {"now": now}
    if kind:
        values["kind"] = kind
    if region is not None:
        values["region"] = region.pk

    def read(start: int, stop: int) -> list[Event]:
        shape = {"past": past, "start": start, "stop": stop}
        return for_viewer(viewer, _list_page, shape=shape, **values)

    def everything():
        return event_list(viewer, past=past, kind=kind, region=region, now=now)

    return page_of(everything, number, per_page, max_page=MAX_LIST_PAGE, read=read)


def event_get_for(viewer, pk: int) -> Event:
    """The event, or 404 when the viewer may not see it (a draft is for its managers)."""
    if pk > MAX_PK:
        raise Http404
    # Read by its key, then the content layer decides from the row (``may_see``: no query for
    # a public or staff event; the audience's subquery only for a members-only one).
    rows = run(_event_by_key, pk=pk)
    event = rows[0] if rows else None
    if event is None or not may_see(viewer, event):
        raise Http404
    published = event.published_at is not None and event.published_at <= timezone.now()
    if not published and not may_manage_event(viewer, event):
        raise Http404
    return event


def _event_by_key(*, pk: int):
    # event_get_for's read, kept (``kaiku.core.prepared``).
    related = ("organisation", "series", "team", "organiser", "feedback_survey")
    return Event.objects.select_related(*related).filter(pk=pk)[:1]


def registration_of(event: Event, person) -> Registration | None:
    if not getattr(person, "is_authenticated", False):
        return None
    rows = run(_registration, event=event.pk, person=person.pk)
    return rows[0] if rows else None


def _registration(*, event: int, person: int):
    return Registration.objects.filter(event=event, person=person).order_by("pk")[:1]


def is_registered(event: Event, person) -> bool:
    return bool(
        getattr(person, "is_authenticated", False)
        and Registration.objects.filter(
            event=event, person=person, status=RegistrationStatus.REGISTERED
        ).exists()
    )


def registered_event_ids(person, event_ids) -> set[int]:
    """Of ``event_ids``, the events ``person`` holds a place in (one query)."""
    if not getattr(person, "is_authenticated", False):
        return set()
    return set(
        Registration.objects.filter(
            person=person, event_id__in=list(event_ids), status=RegistrationStatus.REGISTERED
        ).values_list("event_id", flat=True)
    )


def statuses_for(person, event_ids) -> dict[int, str]:
    """``{event id: status}`` of ``person``'s active registrations among ``event_ids``."""
    if not getattr(person, "is_authenticated", False):
        return {}
    ids = list(event_ids)
    return dict(run(_statuses, person=person.pk, ids=ids)) if ids else {}


def _statuses(*, person: int, ids: list[int]):
    # statuses_for's query, kept (``kaiku.core.prepared``).
    active = Registration.objects.filter(person=person, event_id__in=ids, status__in=ACTIVE)
    return active.values_list("event_id", "status")


def materials_for(event: Event, *, now=None, manager: bool = False) -> list[EventMaterial]:
    """The event's materials; those for after the event once it has ended (managers see
    all)."""
    everything = manager or event.is_past(now=now)
    return run(_materials, shape={"everything": everything}, event=event.pk)


def _materials(*, event: int, everything: bool):
    materials = EventMaterial.objects.filter(event=event).order_by("order", "pk")
    return materials if everything else materials.filter(after_event=False)


def material_get_for(viewer, event_pk: int, pk: int) -> EventMaterial:
    event = event_get_for(viewer, event_pk)
    if pk > MAX_PK:
        raise Http404
    manager = may_manage_event(viewer, event)
    material = next((m for m in materials_for(event, manager=manager) if m.pk == pk), None)
    if material is None:
        raise Http404
    return material


def registrations(event: Event):
    """The event's registrations with the person and their organisation (one query)."""
    return (
        Registration.objects.filter(event=event)
        .select_related("person", "organisation")
        .order_by("queued_at", "pk")
    )


def registration_summary(event: Event) -> dict:
    """Registered people counted by organisation and by organisation type (two queries)."""
    registered = Registration.objects.filter(event=event, status=RegistrationStatus.REGISTERED)
    by_organisation = list(
        registered.values("organisation__name", "organisation__type")
        .annotate(n=Count("pk"))
        .order_by("-n", "organisation__name")
    )
    labels = dict(OrganisationType.choices)
    by_type: dict[str, int] = {}
    for row in by_organisation:
        key = str(labels.get(row["organisation__type"], ""))
        by_type[key] = by_type.get(key, 0) + row["n"]
    counts = dict(
        Registration.objects.filter(event=event)
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    return {
        "by_organisation": by_organisation,
        "by_type": sorted(by_type.items(), key=lambda kv: -kv[1]),
        "counts": counts,
    }


def calendar_events(person, *, now=None):
    """The events ``person`` is registered for (and may still see), for their calendar
    feed: from a year back on."""
    import datetime

    now = now or timezone.now()
    return (
        visible_events(person, now=now)
        .filter(
            pk__in=Registration.objects.filter(
                person=person, status=RegistrationStatus.REGISTERED
            ).values("event_id"),
            starts_at__gte=now - datetime.timedelta(days=365),
        )
        .order_by("starts_at", "pk")
    )


def with_materials(events):
    return events.prefetch_related(
        Prefetch("materials", queryset=EventMaterial.objects.order_by("order", "pk"))
    )


def team_events(viewer, team, *, upcoming: int = 10, past: int = 3, now=None):
    """A team's published events that ``viewer`` may see, for the team's page: the next
    ``upcoming`` (still going on included, cancelled ones marked), soonest first, and the
    last ``past`` held ones, latest first. One query, whatever the number of events."""
    now = now or timezone.now()
    mine = Event.objects.visible_to(viewer).filter(published_q(now=now), team=team)
    coming = mine.filter(ends_at__gt=now).order_by("starts_at", "pk").values("pk")[:upcoming]
    held = (
        mine.filter(ends_at__lte=now, cancelled_at__isnull=True)
        .order_by("-starts_at", "-pk")
        .values("pk")[:past]
    )
    rows = list(Event.objects.filter(Q(pk__in=coming) | Q(pk__in=held)).order_by("starts_at", "pk"))
    return (
        [e for e in rows if e.ends_at > now],
        [e for e in reversed(rows) if e.ends_at <= now],
    )


def _upcoming_registered(*, person: int, now):
    # upcoming_for's read of the candidates (kept: ``kaiku.core.prepared``).
    return (
        Event.objects.filter(
            registrations__person_id=person,
            registrations__status__in=ACTIVE,
            ends_at__gt=now,
            cancelled_at__isnull=True,
        )
        .annotate(my_status=F("registrations__status"))
        .only(
            "pk",
            "starts_at",
            "visibility",
            "published_at",
            "deleted_at",
            *translated_columns(Event, "title"),
        )
        .order_by("starts_at", "pk")
    )


def upcoming_for(person, *, limit: int = 5, now=None) -> list[Event]:
    """``person``'s upcoming events (registered or waiting) that they may see, soonest first,
    each with ``my_status``; the columns a list shows. One kept query
    (``kaiku.core.prepared``): the person's few upcoming registrations are read with their
    events and the content layer decides from the loaded rows (``may_see``: no query for
    public and staff events); a second one only when some of them are for an audience
    (``visible_pks``, all of them at once)."""
    now = now or timezone.now()
    candidates = run(_upcoming_registered, person=person.pk, now=now)
    if not candidates:
        return []
    if not is_organiser(person):  # drafts and scheduled events are for organisers
        candidates = [e for e in candidates if e.published_at is not None and e.published_at <= now]
    members = [(Event, e.pk) for e in candidates if e.visibility == Visibility.MEMBERS]
    seen = visible_pks(person, members) if members else set()
    shown = [
        e
        for e in candidates
        if ((Event, e.pk) in seen if e.visibility == Visibility.MEMBERS else may_see(person, e))
    ]
    return shown[:limit]
