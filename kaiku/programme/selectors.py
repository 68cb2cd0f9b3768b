"""Reads of programmes and working groups, filtered by what the viewer may see.

Who may see a group or an item is the content layer's to decide (``kaiku.core.content``;
``content.py`` registers the working group as a scope): every read here filters with
``visible_q(Model, viewer)``, so a rule is never applied in one place and forgotten in another.
"""

from __future__ import annotations

import datetime
import functools
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import (
    Case,
    CharField,
    Count,
    DateField,
    DateTimeField,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
    Window,
)
from django.db.models.functions import Cast, RowNumber
from django.http import Http404
from django.utils import timezone

from kaiku.core.content import published_q, visible_q
from kaiku.core.links import reverse_cached
from kaiku.core.paging import TOTAL, total_of, with_total
from kaiku.core.prepared import for_viewer, run
from kaiku.core.translations import language_order, translated_columns, translated_languages

from .models import (
    GroupDocument,
    GroupGoal,
    GroupTask,
    Meeting,
    MemberRole,
    Membership,
    Memo,
    Milestone,
    MilestoneStatus,
    Programme,
    WorkingGroup,
)


def current_membership_q(*, today: datetime.date | None = None, prefix: str = "") -> Q:
    """Memberships whose term has started (or has no start) and not ended."""
    today = today or timezone.localdate()
    return (
        Q(**{f"{prefix}term_start__isnull": True}) | Q(**{f"{prefix}term_start__lte": today})
    ) & (Q(**{f"{prefix}term_end__isnull": True}) | Q(**{f"{prefix}term_end__gte": today}))


def leading_roles(people) -> dict[int, str]:
    """``{person pk: "chair: Group A; secretary: Group B"}`` of the people's current chair
    and secretary seats (the demo login table)."""
    seats = (
        Membership.objects.filter(
            current_membership_q(),
            person__in=people,
            role__in=[MemberRole.CHAIR, MemberRole.SECRETARY],
        )
        .select_related("group")
        .order_by("role", "group__name")
    )
    notes: dict[int, list[str]] = {}
    for seat in seats:
        notes.setdefault(seat.person_id, []).append(f"{seat.role}: {seat.group.name}")
    return {pk: "; ".join(parts) for pk, parts in notes.items()}


def group_contact_candidates(*, group: WorkingGroup) -> QuerySet:
    """The people who may be named the group's contact persons: its active current members."""
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            removed_at__isnull=True,
            pk__in=Membership.objects.filter(current_membership_q(), group=group)
            .order_by()
            .values("person_id"),
        )
        .order_by("full_name", "email")
    )


def member_group_ids(viewer) -> QuerySet:
    """The groups the viewer currently sits in, as a subquery of ids."""
    return (
        Membership.objects.filter(current_membership_q(), person_id=viewer.pk)
        .order_by()
        .values("group_id")
    )


def group_visible_q(viewer) -> Q:
    return visible_q(WorkingGroup, viewer)


# Larger ids cannot exist, and SQLite raises OverflowError for integers over 64 bits: such a
# URL is answered with 404 before it reaches the database.
MAX_PK = 2**31 - 1


def _check_pk(pk: int) -> None:
    if not 0 < int(pk) <= MAX_PK:
        raise Http404("No such object.")


# --- Programmes --------------------------------------------------------------------------------


def programme_list() -> QuerySet[Programme]:
    """Programmes are public: everyone sees every programme (not every group in it)."""
    return Programme.objects.order_by("-starts_on", "name", "pk")


def _programme(*, slug: str) -> QuerySet[Programme]:
    return Programme.objects.filter(slug=slug)[:1]


def programme_get(*, slug: str) -> Programme:
    """The programme of ``slug`` (a kept query, ``kaiku.core.prepared``); Http404 if none."""
    found = run(_programme, slug=slug)
    if not found:
        raise Http404("No such programme.")
    return found[0]


# --- Working groups ----------------------------------------------------------------------------


def group_list(*, viewer, programme: Programme | None = None) -> QuerySet[WorkingGroup]:
    """The groups the viewer may see (of ``programme``, or of every programme).

    ``parent_visible`` tells whether the viewer may see the parent group: a hidden parent's
    name must not appear on its sub-group's page.
    """
    visible_parent = WorkingGroup.objects.filter(group_visible_q(viewer), pk=OuterRef("parent_id"))
    queryset = (
        WorkingGroup.objects.filter(group_visible_q(viewer))
        .select_related("programme", "parent")
        .annotate(parent_visible=Exists(visible_parent))
    )
    if programme is not None:
        queryset = queryset.filter(programme=programme)
    return queryset.order_by("programme_id", "order", "name", "pk")


def _programme_groups(viewer, *, programme: int) -> QuerySet[WorkingGroup]:
    visible_parent = WorkingGroup.objects.filter(group_visible_q(viewer), pk=OuterRef("parent_id"))
    names = translated_columns(WorkingGroup, "name")
    return (
        WorkingGroup.objects.filter(group_visible_q(viewer), programme=programme)
        .select_related("parent")
        .only(
            "slug",
            "visibility",
            "archived_at",
            "programme_id",
            "parent_id",
            "name",
            *names,
            "parent__name",
            *[f"parent__{column}" for column in names],
        )
        .annotate(parent_visible=Exists(visible_parent))
        .order_by("order", "name", "pk")
    )


def programme_groups(*, viewer, programme: Programme) -> list[WorkingGroup]:
    """The groups of ``programme`` the viewer may see, as ``group_list`` orders them, with
    ``parent_visible``: the columns the programme page shows (names, visibility, archiving,
    the parent's name), each group's ``programme`` the one given (no join). A kept query
    (``kaiku.core.prepared``: for anonymous visitors, and per role set)."""
    groups = for_viewer(viewer, _programme_groups, programme=programme.pk)
    cache_programme = WorkingGroup.programme.field.set_cached_value
    for group in groups:
        cache_programme(group, programme)
    return groups


def role_rank() -> Case:
    """Chair first, then vice-chair, secretary, members, experts and deputies."""
    return Case(
        *[When(role=value, then=Value(rank)) for rank, value in enumerate(MemberRole.values)],
        default=Value(len(MemberRole.values)),
    )


def group_detail_prefetches(viewer, only: set[str] | None = None) -> list[Prefetch]:
    """Everything the API's group detail shows (``only``: these attributes), each list
    filtered by visibility, as a fixed number of queries whatever the group holds."""
    if only is not None:
        return [p for p in _group_prefetches(viewer, only) if _prefetch_name(p) in only]
    return _group_prefetches(viewer, None)


def _prefetch_name(prefetch: Prefetch | str) -> str:
    return prefetch if isinstance(prefetch, str) else prefetch.prefetch_to


def _group_prefetches(viewer, only: set[str] | None) -> list[Prefetch]:
    if only is not None and not only & {"visible_meetings", "published_memos"}:
        # The short lists alone: no need to build the meeting and memo querysets.
        memberships = (
            Membership.objects.select_related("person", "represents")
            .filter(person__is_active=True)
            .order_by(role_rank(), "person__full_name", "pk")
        )
        children = WorkingGroup.objects.filter(group_visible_q(viewer)).order_by("order", "name")
        documents = GroupDocument.objects.filter(
            visible_q(GroupDocument, viewer), removed_at__isnull=True
        ).order_by("-created", "-pk")
        return [
            Prefetch("memberships", queryset=memberships, to_attr="member_list"),
            Prefetch("children", queryset=children, to_attr="visible_children"),
            Prefetch("documents", queryset=documents, to_attr="visible_documents"),
            "contact_persons",
        ]
    now = timezone.now()
    memberships = (
        Membership.objects.select_related("person", "represents")
        .filter(person__is_active=True)
        .order_by(role_rank(), "person__full_name", "pk")
    )
    meetings = Meeting.objects.filter(visible_q(Meeting, viewer)).order_by("starts_at", "pk")
    # A public memo may refer to a meeting the viewer may not see: then it is not linked.
    visible_meeting = Meeting.objects.filter(visible_q(Meeting, viewer), pk=OuterRef("meeting_id"))
    memos = (
        Memo.objects.filter(visible_q(Memo, viewer) & published_q(now=now))
        .select_related("meeting")
        .annotate(meeting_visible=Exists(visible_meeting))
        .order_by("-published_at", "-pk")
    )
    milestones = Milestone.objects.filter(visible_q(Milestone, viewer)).order_by("due_on", "pk")
    children = WorkingGroup.objects.filter(group_visible_q(viewer)).order_by("order", "name")
    documents = GroupDocument.objects.filter(
        visible_q(GroupDocument, viewer), removed_at__isnull=True
    ).order_by("-created", "-pk")
    return [
        Prefetch("tasks", queryset=GroupTask.objects.order_by("order", "pk")),
        Prefetch("goals", queryset=GroupGoal.objects.order_by("order", "pk")),
        Prefetch("memberships", queryset=memberships, to_attr="member_list"),
        Prefetch("meetings", queryset=meetings, to_attr="visible_meetings"),
        Prefetch("memos", queryset=memos, to_attr="published_memos"),
        Prefetch("milestones", queryset=milestones, to_attr="visible_milestones"),
        Prefetch("children", queryset=children, to_attr="visible_children"),
        Prefetch("documents", queryset=documents, to_attr="visible_documents"),
        "contact_persons",
    ]


def group_get_for(*, viewer, programme_slug: str, slug: str) -> WorkingGroup:
    """One group with everything its page shows. Http404 when the group does not exist *or*
    the viewer may not see it, so that hidden groups do not leak."""
    queryset = (
        group_list(viewer=viewer)
        .filter(programme__slug=programme_slug, slug=slug)
        .prefetch_related(*group_detail_prefetches(viewer))
    )
    group = queryset.first()
    if group is None:
        raise Http404("No such working group.")
    return group


def group_get_for_editing(*, viewer, programme_slug: str, slug: str) -> WorkingGroup:
    """The group without the page's prefetches (edit views, feeds); Http404 as above."""
    group = group_list(viewer=viewer).filter(programme__slug=programme_slug, slug=slug).first()
    if group is None:
        raise Http404("No such working group.")
    return group


# --- The group page: windows of each list, with counts ---------------------------------------

# The group page shows a window of each list; the rest is a paginated list page away.
GROUP_PAGE_MEETINGS = 5  # upcoming, and as many recent past ones
GROUP_PAGE_MEMOS = 5
GROUP_PAGE_MILESTONES = 5
GROUP_PAGE_ITEMS = 10  # tasks, goals
GROUP_LIST_PAGE_SIZE = 25


def _page_group(viewer, *, programme_slug: str, slug: str) -> QuerySet[WorkingGroup]:
    return (
        WorkingGroup.objects.filter(
            group_visible_q(viewer), programme__slug=programme_slug, slug=slug
        )
        .select_related("programme")
        .defer(*_programme_texts())[:1]
    )


def _page_parent(viewer, *, pk: int) -> QuerySet[WorkingGroup]:
    return WorkingGroup.objects.filter(group_visible_q(viewer), pk=pk)[:1]


def _page_children(viewer, *, pk: int) -> QuerySet[WorkingGroup]:
    return WorkingGroup.objects.filter(group_visible_q(viewer), parent=pk).order_by("order", "name")


def _page_documents(viewer, *, pk: int) -> QuerySet[GroupDocument]:
    return GroupDocument.objects.filter(
        visible_q(GroupDocument, viewer), group=pk, removed_at__isnull=True
    ).order_by("-created", "-pk")


def group_page_get(*, viewer, programme_slug: str, slug: str) -> WorkingGroup:
    """The group with ``parent_visible`` and, as lists, its members (``member_list``),
    sub-groups (``visible_children``) and documents (``visible_documents``); the longer lists
    are windows, read by ``group_page``. Http404 as ``group_get_for``.

    Plain queries, not ``prefetch_related`` (one group: nothing to batch), and the parent
    read only for a sub-group; each built and compiled once per process
    (``kaiku.core.prepared``) for anonymous visitors, and for everyone where the viewer does
    not matter (the composition)."""
    found = for_viewer(viewer, _page_group, programme_slug=programme_slug, slug=slug)
    if not found:
        raise Http404("No such working group.")
    group = found[0]
    group.parent_visible = False
    if group.parent_id is not None:
        # A hidden parent's name must not appear on its sub-group's page.
        parent = for_viewer(viewer, _page_parent, pk=group.parent_id)
        if parent:
            group.parent, group.parent_visible = parent[0], True
    group.member_list, group.contact_list = _seats_and_contacts(group)
    group.visible_children = for_viewer(viewer, _page_children, pk=group.pk)
    group.visible_documents = for_viewer(viewer, _page_documents, pk=group.pk)
    return group


@functools.cache
def _programme_texts() -> tuple[str, ...]:
    """Of the group's programme, what the group page does not show (its summary and
    description in every language and their HTML)."""
    return tuple(
        f"programme__{c}"
        for c in _with_translations(Programme, "summary", "description", "description_html")
    )


def _contacts(*, pk: int) -> QuerySet:
    """``group.contact_persons``, with the columns the page shows."""
    return (
        get_user_model()
        .objects.filter(contact_for_groups=pk)
        .values("full_name", "title", "email", "removed_at")
    )


def group_contacts(*, group: WorkingGroup) -> list[dict]:
    """The group's contact persons, in their usual order, as rows of what the page shows of
    them."""
    return run(_contacts, pk=group.pk)


def _members(*, pk: int) -> QuerySet:
    return (
        Membership.objects.filter(group=pk, person__is_active=True)
        .order_by("person__full_name", "pk")
        .values(*_member_columns())
    )


def group_members(*, group: WorkingGroup) -> list[dict]:
    """The group's seats of active people, as rows of ``_member_columns()``: chair first,
    then vice-chair, secretary, members, experts and deputies (``role_rank``), each role by
    name. The database orders by name and Python, stably, by role: the same order without a
    ``CASE`` to build."""
    seats = run(_members, pk=group.pk)
    ranks = _role_ranks()
    seats.sort(key=lambda seat: ranks.get(seat["role"], len(ranks)))
    return seats


def _people(*, pk: int) -> QuerySet:
    """The rows of ``group_members`` (``kind`` "seat") and ``group_contacts`` ("contact")
    in one ``UNION ALL``, each with its place in its own list's order (``position``): the
    contact persons' columns under the seats' names (``person__full_name``…)."""
    from kaiku.organisations.models import Organisation

    seat_order = (F("person__full_name").asc(), F("pk").asc())
    seats = (
        Membership.objects.filter(group=pk, person__is_active=True)
        .annotate(kind=Value("seat"), position=Window(RowNumber(), order_by=seat_order))
        .order_by()
        .values("kind", "position", *_member_columns(), "person__title")
    )
    organisation = {
        f"organisation_{column}": Value(None, output_field=CharField())
        for column in ("slug", *translated_columns(Organisation, "name"))
    }
    contact_order = (F("full_name").asc(), F("email").asc())  # the people's usual order
    contacts = (
        get_user_model()
        .objects.filter(contact_for_groups=pk)
        .annotate(
            kind=Value("contact"),
            position=Window(RowNumber(), order_by=contact_order),
            seat_role=Value(""),
            seat_start=Value(None, output_field=DateField()),
            seat_end=Value(None, output_field=DateField()),
            **organisation,
        )
        .order_by()
        .values(
            "kind",
            "position",
            "pk",
            "seat_role",
            "seat_start",
            "seat_end",
            "full_name",
            "email",
            "removed_at",
            *organisation,
            "title",
        )  # fmt: skip
    )
    return seats.union(contacts, all=True)


def _position(row: dict) -> int:
    return row["position"]


def _seats_and_contacts(group: WorkingGroup) -> tuple[list[dict], list[dict]]:
    """``group_members`` and ``group_contacts`` of ``group`` in one query."""
    rows = run(_people, pk=group.pk)
    ranks = _role_ranks()
    seats = sorted((row for row in rows if row["kind"] == "seat"), key=_position)
    seats.sort(key=lambda seat: ranks.get(seat["role"], len(ranks)))
    contacts = [
        {
            "full_name": row["person__full_name"],
            "title": row["person__title"],
            "email": row["person__email"],
            "removed_at": row["person__removed_at"],
        }
        for row in sorted((row for row in rows if row["kind"] == "contact"), key=_position)
    ]
    return seats, contacts


@functools.cache
def _role_ranks() -> dict[str, int]:
    return {value: rank for rank, value in enumerate(MemberRole.values)}


def _with_translations(model, *fields: str) -> list[str]:
    """``fields`` and, for each translated one, its column in every language (what ``.only()``
    needs so that neither the field's descriptor nor ``pick`` reads a deferred column)."""
    columns: list[str] = []
    for name in fields:
        columns.append(name)
        columns += [f"{name}_{code}" for code in translated_languages(model, name)]
    return columns


@functools.cache
def meeting_card_columns() -> tuple[str, ...]:
    """What a meeting card shows (``cards.meeting_cards``), as ``values()`` columns."""
    return (
        "pk",
        "starts_at",
        "ends_at",
        "location",
        "online_url",
        "status",
        "visibility",
        *translated_columns(Meeting, "title", "agenda", "agenda_html"),
    )


@functools.cache
def memo_card_columns() -> tuple[str, ...]:
    """What a memo card shows (``cards.memo_cards``), its meeting's title included, as
    ``values()`` columns."""
    return (
        "pk",
        "meeting_id",
        "published_at",
        "visibility",
        *translated_columns(Memo, "title", "body", "decisions", "body_html", "decisions_html"),
        *(f"meeting__{c}" for c in translated_columns(Meeting, "title")),
    )


@functools.cache
def _milestone_columns() -> tuple[str, ...]:
    """What a row of the milestones table shows (``cards.milestone_rows``)."""
    return ("pk", "due_on", "status", "visibility", *translated_columns(Milestone, "title"))


@functools.cache
def _member_columns() -> tuple[str, ...]:
    """What a row of the composition table shows."""
    from kaiku.organisations.models import Organisation

    return (
        "pk",
        "role",
        "term_start",
        "term_end",
        "person__full_name",
        "person__email",
        "person__removed_at",
        "represents__slug",
        *(f"represents__{c}" for c in translated_columns(Organisation, "name")),
    )


def group_meetings(*, viewer, group: WorkingGroup) -> QuerySet[Meeting]:
    """The group's meetings the viewer may see, newest first (the list page's order)."""
    return Meeting.objects.filter(visible_q(Meeting, viewer), group=group).order_by(
        "-starts_at", "-pk"
    )


def _published_memos(*, viewer, group, now=None) -> QuerySet[Memo]:
    return Memo.objects.filter(
        visible_q(Memo, viewer) & published_q(now=now or timezone.now()), group=group
    )


def _visible_meeting(viewer, group) -> QuerySet[Meeting]:
    """The memo's meeting (``OuterRef("meeting_id")``) if the viewer may see it."""
    return Meeting.objects.filter(
        visible_q(Meeting, viewer), group=group, pk=OuterRef("meeting_id")
    )


def group_memos(*, viewer, group: WorkingGroup) -> QuerySet[Memo]:
    """The group's published memos the viewer may see, newest first, each with
    ``meeting_visible``."""
    meetings = Meeting.objects.filter(visible_q(Meeting, viewer), group=group)
    return (
        _published_memos(viewer=viewer, group=group)
        .select_related("meeting")
        .annotate(meeting_visible=Exists(meetings.filter(pk=OuterRef("meeting_id"))))
        .order_by("-published_at", "-pk")
    )


def list_page_of(queryset: QuerySet, pk: int, field: str) -> int | None:
    """The page of a group's list (``queryset``, in ``-field, -pk`` order) holding the row
    ``pk``; None when the viewer cannot see it. Two small queries, on request only."""
    _check_pk(pk)
    row = queryset.filter(pk=pk).values(field).first()
    if row is None:
        return None
    before = queryset.filter(
        Q(**{f"{field}__gt": row[field]}) | Q(**{field: row[field], "pk__gt": pk})
    ).count()
    return before // GROUP_LIST_PAGE_SIZE + 1


def _count(queryset: QuerySet) -> Subquery:
    """``COUNT(*)`` of ``queryset`` as a subquery (no GROUP BY: always one row)."""
    return Subquery(
        queryset.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n"),
        output_field=IntegerField(),
    )


def list_page_href(base: str, kind: str, pk: int) -> str:
    """The link to a row of a group's list page: the page holding it (``?show=``)."""
    return f"{base}?show={pk}#{kind}-{pk}"


def _meeting_memos(viewer, *, pk: int, now, meetings: tuple[int, ...]) -> QuerySet[Memo]:
    return (
        _published_memos(viewer=viewer, group=pk, now=now)
        .filter(meeting__in=meetings)
        .only("meeting_id", *_with_translations(Memo, "title"))
        .order_by("-published_at", "-pk")
    )


def attach_memos(
    *,
    viewer,
    group: WorkingGroup,
    meetings: list[Meeting],
    memos_url: str,
    prepared: bool = False,
) -> None:
    """Give each meeting ``memo`` (its published memo the viewer may see, or None) and
    ``memo_href`` (where the memo is on the group's memos list): one query (``prepared``:
    built once per process for anonymous visitors, ``kaiku.core.prepared``)."""
    found: dict[int, Memo] = {}
    if meetings:
        values = {
            "pk": group.pk,
            "now": timezone.now(),
            "meetings": tuple(sorted({m.pk for m in meetings})),
        }
        memos = (
            for_viewer(viewer, _meeting_memos, **values)
            if prepared
            else _meeting_memos(viewer, **values)
        )
        for memo in memos:
            found.setdefault(memo.meeting_id, memo)  # the newest memo of the meeting
    for meeting in meetings:
        meeting.memo = found.get(meeting.pk)
        if meeting.memo is not None:
            meeting.memo_href = list_page_href(memos_url, "memo", meeting.memo.pk)


def attach_comment_links(meetings: list[Meeting]) -> None:
    """Give each meeting ``comments_url``, its comments page (no ``reverse`` per meeting)."""
    label = Meeting._meta.label_lower
    for meeting in meetings:
        meeting.comments_url = reverse_cached(
            "discussions:comments", target=label, object_id=meeting.pk
        )


def attach_meeting_links(*, memos: list[Memo], meetings_url: str) -> None:
    """Give each memo whose meeting the viewer may see ``meeting_href`` (no queries)."""
    for memo in memos:
        memo.meeting_href = (
            list_page_href(meetings_url, "meeting", memo.meeting_id)
            if memo.meeting_id and memo.meeting_visible
            else None
        )


# The group page's queries, each built and compiled once per process (``kaiku.core.prepared``)
# for anonymous visitors, and for everyone where the viewer does not matter (tasks, goals).


def _page_meetings(viewer, pk: int) -> QuerySet[Meeting]:
    return Meeting.objects.filter(visible_q(Meeting, viewer), group=pk).order_by(
        "-starts_at", "-pk"
    )


def _page_upcoming_and_past(viewer, *, pk: int, now) -> QuerySet:
    """The next meetings (soonest first) and the latest past ones, each window with its own
    list's count, as rows of ``meeting_card_columns()``: one ``UNION ALL`` of the two
    (``group_page`` parts them again)."""
    upcoming = _page_meetings(viewer, pk).filter(starts_at__gte=now)
    past = _page_meetings(viewer, pk).filter(starts_at__lt=now)
    # Each meeting's newest published memo the viewer may see (its key and title), read with
    # the meeting rather than by a query of its own.
    newest = (
        _published_memos(viewer=viewer, group=pk, now=now)
        .filter(meeting=OuterRef("pk"))
        .order_by("-published_at", "-pk")
    )
    memo = {
        f"memo_{column}": Subquery(newest.values(column)[:1])
        for column in ("pk", *translated_columns(Memo, "title"))
    }
    columns = (*meeting_card_columns(), TOTAL, *memo)
    upcoming_window = upcoming.order_by("starts_at", "pk")[:GROUP_PAGE_MEETINGS]
    return (
        _window_part(upcoming, upcoming_window)
        .annotate(**memo)
        .values(*columns)
        .union(
            _window_part(past, past[:GROUP_PAGE_MEETINGS]).annotate(**memo).values(*columns),
            all=True,
        )
    )


def _window_part(rows: QuerySet, window: QuerySet) -> QuerySet:
    """The rows of ``window`` (a slice of ``rows``), each with the count of all ``rows``
    (``TOTAL``, as ``with_total`` gives it), unordered: a part that a ``UNION`` may take on
    every database (SQLite refuses a LIMIT in a UNION's parts, not in their subqueries)."""
    return rows.filter(pk__in=window.values("pk")).annotate(**{TOTAL: _count(rows)}).order_by()


def _page_memos(viewer, *, pk: int, now) -> QuerySet:
    """The latest memos, as rows of ``memo_card_columns()``, each with ``meeting_visible``
    (as ``group_memos`` gives it)."""
    return with_total(
        _published_memos(viewer=viewer, group=pk, now=now)
        .annotate(meeting_visible=Exists(_visible_meeting(viewer, pk)))
        .order_by("-published_at", "-pk")
    ).values(*memo_card_columns(), "meeting_visible", TOTAL)[:GROUP_PAGE_MEMOS]


def _page_milestones(viewer, *, pk: int) -> QuerySet:
    """Every milestone, the open ones first (earliest, so the overdue ones, first): the
    window of open ones and both counts in one query, as rows of ``_milestone_columns()``."""
    done = Q(status=MilestoneStatus.DONE)
    return (
        with_total(Milestone.objects.filter(visible_q(Milestone, viewer), group=pk))
        .annotate(open_total=Window(Count("pk", filter=~done)))
        .order_by(Case(When(done, then=Value(1)), default=Value(0)), "due_on", "pk")
        .values(*_milestone_columns(), TOTAL, "open_total")[:GROUP_PAGE_MILESTONES]
    )


@functools.cache
def item_row_columns() -> tuple[str, ...]:
    """What a task or goal row shows (``cards.item_rows``): its texts in every language."""
    return (
        "pk",
        "order",
        *translated_columns(GroupTask, "title", "description", "description_html"),
        TOTAL,
    )


def _page_tasks_and_goals(*, pk: int) -> QuerySet:
    """The windows of the group's tasks and goals, each with its list's count, as
    ``values()`` rows with their ``kind``: one ``UNION ALL`` (the two tables have the same
    columns)."""
    parts = []
    for kind, model in (("task", GroupTask), ("goal", GroupGoal)):
        rows = model.objects.filter(group=pk)
        window = rows.order_by("order", "pk")[:GROUP_PAGE_ITEMS]
        part = _window_part(rows, window).annotate(kind=Value(kind))
        parts.append(part.values("kind", *item_row_columns()))
    return parts[0].union(parts[1], all=True)


def _order_and_pk(row: dict) -> tuple:
    return row["order"], row["pk"]


def _start_and_pk(meeting: dict) -> tuple:
    return meeting["starts_at"], meeting["pk"]


def group_page(*, viewer, group: WorkingGroup, urls: dict[str, str]) -> dict[str, Any]:
    """The windows of the group page and how many items each whole list holds: a fixed
    number of queries whatever the group holds, each window read with its list's count.
    ``urls``: the group's ``meetings`` and ``memos`` list pages (links to items beyond the
    windows)."""
    now = timezone.now()
    today = timezone.localdate()
    meetings = for_viewer(viewer, _page_upcoming_and_past, pk=group.pk, now=now)
    # A UNION keeps no order: each window sorted again (a meeting's start is set).
    upcoming = sorted((m for m in meetings if m["starts_at"] >= now), key=_start_and_pk)
    past = sorted((m for m in meetings if m["starts_at"] < now), key=_start_and_pk, reverse=True)
    latest_memos = for_viewer(viewer, _page_memos, pk=group.pk, now=now)
    milestone_rows = for_viewer(viewer, _page_milestones, pk=group.pk)
    items = run(_page_tasks_and_goals, pk=group.pk)
    # A UNION keeps no order: each window sorted again.
    tasks = sorted((row for row in items if row["kind"] == "task"), key=_order_and_pk)
    goals = sorted((row for row in items if row["kind"] == "goal"), key=_order_and_pk)
    counts = {
        "meeting_count": total_of(upcoming) + total_of(past),
        "upcoming_count": total_of(upcoming),
        "memo_count": total_of(latest_memos),
        "milestone_count": total_of(milestone_rows),
        "open_milestone_count": milestone_rows[0]["open_total"] if milestone_rows else 0,
        "task_count": total_of(tasks),
        "goal_count": total_of(goals),
    }
    _attach_memos_on_page(
        viewer=viewer, group=group, meetings=upcoming + past, memos=latest_memos, urls=urls
    )
    _attach_comment_links(upcoming + past)
    return {
        "counts": counts,
        "today": today,
        "upcoming_meetings": upcoming,
        "past_meetings": past,
        "milestones": [m for m in milestone_rows if m["status"] != MilestoneStatus.DONE],
        "memos": latest_memos,
        "tasks": tasks,
        "goals": goals,
        "members": group.member_list,
        "contacts": (
            group.contact_list
            if getattr(group, "contact_list", None) is not None
            else group_contacts(group=group)
        ),
        "sub_groups": group.visible_children,
        "documents": group.visible_documents,
    }


def _attach_comment_links(meetings: list[dict]) -> None:
    """Give each meeting row ``comments_url``, its comments page (reversed once)."""
    if not meetings:
        return
    head, _sep, tail = reverse_cached(
        "discussions:comments", target=Meeting._meta.label_lower, object_id=_NO_PK
    ).partition(str(_NO_PK))
    for meeting in meetings:
        meeting["comments_url"] = f"{head}{meeting['pk']}{tail}"


# A primary key that no row has, for addresses reversed once and filled in per row.
_NO_PK = 9081726354


def _attach_memos_on_page(
    *, viewer, group: WorkingGroup, meetings: list[dict], memos: list[dict], urls
) -> None:
    """For the rows of the group page, as ``attach_memos`` and ``attach_meeting_links`` do
    for instances, linking within the page where the item is on it. Each meeting row holds
    its newest memo's key and title (``memo_pk``, ``memo_title_fi``…); where that memo is
    among the latest ``memos`` its link points there. No query."""
    # ``meeting_visible`` is read with the memos (as ``group_memos`` gives it).
    shown = {m["pk"] for m in meetings}
    meetings_url, memos_url = urls["meetings"], urls["memos"]
    shown_memos = set()
    for memo in memos:
        shown_memos.add(memo["pk"])
        meeting_id = memo["meeting_id"]
        if not (meeting_id and memo["meeting_visible"]):
            memo["meeting_href"] = None
        elif meeting_id in shown:
            memo["meeting_href"] = f"#meeting-{meeting_id}"
        else:
            memo["meeting_href"] = list_page_href(meetings_url, "meeting", meeting_id)
    titles = translated_columns(Memo, "title")
    for meeting in meetings:
        memo = None
        if meeting["memo_pk"] is not None:
            memo = {"pk": meeting["memo_pk"], **{c: meeting[f"memo_{c}"] for c in titles}}
        meeting["memo"] = memo
        if memo is not None:
            meeting["memo_href"] = (
                f"#memo-{memo['pk']}"
                if memo["pk"] in shown_memos
                else list_page_href(memos_url, "memo", memo["pk"])
            )


# --- Items across groups -----------------------------------------------------------------------


def meeting_list(*, viewer, group: WorkingGroup | None = None) -> QuerySet[Meeting]:
    queryset = Meeting.objects.filter(visible_q(Meeting, viewer)).select_related(
        "group", "group__programme"
    )
    if group is not None:
        queryset = queryset.filter(group=group)
    return queryset.order_by("starts_at", "pk")


def meeting_get_for(*, viewer, group: WorkingGroup, pk: int) -> Meeting:
    _check_pk(pk)
    meeting = meeting_list(viewer=viewer, group=group).filter(pk=pk).first()
    if meeting is None:
        raise Http404("No such meeting.")
    return meeting


def milestone_get_for(*, viewer, group: WorkingGroup, pk: int) -> Milestone:
    _check_pk(pk)
    milestone = (
        Milestone.objects.filter(visible_q(Milestone, viewer), group=group, pk=pk)
        .select_related("group", "group__programme")
        .first()
    )
    if milestone is None:
        raise Http404("No such milestone.")
    return milestone


def memo_list(*, viewer, published_only: bool = True) -> QuerySet[Memo]:
    queryset = Memo.objects.filter(visible_q(Memo, viewer)).select_related(
        "group", "group__programme", "meeting"
    )
    if published_only:
        queryset = queryset.filter(published_q())
    return queryset.order_by("-published_at", "-pk")


def memo_drafts(*, group: WorkingGroup) -> QuerySet[Memo]:
    """Unpublished (or scheduled) memos of ``group``: for its editors only."""
    return (
        Memo.objects.filter(group=group)
        .exclude(published_q())
        .select_related("meeting")
        .order_by("-created")
    )


def memo_get_for_editing(*, group: WorkingGroup, pk: int) -> Memo:
    """A memo of ``group`` (draft or published); the caller has checked the edit right."""
    _check_pk(pk)
    memo = Memo.objects.filter(group=group, pk=pk).select_related("meeting").first()
    if memo is None:
        raise Http404("No such memo.")
    return memo


def group_item_get(*, model, group: WorkingGroup, pk: int):
    """A task or goal of ``group``; Http404 otherwise."""
    _check_pk(pk)
    item = model.objects.filter(group=group, pk=pk).first()
    if item is None:
        raise Http404("No such item.")
    return item


def membership_get_for_editing(*, group: WorkingGroup, pk: int) -> Membership:
    _check_pk(pk)
    membership = (
        Membership.objects.filter(group=group, pk=pk).select_related("person", "represents").first()
    )
    if membership is None:
        raise Http404("No such membership.")
    return membership


def document_get_for(*, viewer, group: WorkingGroup, pk: int) -> GroupDocument:
    """A document of ``group`` the viewer may see (not removed); Http404 otherwise."""
    _check_pk(pk)
    document = (
        GroupDocument.objects.filter(visible_q(GroupDocument, viewer), group=group, pk=pk)
        .filter(removed_at__isnull=True)
        .select_related("group", "group__programme")
        .first()
    )
    if document is None:
        raise Http404("No such document.")
    return document


def upcoming_meetings(*, viewer, limit: int) -> list[Meeting]:
    return list(
        meeting_list(viewer=viewer)
        .filter(starts_at__gte=timezone.now())
        .exclude(status="cancelled")[:limit]
    )


# --- Timeline ----------------------------------------------------------------------------------

TIMELINE_PAGE_SIZE = 50
# The columns of one timeline row, in the order both halves of the union select them; then
# the title in each content language (``timeline_title_columns``).
TIMELINE_COLUMNS = ("tl_kind", "tl_pk", "tl_when", "tl_due", "tl_status", "tl_group")


class _Midday(Func):
    """A date as the instant of noon UTC that day. Noon UTC falls within that same local day
    in every time zone from UTC-12 to UTC+12, so meetings (instants) and milestones (dates)
    sort together by local day without converting each row's time zone in the database."""

    output_field = DateTimeField()
    template = "(CAST(%(expressions)s AS timestamp) + INTERVAL '12 hours') AT TIME ZONE 'UTC'"

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, template="datetime(%(expressions)s, '+12 hours')")


@functools.cache
def timeline_title_columns() -> dict[str, str]:
    """``{column alias: model field}`` of the item titles, one per content language (the
    plain ``title`` when titles are not translated)."""
    languages = translated_languages(Meeting, "title")
    if languages != translated_languages(Milestone, "title"):
        raise LookupError("Meeting and milestone titles must have the same languages.")
    if not languages:
        return {"tl_title": "title"}
    return {f"tl_title_{code}": f"title_{code}" for code in languages}


def _timeline_groups(viewer, *, programme: int) -> QuerySet:
    languages = translated_languages(WorkingGroup, "name")
    fields = [f"name_{code}" for code in languages] or ["name"]
    return (
        WorkingGroup.objects.filter(group_visible_q(viewer), programme=programme)
        .order_by("order", "name", "pk")
        .values_list("pk", "slug", *fields)
    )


def timeline_groups(*, viewer, programme: Programme) -> list[tuple[int, str, str, str | None]]:
    """``(pk, slug, name, language of the name)`` of the groups of ``programme`` the viewer
    may see, in their order: the timeline's group filter and the names of its items (one
    kept query of plain values, no model instances). The name is in the page's language
    where written, else in the first fallback (its language is given for ``lang``)."""
    languages = translated_languages(WorkingGroup, "name")
    order = [languages.index(code) for code in language_order() if code in languages]
    groups = []
    for pk, slug, *names in for_viewer(viewer, _timeline_groups, programme=programme.pk):
        name, language = "", None
        for index in order or range(len(names)):
            if names[index]:
                name, language = names[index], (languages[index] if order else None)
                break
        groups.append((pk, slug, name, language))
    return groups


class _CountOf(Func):
    """``COUNT(expression)`` (``COUNT(*)`` without one) that Django does not take for an
    aggregate: a part of the timeline's counts is one row of its whole filtered set, without
    a GROUP BY."""

    function = "COUNT"
    output_field = IntegerField()

    def __init__(self, *expressions, **extra):
        if not expressions:
            extra.setdefault("template", "COUNT(*)")
        super().__init__(*expressions, **extra)


def _timeline_parts(
    viewer,
    *,
    programme: int,
    meetings: bool,
    milestones: bool,
    by_group: bool,
    status: str,
    first=None,
    after=None,
    start=None,
    end=None,
    group=None,
    status_value=None,
    today=None,
) -> list[tuple[str, QuerySet]]:
    """``(kind, queryset)`` of the viewer's meetings and milestones of ``programme`` (a pk)
    from ``first``/``start`` to ``after`` (exclusive) / ``end`` (inclusive), each row's place
    in time annotated as ``tl_when``, filtered: ``by_group`` with ``group`` (a pk), ``status``
    "" (any), "overdue" (milestones only, with ``today``) or "value" (with
    ``status_value``). ``meetings`` or ``milestones`` false leaves that kind out. Values
    only as they are given (``kaiku.core.prepared``): the callers compute the bounds."""
    parts = []
    if meetings:
        part = (
            Meeting.objects.rewrite(False)
            .filter(
                visible_q(Meeting, viewer),
                group__programme=programme,
                starts_at__gte=first,
                starts_at__lt=after,
            )
            .annotate(tl_when=F("starts_at"))
        )
        parts.append(("meeting", part))
    if milestones:
        part = (
            Milestone.objects.rewrite(False)
            .filter(
                visible_q(Milestone, viewer),
                group__programme=programme,
                due_on__gte=start,
                due_on__lte=end,
            )
            .annotate(tl_when=_Midday("due_on"))
        )
        if status == "overdue":
            part = part.filter(overdue_q(today=today))
        parts.append(("milestone", part))
    result = []
    for kind, part in parts:
        if by_group:
            part = part.filter(group=group)
        if status == "value":
            part = part.filter(status=status_value)
        result.append((kind, part.order_by()))
    return result


def _timeline_union(parts: list[QuerySet]) -> QuerySet:
    return parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]


def _timeline_counts(viewer, *, today_starts, **filters) -> QuerySet:
    """One row per kind: how many items, and how many of them before ``today_starts``."""
    parts = [
        part.annotate(
            tl_total=_CountOf(),
            tl_before=_CountOf(Case(When(tl_when__lt=today_starts, then=Value(1)))),
        ).values_list("tl_total", "tl_before")
        for _kind, part in _timeline_parts(viewer, **filters)
    ]
    return _timeline_union(parts)


def _timeline_rows(viewer, *, offset: int, page_size: int, **filters) -> QuerySet:
    """One page of the items in time order, as ``timeline_page`` describes its rows."""
    titles = {alias: F(field) for alias, field in timeline_title_columns().items()}
    columns = (*TIMELINE_COLUMNS, *titles)
    parts = []
    for kind, part in _timeline_parts(viewer, **filters):
        # A meeting's is typed, so that PostgreSQL can match it with the milestones' dates.
        due = Cast(Value(None), output_field=DateField()) if kind == "meeting" else F("due_on")
        parts.append(
            part.annotate(
                tl_kind=Value(kind),
                tl_pk=F("pk"),
                tl_due=due,
                tl_status=F("status"),
                tl_group=F("group_id"),
                **titles,
            ).values_list(*columns)
        )
    return _timeline_union(parts).order_by("tl_when", "tl_kind", "tl_pk")[
        offset : offset + page_size
    ]


def timeline_page(
    *,
    viewer,
    programme: Programme,
    start: datetime.date,
    end: datetime.date,
    filters: dict[str, Any] | None = None,
    page: int | None = None,
    page_size: int = TIMELINE_PAGE_SIZE,
) -> dict[str, Any]:
    """One page of the meetings and milestones of ``programme`` the viewer may see from
    ``start`` to ``end``, in time order (a milestone counts as noon UTC of its date, within
    its local day).

    Two queries whatever the number of items, both over a ``UNION ALL`` of the two
    visibility-filtered querysets, each built and compiled once per process
    (``kaiku.core.prepared``; for anonymous visitors, and per role set for signed-in
    people): the counts (all, and before today; one row per kind) and the page's rows, cut
    in the database with LIMIT/OFFSET. Without ``page`` the page holding today is chosen.
    ``filters`` (all optional): ``group`` a group's pk, ``kind`` "meeting" or "milestone",
    ``status`` a meeting or milestone status or "overdue".

    Rows are tuples — kind, pk, local day, local start time (meetings only), status value
    and group id — followed by the title in each ``timeline_title_columns()``.
    """
    filters = filters or {}
    today = timezone.localdate()
    status = filters.get("status")
    kind = filters.get("kind")
    shape = {
        "meetings": kind != "milestone" and status != "overdue",
        "milestones": kind != "meeting",
        "by_group": bool(filters.get("group")),
        "status": "overdue" if status == "overdue" else ("value" if status else ""),
    }
    if not (shape["meetings"] or shape["milestones"]):  # e.g. meetings that are overdue
        return {
            "rows": [], "total": 0, "before_today": 0, "page": 1, "pages": 1, "offset": 0,
            "today": today,
        }  # fmt: skip
    values: dict[str, Any] = {"programme": programme.pk}
    if shape["meetings"]:
        values["first"] = timezone.make_aware(datetime.datetime.combine(start, datetime.time.min))
        values["after"] = timezone.make_aware(
            datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min)
        )
    if shape["milestones"]:
        values["start"], values["end"] = start, end
    if shape["by_group"]:
        values["group"] = int(filters["group"])
    if shape["status"] == "value":
        values["status_value"] = status
    elif shape["status"] == "overdue":
        values["today"] = today
    today_starts = timezone.make_aware(datetime.datetime.combine(today, datetime.time.min))
    counts = for_viewer(viewer, _timeline_counts, shape=shape, today_starts=today_starts, **values)
    total = sum(row[0] for row in counts)
    before = sum(row[1] for row in counts)
    pages = max(1, -(-total // page_size))
    if page is None:
        page = min(before // page_size + 1, pages)
    page = min(max(page, 1), pages)
    offset = (page - 1) * page_size
    rows: list[tuple] = []
    if total:
        found = for_viewer(
            viewer,
            _timeline_rows,
            shape={**shape, "offset": offset, "page_size": page_size},
            **values,
        )
        rows = [_timeline_row(*row) for row in found]
    return {
        "rows": rows,
        "total": total,
        "before_today": before,
        "page": page,
        "pages": pages,
        "offset": offset,
        "today": today,
    }


def _timeline_row(kind, pk, when, due, *rest) -> tuple:
    """A union row with its local day (and a meeting's local start time)."""
    if due is not None:
        return (kind, pk, due, None, *rest)
    when = timezone.localtime(when)
    return (kind, pk, when.date(), when, *rest)


def overdue_q(*, today: datetime.date) -> Q:
    """Milestones marked late, or past their due date and not done."""
    return Q(status="late") | (Q(due_on__lt=today) & ~Q(status="done"))


# --- A person's own front page -------------------------------------------------------------------
