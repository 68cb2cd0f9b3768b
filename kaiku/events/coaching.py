"""Coaching programmes: a series of events (``Event.series``) for a target group.

Organisers (``rules.is_organiser``: change coordinators, communications, administrators)
create programmes; a programme is managed by its own organiser and by change coordinators
and administrators (like an event). Its audience works like an event's (``content.py``,
scope ``events.programme_audience``): everyone (public or signed-in), organisation types,
regions or organisations; a draft (``published_at`` empty) is seen by organisers only.

A participant's *progress* is how many of the programme's sessions they attended
(``Registration.attended``); the organiser's *attendance matrix* is every person registered
for a session × the sessions, read in a fixed number of queries, and exported as CSV.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from kaiku.core.audit import audit_log
from kaiku.core.content import published_q
from kaiku.core.predicates import is_authenticated
from kaiku.core.translations import translated
from kaiku.core.writes import model_update

from .models import AudienceKind, CoachingProgramme, Event, Registration, RegistrationStatus
from .rules import is_organiser, manages_all

PROGRAMME_FIELDS = (*translated("title", "description"), "audience", "visibility", "organisation")
#: Audiences a programme may have (a programme has no team).
PROGRAMME_AUDIENCES = [c for c in AudienceKind.choices if c[0] != AudienceKind.TEAM]


# --- Who ----------------------------------------------------------------------------------------


def may_manage_programme(user, programme: CoachingProgramme) -> bool:
    if not is_authenticated(user) or not is_organiser(user):
        return False
    return bool(manages_all(user) or programme.organiser_id == user.pk)


# --- Reading ------------------------------------------------------------------------------------


def visible_programmes(viewer):
    programmes = CoachingProgramme.objects.visible_to(viewer)
    if not is_organiser(viewer):
        programmes = programmes.filter(published_q())
    return programmes


def programme_list(viewer):
    from django.db.models import Count, Max, Min

    return (
        visible_programmes(viewer)
        .annotate(
            session_count=Count("events", filter=_live_sessions_q("events__")),
            first_session=Min("events__starts_at", filter=_live_sessions_q("events__")),
            last_session=Max("events__starts_at", filter=_live_sessions_q("events__")),
        )
        .order_by("title", "pk")
    )


def _live_sessions_q(prefix: str = ""):
    from django.db.models import Q

    return Q(**{f"{prefix}deleted_at__isnull": True, f"{prefix}cancelled_at__isnull": True})


def programme_get_for(viewer, slug: str) -> CoachingProgramme:
    programme = visible_programmes(viewer).filter(slug=slug).first()
    if programme is None:
        raise Http404
    return programme


def sessions(programme: CoachingProgramme, viewer, *, manager: bool = False) -> list[Event]:
    """The programme's sessions the viewer may see, in order (cancelled ones included, marked;
    drafts for its managers only). One query (two with a members-only audience)."""
    events = Event.objects.visible_to(viewer).filter(series=programme)
    if not manager:
        events = events.filter(published_q())
    return list(events.order_by("starts_at", "pk"))


@dataclass
class Progress:
    attended: int
    total: int
    registered: int

    @property
    def percent(self) -> int:
        return round(100 * self.attended / self.total) if self.total else 0


def progress_of(person, session_list: list[Event]) -> Progress | None:
    """``person``'s progress through the sessions: how many they attended of those held so
    far and in all. None when they have registered for none. One query."""
    if not is_authenticated(person) or not session_list:
        return None
    rows = list(
        Registration.objects.filter(
            person=person, event__in=[e.pk for e in session_list]
        ).values_list("status", "attended")
    )
    if not rows:
        return None
    held = [e for e in session_list if not e.is_cancelled]
    return Progress(
        attended=sum(1 for _status, attended in rows if attended),
        total=len(held),
        registered=sum(1 for status, _a in rows if status == RegistrationStatus.REGISTERED),
    )


@dataclass
class Matrix:
    sessions: list[Event]
    #: (person, [attended per session: True, False, None (not marked), "" (not registered)],
    #: attended count), by name.
    rows: list[tuple] = field(default_factory=list)
    #: How many attended each session.
    totals: list[int] = field(default_factory=list)


def attendance_matrix(session_list: list[Event]) -> Matrix:
    """Everyone with a place in a session (registered or cancelled after attending) ×
    the sessions. One query whatever the number of people and sessions."""
    matrix = Matrix(sessions=session_list)
    if not session_list:
        return matrix
    index = {event.pk: n for n, event in enumerate(session_list)}
    regs = (
        Registration.objects.filter(event__in=list(index))
        .exclude(status=RegistrationStatus.WAITLISTED)
        .select_related("person", "person__organisation")
    )
    people: dict[int, tuple] = {}
    for reg in regs:
        if reg.status == RegistrationStatus.CANCELLED and not reg.attended:
            continue
        person, cells = people.setdefault(reg.person_id, (reg.person, [""] * len(session_list)))
        cells[index[reg.event_id]] = reg.attended
    rows = sorted(people.values(), key=lambda row: (row[0].full_name or "", row[0].email))
    matrix.rows = [(person, cells, sum(1 for c in cells if c is True)) for person, cells in rows]
    matrix.totals = [
        sum(1 for _p, cells, _n in matrix.rows if cells[i] is True) for i in index.values()
    ]
    return matrix


# --- Writing ------------------------------------------------------------------------------------


def _unique_slug(title: str) -> str:
    base = slugify(title)[:90] or "valmennus"
    slug, n = base, 2
    while CoachingProgramme.all_objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _visibility_for(audience: str, visibility: str | None) -> str:
    if audience == AudienceKind.EVERYONE:
        return visibility if visibility in ("public", "staff") else "staff"
    return "members"


def _set_audience(programme, *, regions=(), organisations=()) -> None:
    programme.audience_regions.set(regions if programme.audience == AudienceKind.REGIONS else [])
    programme.audience_organisations.set(
        organisations if programme.audience == AudienceKind.ORGANISATIONS else []
    )


def _types(audience: str, types) -> str:
    return ",".join(sorted(set(types))) if audience == AudienceKind.ORGANISATION_TYPES else ""


def _check_audience(audience: str) -> None:
    if audience not in dict(PROGRAMME_AUDIENCES):
        raise ValidationError({"audience": _("Choose the audience.")})


@transaction.atomic
def programme_create(
    *, actor, types=(), regions=(), organisations=(), publish: bool = False, **fields
) -> CoachingProgramme:
    unknown = set(fields) - set(PROGRAMME_FIELDS)
    if unknown:
        raise TypeError(f"Unknown programme fields: {sorted(unknown)}")
    programme = CoachingProgramme(**fields, organiser=actor)
    _check_audience(programme.audience)
    programme.visibility = _visibility_for(programme.audience, fields.get("visibility"))
    programme.audience_types = _types(programme.audience, types)
    programme.slug = _unique_slug(programme.title_fi or programme.title)
    if publish:
        programme.published_at = timezone.now()
    programme.full_clean()
    programme.save()
    _set_audience(programme, regions=regions, organisations=organisations)
    audit_log(action="coaching_programme_created", actor=actor, target=programme)
    return programme


@transaction.atomic
def programme_update(
    *,
    programme: CoachingProgramme,
    actor,
    types=(),
    regions=(),
    organisations=(),
    publish: bool | None = None,
    **fields,
) -> CoachingProgramme:
    data = dict(fields)
    audience = data.get("audience", programme.audience)
    _check_audience(audience)
    data["visibility"] = _visibility_for(audience, data.get("visibility", programme.visibility))
    data["audience_types"] = _types(audience, types)
    if publish is True and programme.published_at is None:
        data["published_at"] = timezone.now()
    elif publish is False:
        data["published_at"] = None
    programme, _changed = model_update(
        programme, data=data, allowed=(*PROGRAMME_FIELDS, "audience_types", "published_at")
    )
    _set_audience(programme, regions=regions, organisations=organisations)
    audit_log(action="coaching_programme_updated", actor=actor, target=programme)
    return programme


@transaction.atomic
def programme_set_sessions(*, programme: CoachingProgramme, actor, events) -> int:
    """Make ``events`` (those the actor may manage: the caller offers only those) the
    programme's sessions; the actor's other events of the programme leave it. Returns how
    many are in it now."""
    from .rules import may_manage_event

    chosen = {e.pk for e in events if may_manage_event(actor, e)}
    current = Event.objects.filter(series=programme)
    leaving = [e.pk for e in current if e.pk not in chosen and may_manage_event(actor, e)]
    Event.all_objects.filter(pk__in=leaving).update(series=None, updated=timezone.now())
    Event.all_objects.filter(pk__in=chosen).update(series=programme, updated=timezone.now())
    audit_log(
        action="coaching_programme_sessions",
        actor=actor,
        target=programme,
        data={"events": sorted(chosen)},
    )
    return Event.objects.filter(series=programme).count()
