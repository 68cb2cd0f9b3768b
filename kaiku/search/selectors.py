"""Reading the index: ranked, faceted results that the viewer may see, in a fixed number of
queries whatever the number of results.

Who may see an entry is decided when it is read, never by the index: every entry is joined
to its row through ``kaiku.core.content.visible_q`` (and the model's ``restrict``), so
members-only, staff-only, moderation-hidden, unpublished and deleted rows, and the rows
within a deleted or hidden parent, are left out of the results, the counts and the facets
alike.

A search looks at the ``CANDIDATES`` best matches only: the full-text engine ranks the
matches (FTS5's bm25 or PostgreSQL's ``ts_rank``; past ``fulltext.WINDOW`` matches, the most
recent ones and the most recent title matches) and hands out the top of its ranking, and only
those candidates are checked for visibility, counted, faceted and paged. The cut is made
before visibility, so it is the same for every viewer. When matches were left out and the
viewer may see at least half of the candidates (``MORE_VISIBLE``), ``more`` is true and
``total`` is a lower bound ("more than … results: refine your search"); the flag never
depends on matches the viewer may not see alone. A search page costs:

1. one query for the best candidates on PostgreSQL (the ranked window, with the title window
   in the same statement when the window cut), one on SQLite (two when the window cut), and
   as many again when the cut applies and a filter is chosen (the filters are facet terms of
   the same full-text query: a filtered search is not limited to the best matches of the
   unfiltered one);
2. on SQLite one for the candidates' types, groups and years (on PostgreSQL they come with
   the candidates, see ``fulltext.best``); one per type among them for the rows the viewer
   may see, with the model's own restriction (``Searchable.restrict``) at the search's time
   as a value of the kept query; a ``restrict(viewer)`` without ``now`` is built afresh
   instead, one more query per such type on PostgreSQL. The total, the facets and the order
   of the pages are worked out from these in Python; each facet counts with the other
   facets' filters applied;
3. one for the page's entries (their titles and bodies, for the snippets);
4. one per type on the page whose address needs other rows (a meeting's group's and
   programme's slugs) for the values it is made of (``addresses``), or the rows of a type
   without an ``addresses.Address``; a row deleted since the visibility check is left out.
   A type whose address is made of its own columns (a news item's slug, a question's pk)
   gets them with the visibility (step 2) and needs no query here;
5. one for the working groups' names.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Page, Paginator
from django.db import models
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from kaiku.core import prepared
from kaiku.core.content import visible_q
from kaiku.core.search import Searchable, searchables
from kaiku.core.translations import Chooser
from kaiku.programme.models import WorkingGroup

from . import analysis
from .addresses import Addresses, address_of
from .analysis import Query
from .fulltext import best, kept, pk_array, pk_in, pk_in_array, rows_of
from .models import SearchEntry

PAGE_SIZE = 20
# Groups shown in the group facet (the ones with the most results, and the chosen one).
GROUP_FACET_SIZE = 12
# How many of the best matches (by the full-text engine's rank, before visibility) a search
# checks, counts and facets. Past this, the page says "more than … results" and the API sets
# ``more``: checking the visibility of every one of 70,000 matches took over a second.
CANDIDATES = 1000
# The share of the candidates the viewer must see for the page to say "more than … results".
MORE_VISIBLE = 0.5


def type_key(model: type[models.Model]) -> str:
    return model._meta.label_lower


def searchable_types() -> dict[str, Searchable]:
    """The searchable models by their key in URLs and the API (``news.newsitem``)."""
    return {type_key(model): s for model, s in searchables().items()}


_HIT_COLUMNS = ("content_type_id", "object_id", "group_pk", "date") + tuple(
    f"{field}_{code}" for field in ("title", "body") for code in ("fi", "sv", "en")
)


_long_texts_of: dict[type[models.Model], tuple[str, ...]] = {}


def _long_texts(searchable: Searchable) -> tuple[str, ...]:
    """The long texts (``TextField``: bodies, their HTML, descriptions in every language) of
    a searchable model and of the rows it reads along (``select_related``): a hit needs its
    row for the address only, and the hit's texts come from the entry."""
    model = searchable.model
    found = _long_texts_of.get(model)
    if found is None:
        names: list[str] = []
        paths = [("", model)]
        for path in searchable.select_related:
            related = model
            for name in path.split("__"):
                related = related._meta.get_field(name).related_model
            paths.append((f"{path}__", related))
        for prefix, each in paths:
            names += [
                f"{prefix}{field.name}"
                for field in each._meta.concrete_fields
                if isinstance(field, models.TextField)
            ]
        found = _long_texts_of[model] = tuple(names)
    return found


# The queries on a list of primary keys, built by module-level functions so that on
# PostgreSQL they are kept queries (``kaiku.core.prepared``): the list is one text
# parameter (``fulltext.pk_array``), a value whatever its length. On SQLite the list is
# written into the SQL, and each query is built afresh.


def _pks_where(model: type[models.Model], array: str):
    if kept():
        return pk_in_array(model, array)
    return pk_in(model, [int(pk) for pk in array[1:-1].split(",") if pk])


_NO_VIEWER = object()


def _read(build, viewer=_NO_VIEWER, *, shape: dict, **values) -> list:
    if kept():
        if viewer is _NO_VIEWER:
            return prepared.run(build, shape=shape, **values)
        return prepared.for_viewer(viewer, build, shape=shape, **values)
    if viewer is _NO_VIEWER:
        return list(build(**shape, **values))
    return list(build(viewer, **shape, **values))


def _entry_facets(*, array: str):
    return SearchEntry.objects.filter(_pks_where(SearchEntry, array)).values_list(
        "pk", "content_type_id", "object_id", "group_pk", "year"
    )


def _visible_ids(viewer, *, key: str, restricted: bool, array: str, now=None):
    """The rows the content layer lets ``viewer`` see, and when ``restricted`` the model's
    own restriction at ``now`` as well (``Searchable.restrict``)."""
    searchable = searchable_types()[key]
    model = searchable.model
    # A plain queryset: the translation-aware one handles every row in Python.
    return (
        models.QuerySet(model)
        .filter(
            visible_q(model, viewer),
            searchable.restrict_q(viewer, now) if restricted else models.Q(),
            _pks_where(model, array),
        )
        # Tuples (flat=True yields row by row in Python), with the row's own columns its
        # address is made of (``_own_address_columns``).
        .values_list("pk", *(_own_address_columns(key) or ()))
    )


def _own_address_columns(key: str) -> tuple[str, ...] | None:
    """The columns besides the pk that a type's address is made of, when they are all of its
    own row: read with the visibility (a few more values per candidate cost less than a
    query for the page's rows); ``None`` when the address needs other rows or the row."""
    address = address_of(key)
    if address is None or any("__" in field for field in address.fields):
        return None
    return tuple(field for field in address.fields if field != "pk")


def _hit_entries(*, array: str):
    # What a hit shows (not the entry's terms, as long as its texts).
    return SearchEntry.objects.filter(_pks_where(SearchEntry, array)).values("pk", *_HIT_COLUMNS)


def _hit_objects(*, key: str, array: str):
    searchable = searchable_types()[key]
    model = searchable.model
    return (
        model._base_manager.filter(_pks_where(model, array))
        .select_related(*searchable.select_related)
        .defer(*_long_texts(searchable))
    )


def _hit_addresses(*, key: str, array: str):
    # The values the rows' addresses are made of (``addresses.Address``), not the rows.
    model = searchable_types()[key].model
    return (
        models.QuerySet(model)
        .filter(_pks_where(model, array))
        .values_list("pk", *address_of(key).fields)
    )


def _group_names(viewer, *, array: str):
    # The names only (a group's row holds its mandate in three languages), as plain values.
    return (
        models.QuerySet(WorkingGroup)
        .filter(visible_q(WorkingGroup, viewer), _pks_where(WorkingGroup, array))
        .values_list("pk", *Chooser.columns(WorkingGroup, "name"))
    )


@dataclass(frozen=True)
class GroupName:
    """The working group of a hit or of the group facet: its pk and its name on the page."""

    pk: int
    name: str


@dataclass
class Hit:
    key: str
    type_label: str
    object_id: int
    url: str
    title: SafeString
    # The title as plain text (``title`` is it escaped and highlighted).
    title_text: str
    title_language: str
    snippet: SafeString
    snippet_language: str
    date: object
    group: GroupName | None
    score: float
    # The row itself, when it was read (a type without an ``addresses.Address``); else ``obj``
    # reads it.
    row: models.Model | None = None

    @property
    def obj(self) -> models.Model:
        """The hit's row (read now when the page did not need it)."""
        if self.row is None:
            model = searchable_types()[self.key].model
            self.row = model._base_manager.get(pk=self.object_id)
        return self.row


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


class _LazyHits(Sequence):
    """What ``Paginator`` pages: the total is known, a slice runs the page's queries."""

    def __init__(self, total: int, fetch, *, more: bool = False):
        self.total = total
        self.fetch = fetch
        self.more = more  # total is a lower bound (the API's ``more``)

    def count(self) -> int:
        return self.total

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, index):
        if isinstance(index, slice):
            return self.fetch(index.start or 0, self.total if index.stop is None else index.stop)
        return self.fetch(index, index + 1)[0]


class Search:
    """One search by one viewer: ``total`` and the facets at once, ``page(number)`` later.

    ``types`` are keys of ``searchable_types()`` (unknown ones are ignored), ``group`` a
    working group's pk, ``year`` a year of the entries' dates, ``now`` the time the models'
    own restrictions are checked at (default: the time now)."""

    def __init__(
        self,
        *,
        viewer,
        query: Query | None,
        types: Sequence[str] = (),
        group: int | None = None,
        year: int | None = None,
        page_size: int = PAGE_SIZE,
        now=None,
    ):
        self.viewer = viewer
        self.query = query
        # The time of the search, for the models' own restrictions (published by now).
        self.now = timezone.now() if now is None else now
        self.by_key = searchable_types()
        self.wanted_types = [key for key in dict.fromkeys(types) if key in self.by_key]
        self.group = group
        self.year = year
        self.total = 0
        # More entries match than the CANDIDATES best that were looked at: total is a lower
        # bound.
        self.more = False
        self.types: list[FacetValue] = []
        self.years: list[FacetValue] = []
        self.groups: list[FacetValue] = []
        self._group_counts: Counter = Counter()
        self._facet_groups: list[int] = []
        self._group_names: dict[int, GroupName] | None = None
        # Per type, the visible rows' address columns read with the visibility (by pk).
        self._address_values: dict[str, dict[int, tuple]] = {}
        self.paginator = Paginator(_LazyHits(0, lambda start, stop: []), page_size)
        if query is None or not self.by_key:
            return
        self.cts = ContentType.objects.get_for_models(*(s.model for s in self.by_key.values()))
        self.ct_key = {self.cts[s.model].pk: key for key, s in self.by_key.items()}
        self._count()
        self.paginator = Paginator(_LazyHits(self.total, self._fetch, more=self.more), page_size)

    # --- visibility ---------------------------------------------------------------------

    def _visible_entries(self, pks: list[int], known: dict[int, tuple]) -> dict[int, tuple]:
        """The entries among ``pks`` whose row the viewer may see, with their facets as
        ``(type key, group_pk, year)``: one query for the entries, then one per type
        among them for the rows the content layer lets the viewer see (a primary-key look-up
        per candidate, and only the types that occur: each type's condition costs more to
        build than to run). The entries' facets already read with the candidates are in
        ``known`` (on PostgreSQL, all of them)."""
        by_type: dict[int, dict[int, tuple]] = {}
        rows = [known[pk] for pk in pks if pk in known]
        missing = [pk for pk in pks if pk not in known]
        if missing:
            rows += _read(_entry_facets, shape={}, array=pk_array(missing))
        for row in rows:  # by type, with no call per row
            content_type_id = row[1]
            if content_type_id in by_type:
                by_type[content_type_id][row[2]] = row
            else:
                by_type[content_type_id] = {row[2]: row}
        visible: dict[int, tuple] = {}
        for content_type_id, entries in by_type.items():
            key = self.ct_key.get(content_type_id)
            if key is None:  # a model no longer searchable
                continue
            searchable = self.by_key[key]
            if searchable.restrict is None:
                seen = _read(
                    _visible_ids,
                    self.viewer,
                    shape={"key": key, "restricted": False},
                    array=pk_array(entries),
                )
            else:
                # The restriction's time is the search's ``now``, a value of the kept query.
                seen = _read(
                    _visible_ids,
                    self.viewer,
                    shape={"key": key, "restricted": True},
                    array=pk_array(entries),
                    now=self.now,
                )
            for row in seen:
                pk, _ct, _object_id, group_pk, year = entries[row[0]]
                visible[pk] = (key, group_pk, year)
            if _own_address_columns(key):
                self._address_values[key] = {row[0]: row for row in seen}
        return visible

    # --- total and facets (one query) ---------------------------------------------------

    def _filtered_query(self) -> Query:
        """The query with the chosen filters as facet terms (``analysis.facet_terms``)."""
        types = [self.cts[self.by_key[k].model].pk for k in self.wanted_types]
        return self.query.filtered(
            [f"{analysis.FACET_PREFIX}t{pk}" for pk in types],
            [f"{analysis.FACET_PREFIX}g{self.group}"] if self.group is not None else [],
            [f"{analysis.FACET_PREFIX}y{self.year}"] if self.year is not None else [],
        )

    def _count(self) -> None:
        # The best matches by rank, visible or not: the same cut for every viewer.
        known: dict[int, tuple] = {}
        candidates, windowed = best(self.query, CANDIDATES + 1, known)
        cut = windowed or len(candidates) > CANDIDATES
        candidates = candidates[:CANDIDATES]
        filters = self.wanted_types or self.group is not None or self.year is not None
        narrowed = None
        if cut and filters:
            # A filtered search gets the best matches with its filters, not only those among
            # the best of the unfiltered search (whose candidates still give the facets).
            narrowed, _ = best(self._filtered_query(), CANDIDATES, known)
        self._scores = dict(candidates)
        if narrowed is not None:
            self._scores.update(narrowed)
        visible = self._visible_entries(list(self._scores), known) if self._scores else {}
        type_counts: Counter = Counter()
        year_counts: Counter = Counter()
        group_counts = self._group_counts
        wanted, group, year = self.wanted_types, self.group, self.year
        # Each facet counts with the other facets' filters applied.
        seen = 0
        for pk, _score in candidates:
            if pk not in visible:
                continue
            seen += 1
            key, group_pk, entry_year = visible[pk]
            type_ok = not wanted or key in wanted
            group_ok = group is None or group_pk == group
            year_ok = year is None or entry_year == year
            if group_ok and year_ok:
                type_counts[key] += 1
            if group_pk is not None and type_ok and year_ok:
                group_counts[group_pk] += 1
            if entry_year is not None and type_ok and group_ok:
                year_counts[entry_year] += 1
        passing = [
            pk
            for pk, _score in candidates
            if pk in visible
            and (not wanted or visible[pk][0] in wanted)
            and (group is None or visible[pk][1] == group)
            and (year is None or visible[pk][2] == year)
        ]
        hits = passing if narrowed is None else [pk for pk, _s in narrowed if pk in visible]

        # As ranked, then the newest (entries are in date order): by (score, pk) descending,
        # which is the order of (-score, -pk) (pks are unique).
        scores = self._scores
        ranked = sorted(zip(map(scores.get, hits), hits, strict=True), reverse=True)
        self._hits = [pk for _score, pk in ranked]
        self.total = len(self._hits)
        # "More than …" only when the viewer may see a good share of the candidates: a
        # flag set by matches the viewer may not see would tell that they exist (a word
        # found only in a members-only group's memos).
        self.more = cut and seen >= MORE_VISIBLE * CANDIDATES
        self.types = [
            FacetValue(key, str(s.label), type_counts[key], key in self.wanted_types)
            for key, s in self.by_key.items()
            if type_counts[key]
        ]
        self.years = [
            FacetValue(str(y), str(y), n, y == self.year)
            for y, n in sorted(year_counts.items(), reverse=True)
        ]
        self._facet_groups = [pk for pk, _n in self._group_counts.most_common(GROUP_FACET_SIZE)]
        if self.group in self._group_counts and self.group not in self._facet_groups:
            self._facet_groups.append(self.group)

    # --- a page ------------------------------------------------------------------------

    def page(self, number) -> Page:
        """The page ``number`` (``Paginator.get_page``: the first for nonsense, the last past
        the end), read, with the group facet filled in."""
        page = self.paginator.get_page(number)
        page.object_list = list(page.object_list)
        if self._group_names is None:
            self._read_groups(set())
        return page

    def _read_groups(self, more: set[int]) -> dict[int, GroupName]:
        pks = set(self._facet_groups) | more
        names: dict[int, GroupName] = {}
        if pks:
            rows = _read(_group_names, self.viewer, shape={}, array=pk_array(sorted(pks)))
            name = Chooser().picker(WorkingGroup, "name", at=1)
            names = {row[0]: GroupName(row[0], name(row)) for row in rows}
        self._group_names = names
        self.groups = [
            FacetValue(str(pk), names[pk].name, self._group_counts[pk], pk == self.group)
            for pk in self._facet_groups
            if pk in names
        ]
        return names

    def _fetch(self, start: int, stop: int) -> list[Hit]:
        pks = self._hits[start:stop]
        if kept():  # PostgreSQL: plain rows, in a statement of our own
            keys = ("pk", *_HIT_COLUMNS)
            texts = rows_of(("id", *_HIT_COLUMNS), pk_array(pks))
            found = [dict(zip(keys, row, strict=True)) for row in texts]
        else:
            found = _read(_hit_entries, shape={}, array=pk_array(pks))
        entries = {entry["pk"]: entry for entry in found}
        page = [entries[pk] for pk in pks if pk in entries]
        # The rows, one query per type on the page. They passed the content layer's check
        # in this request (``_visible_entries``); one deleted since is skipped below.
        wanted: dict[str, list[int]] = {}
        for entry in page:
            wanted.setdefault(self.ct_key[entry["content_type_id"]], []).append(entry["object_id"])
        # The rows' addresses: from a few values per row (``addresses``), or from the rows.
        urls: dict[tuple[str, int], str] = {}
        rows: dict[tuple[str, int], models.Model] = {}
        for key, ids in wanted.items():
            address = address_of(key)
            own = _own_address_columns(key)
            if own is not None:  # read with the visibility, or the pk alone
                make = Addresses(self.by_key[key].model, address).of
                values = self._address_values.get(key, {})
                places = [0 if field == "pk" else 1 + own.index(field) for field in address.fields]
                for object_id in ids:
                    row = values[object_id] if own else (object_id,)
                    urls[key, object_id] = make((object_id, *[row[i] for i in places]))
            elif address is not None:
                found = _read(_hit_addresses, shape={"key": key}, array=pk_array(ids))
                make = Addresses(self.by_key[key].model, address).of
                urls.update(((key, row[0]), make(row)) for row in found)
            else:
                objects = _read(_hit_objects, shape={"key": key}, array=pk_array(ids))
                for obj in objects:
                    rows[key, obj.pk] = obj
                    urls[key, obj.pk] = obj.get_absolute_url()
        names = self._read_groups({e["group_pk"] for e in page if e["group_pk"] is not None})
        language = get_language() or "fi"
        # Each type's label translated once per page, not per hit.
        labels = {key: str(self.by_key[key].label) for key in wanted}
        hits = []
        for entry in page:
            key = self.ct_key[entry["content_type_id"]]
            url = urls.get((key, entry["object_id"]))
            if url is None:  # deleted between the two queries
                continue
            title, title_language = analysis.first_language(_texts(entry, "title"), language)
            body, body_language = analysis.first_language(_texts(entry, "body"), language)
            group_pk = entry["group_pk"]
            hits.append(
                Hit(
                    key=key,
                    type_label=labels[key],
                    object_id=entry["object_id"],
                    url=url,
                    title=analysis.highlight(title, self.query, title_language),
                    title_text=title,
                    title_language=title_language,
                    snippet=analysis.snippet(body, self.query, body_language),
                    snippet_language=body_language,
                    date=entry["date"],
                    group=names.get(group_pk) if group_pk else None,
                    score=float(self._scores.get(entry["pk"]) or 0),
                    row=rows.get((key, entry["object_id"])),
                )
            )
        return hits


def _texts(entry: dict, field: str) -> dict[str, str]:
    # SearchEntry.titles() / bodies() of a values() row.
    return {code: entry[f"{field}_{code}"] for code in ("fi", "sv", "en")}
