"""Reads of organisations and regions.

Organisations and regions are public information; only the people who belong to an
organisation are shown to logged-in viewers alone (``organisation_members``).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.paginator import Page
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone
from django.utils.translation import get_language, npgettext

from kaiku.core import prepared
from kaiku.core.links import reverse_cached
from kaiku.core.paging import page_of, with_total
from kaiku.core.translations import translated_columns

from .models import Organisation, OrganisationType, Region

#: Beyond this page number the paginator answers (its last page): no huge offset is read.
MAX_LIST_PAGE = 10**6

# The noun after a count ("308 municipalities"), plural-aware so that languages with a
# partitive after numbers read right ("308 kuntaa"). The context is written out in every call:
# makemessages reads only literal strings.
_STAT_LABELS = {
    OrganisationType.MINISTRY: lambda n: npgettext(
        "after a count of organisations", "ministry", "ministries", n
    ),
    OrganisationType.KEHA_CENTRE: lambda n: npgettext(
        "after a count of organisations", "KEHA centre", "KEHA centres", n
    ),
    OrganisationType.ELY_CENTRE: lambda n: npgettext(
        "after a count of organisations", "ELY centre", "ELY centres", n
    ),
    OrganisationType.TE_OFFICE: lambda n: npgettext(
        "after a count of organisations", "TE office", "TE offices", n
    ),
    OrganisationType.MUNICIPALITY: lambda n: npgettext(
        "after a count of organisations", "municipality", "municipalities", n
    ),
    OrganisationType.EMPLOYMENT_AREA: lambda n: npgettext(
        "after a count of organisations", "employment area", "employment areas", n
    ),
    OrganisationType.MUNICIPAL_PILOT: lambda n: npgettext(
        "after a count of organisations", "municipal pilot", "municipal pilots", n
    ),
    OrganisationType.OTHER: lambda n: npgettext(
        "after a count of organisations", "other organisation", "other organisations", n
    ),
}


def _stat_label(value: str, n: int) -> str:
    return _STAT_LABELS[value](n)


def _type_counts(*, today: datetime.date):
    return (
        Organisation.objects.filter(active_q(today=today))
        .order_by()
        .values_list("type")
        .annotate(n=Count("id"))
        .values_list("type", "n")
    )


def organisation_stats() -> list[dict]:
    """How many organisations of each type exist today, for the front page. Closed ones (the
    TE offices of 2024) are not counted; the list the count links to shows the same."""
    counts = dict(prepared.run(_type_counts, today=timezone.localdate()))
    base = reverse_cached("organisations:list")
    return [
        {
            "label": _stat_label(value, counts[value]),
            "count": counts[value],
            "url": f"{base}?type={value}",
        }
        for value, _label in OrganisationType.choices
        if counts.get(value)
    ]


def _ordering_language() -> str:
    language = (get_language() or "fi").split("-")[0]
    return language if language in {"sv", "en"} else "fi"


def name_ordering(language: str | None = None):
    """Order by the name in ``language`` (default: the active one), falling back to Finnish."""
    language = language or _ordering_language()
    if language not in {"fi", "sv", "en"} or language == "fi":
        return Coalesce("name_fi", "name")
    return Coalesce(f"name_{language}", "name_fi")


def active_q(*, today: datetime.date | None = None) -> Q:
    """Organisations that exist today (not closed, already started)."""
    today = today or timezone.localdate()
    return (Q(valid_until__isnull=True) | Q(valid_until__gte=today)) & (
        Q(valid_from__isnull=True) | Q(valid_from__lte=today)
    )


def search_q(text: str) -> Q:
    """Matches the name in any language, the abbreviation or the official code."""
    text = text.strip()
    return (
        Q(name_fi__icontains=text)
        | Q(name_sv__icontains=text)
        | Q(name_en__icontains=text)
        | Q(abbreviation__iexact=text)
        | Q(code=text)
    )


def in_region_q(region: Region) -> Q:
    """Organisations located in ``region`` or serving it (without duplicating rows)."""
    served = Organisation.regions.through.objects.filter(region=region).values("organisation_id")
    return Q(region=region) | Q(pk__in=served)


def organisation_list(
    *, filters: dict[str, Any] | None = None, today: datetime.date | None = None
) -> QuerySet[Organisation]:
    """Organisations for the list page, ordered by name.

    ``filters`` (all optional): ``q`` text, ``type`` an OrganisationType value, ``region`` a
    Region (or its id), ``show_former`` (default False: organisations closed before
    ``today`` are hidden).
    """
    filters = filters or {}
    queryset = Organisation.objects.select_related("region").only(
        "slug",
        "abbreviation",
        "type",
        "valid_from",
        "valid_until",
        "region",
        *translated_columns(Organisation, "name"),
        *(f"region__{column}" for column in translated_columns(Region, "name")),
    )
    if not filters.get("show_former"):
        today = today or timezone.localdate()
        queryset = queryset.filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today))
    if filters.get("type"):
        queryset = queryset.filter(type=filters["type"])
    if filters.get("region"):
        queryset = queryset.filter(in_region_q(filters["region"]))
    if filters.get("q"):
        queryset = queryset.filter(search_q(filters["q"]))
    return queryset.order_by(name_ordering(), "pk")


def _list_page(*, start: int, stop: int, show_former: bool, **filters):
    # A window of organisation_list with the list's count (kaiku.core.paging), kept.
    today = filters.pop("today", None)
    listed = organisation_list(filters={"show_former": show_former, **filters}, today=today)
    return with_total(listed)[start:stop]


def organisation_page(*, filters: dict[str, Any], number, per_page: int) -> Page:
    """``Paginator(organisation_list(filters=filters), per_page).get_page(number)``: the
    page's rows and the count in one query, kept (``kaiku.core.prepared``) unless a name is
    searched for (a text matched inside the names is not a plain value)."""
    if filters.get("q"):
        listed = organisation_list(filters=filters)
        return page_of(listed, number, per_page, max_page=MAX_LIST_PAGE)
    show_former = bool(filters.get("show_former"))
    values: dict[str, Any] = {} if show_former else {"today": timezone.localdate()}
    if filters.get("type"):
        values["type"] = filters["type"]
    if filters.get("region"):
        region = filters["region"]
        values["region"] = getattr(region, "pk", region)

    def read(start: int, stop: int) -> list[Organisation]:
        shape = {"start": start, "stop": stop, "show_former": show_former}
        return prepared.run(_list_page, shape=shape, **values)

    def everything():
        return organisation_list(filters=filters)

    return page_of(everything, number, per_page, max_page=MAX_LIST_PAGE, read=read)


def _organisation(*, slug: str):
    return Organisation.objects.select_related("region", "parent").filter(slug=slug)


def _served_regions(*, organisation: int):
    return Region.objects.filter(served_by=organisation)


def _municipalities(*, language: str, organisation: int):
    return (
        Organisation.objects.select_related("region")
        .filter(member_of=organisation)
        .order_by(name_ordering(language))
    )


def _member_of(*, language: str, organisation: int):
    return Organisation.objects.filter(municipalities=organisation).order_by(
        "type", name_ordering(language)
    )


def _children(*, language: str, organisation: int):
    return Organisation.objects.filter(parent=organisation).order_by(name_ordering(language))


def _prefetched(organisation: Organisation, name: str, rows: list) -> None:
    # What prefetch_related leaves behind: the relation's queryset with its rows read.
    queryset = getattr(organisation, name).all()
    queryset._result_cache = rows
    queryset._prefetch_done = True
    organisation._prefetched_objects_cache[name] = queryset


def organisation_get(*, slug: str) -> Organisation:
    """One organisation with everything its page shows (its served regions, member
    municipalities, the areas it belongs to and its subordinates as prefetched relations);
    Http404 when unknown. Each read is a kept query (``kaiku.core.prepared``)."""
    found = prepared.run(_organisation, slug=slug)
    if not found:
        raise Http404("No such organisation.")
    organisation = found[0]
    pk = organisation.pk
    language = _ordering_language()
    organisation._prefetched_objects_cache = {}
    _prefetched(organisation, "regions", prepared.run(_served_regions, organisation=pk))
    for name, build in (
        ("municipalities", _municipalities),
        ("member_of", _member_of),
        ("children", _children),
    ):
        rows = prepared.run(build, shape={"language": language}, organisation=pk)
        _prefetched(organisation, name, rows)
    return organisation


def _member_count(*, organisation: int):
    return (
        _active_members(organisation)
        .order_by()
        .values("organisation")
        .annotate(n=Count("pk"))
        .values_list("n")
    )


def _member_people(*, organisation: int):
    # What the page shows of a person (``display_name`` and the title), not the whole row.
    people = _active_members(organisation).order_by("full_name", "email")
    return people.only("full_name", "email", "title", "removed_at")


def _active_members(organisation: int):
    people = Organisation.members.rel.related_model
    return people._default_manager.filter(
        organisation=organisation, is_active=True, removed_at__isnull=True
    )


def organisation_members(*, organisation: Organisation, viewer) -> dict[str, Any]:
    """The organisation's active people. Only logged-in viewers see who they are;
    anonymous visitors get the number only (privacy: names and titles are personal data)."""
    if not getattr(viewer, "is_authenticated", False):
        counted = prepared.run(_member_count, organisation=organisation.pk)
        return {"count": counted[0][0] if counted else 0, "people": None}
    people = prepared.run(_member_people, organisation=organisation.pk)
    return {"count": len(people), "people": people}


def region_list() -> QuerySet[Region]:
    return Region.objects.order_by("code")


def region_get(*, slug: str) -> Region:
    try:
        return Region.objects.get(slug=slug)
    except Region.DoesNotExist:
        raise Http404("No such region.") from None


def region_overview(*, region: Region) -> dict[str, Any]:
    """What the region page shows: its municipalities, ELY centres, employment areas and
    the other organisations located in or serving it."""
    ordering = name_ordering()
    related = Organisation.objects.filter(in_region_q(region)).order_by(ordering, "pk")
    rows = list(related)
    by_type: dict[str, list[Organisation]] = {}
    for organisation in rows:
        by_type.setdefault(organisation.type, []).append(organisation)
    main_types = {
        OrganisationType.MUNICIPALITY,
        OrganisationType.ELY_CENTRE,
        OrganisationType.EMPLOYMENT_AREA,
    }
    return {
        "municipalities": by_type.get(OrganisationType.MUNICIPALITY, []),
        "ely_centres": by_type.get(OrganisationType.ELY_CENTRE, []),
        "employment_areas": by_type.get(OrganisationType.EMPLOYMENT_AREA, []),
        "others": [o for o in rows if o.type not in main_types],
    }
