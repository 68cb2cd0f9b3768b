"""Read-only API for programmes, working groups and meetings. Visibility is applied by the
same selectors as the pages: hidden groups and items are absent from lists and answer 404."""

from __future__ import annotations

from django.db.models import OuterRef
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError

from kaiku.core.api.fast import is_plain, path_template, request_affixes
from kaiku.core.api.pagination import prepared_count
from kaiku.core.api.views import PreparedListMixin, ReadOnlyModelViewSet
from kaiku.core.content import published_q, visible_q
from kaiku.core.links import reverse_cached
from kaiku.core.prepared import for_viewer
from kaiku.core.queries import correlated_count
from kaiku.core.translations import Chooser
from kaiku.core.urls_absolute import absolute_url, site_url

from .. import selectors
from ..models import (
    GroupGoal,
    GroupTask,
    Meeting,
    MeetingStatus,
    Membership,
    Memo,
    Milestone,
    WorkingGroup,
)
from . import examples
from .filters import MeetingFilter, WorkingGroupFilter
from .serializers import (
    GROUP_COLLECTIONS,
    GroupGoalSerializer,
    GroupTaskSerializer,
    MeetingSerializer,
    MembershipSerializer,
    MemoSerializer,
    MilestoneSerializer,
    ProgrammeSerializer,
    WorkingGroupListSerializer,
    WorkingGroupSerializer,
)

# Ids beyond nine digits cannot exist; refusing them in the URL keeps huge numbers away from
# the database (SQLite raises OverflowError on integers over 64 bits).
ID_REGEX = r"[0-9]{1,9}"

VISIBILITY_NOTE = (
    "Items have a visibility: `public` (everyone), `staff` (signed-in users) or `members` "
    "(members of the group); you get only what you may see."
)


def _ordering(fields: list[str], example: str) -> OpenApiParameter:
    return OpenApiParameter(
        "ordering",
        OpenApiTypes.STR,
        description="Sort by one of: "
        + ", ".join(f"`{f}`" for f in fields)
        + ". Prefix with `-` for descending order.",
        examples=[OpenApiExample(example, value=example)],
    )


PROGRAMME_PARAMETER = OpenApiParameter(
    "programme",
    OpenApiTypes.STR,
    description="Only those of the programme with this slug. An unknown slug is a 400.",
    examples=[OpenApiExample("te24", value="te24")],
)
GROUP_PARAMETER = OpenApiParameter(
    "group",
    OpenApiTypes.INT,
    description="Only those of the working group with this id. A group that does not exist "
    "or that you may not see gives an empty list.",
    examples=[OpenApiExample("Group 12", value=12)],
)
EXPAND_PARAMETER = OpenApiParameter(
    "expand",
    OpenApiTypes.STR,
    description="Comma-separated collections to include in each group: "
    + ", ".join(f"`{name}`" for name in GROUP_COLLECTIONS)
    + ". Without it each group has only its `counts` and `links`. An unknown name is a 400.",
    examples=[OpenApiExample("Members and meetings", value="members,meetings")],
)


def _id_parameter(description: str) -> OpenApiParameter:
    # A string of digits, as the URL pattern (ID_REGEX) accepts: the schema promises no more.
    return OpenApiParameter(
        "id", str, OpenApiParameter.PATH, description=description, pattern=f"^{ID_REGEX}$"
    )


GROUP_ID_PARAMETER = _id_parameter("The working group's id.")
MEETING_ID_PARAMETER = _id_parameter("The meeting's id.")
PROGRAMME_SLUG_PARAMETER = OpenApiParameter(
    "slug",
    OpenApiTypes.STR,
    OpenApiParameter.PATH,
    description="The programme's slug, e.g. `te24`.",
)


@extend_schema_view(
    list=extend_schema(
        summary="List programmes",
        description="Programmes of the reform (always public).",
        parameters=[_ordering(["name", "starts_on"], "name")],
        examples=[examples.programme_list],
        tags=["programmes"],
    ),
    retrieve=extend_schema(
        summary="One programme by slug",
        description="A programme (always public).",
        parameters=[PROGRAMME_SLUG_PARAMETER],
        examples=[examples.programme],
        tags=["programmes"],
    ),
)
class ProgrammeViewSet(ReadOnlyModelViewSet):
    serializer_class = ProgrammeSerializer
    lookup_field = "slug"
    ordering_fields = ["name", "starts_on"]

    def get_queryset(self):
        return selectors.programme_list()


def _count(queryset) -> Coalesce:
    """The number of rows of ``queryset`` that belong to the outer group."""
    return correlated_count(queryset.filter(group=OuterRef("pk")), "group")


def _with_counts(queryset, viewer, now=None):
    now = now or timezone.now()
    return queryset.annotate(
        members_count=_count(Membership.objects.filter(person__is_active=True)),
        meetings_count=_count(Meeting.objects.filter(visible_q(Meeting, viewer))),
        milestones_count=_count(Milestone.objects.filter(visible_q(Milestone, viewer))),
        memos_count=_count(Memo.objects.filter(visible_q(Memo, viewer) & published_q(now=now))),
        tasks_count=_count(GroupTask.objects.all()),
        goals_count=_count(GroupGoal.objects.all()),
    )


# Which prefetch of selectors.group_detail_prefetches fills each collection.
PREFETCH_OF = {
    "members": "member_list",
    "meetings": "visible_meetings",
    "milestones": "visible_milestones",
    "memos": "published_memos",
    "tasks": "tasks",
    "goals": "goals",
}


def _prefetches(viewer, names) -> dict:
    if not names:
        return {}  # the list without ?expand=: no need to build the prefetch querysets
    wanted = {PREFETCH_OF[name]: name for name in names}
    return {
        wanted[p.prefetch_to]: p
        for p in selectors.group_detail_prefetches(viewer)
        if getattr(p, "prefetch_to", None) in wanted
    }


def parse_expand(raw: str | None) -> frozenset[str]:
    """``?expand=members,meetings``: each name must be one of ``GROUP_COLLECTIONS``."""
    if raw is None:
        return frozenset()
    names = raw.split(",")
    unknown = [name for name in names if name not in GROUP_COLLECTIONS]
    if unknown:
        message = _("Unknown value %(values)s. Allowed values, separated by commas: %(allowed)s.")
        raise ValidationError(
            {
                "expand": [
                    message
                    % {
                        "values": ", ".join(repr(n) for n in unknown),
                        "allowed": ", ".join(GROUP_COLLECTIONS),
                    }
                ]
            }
        )
    return frozenset(names)


def _collection_schema(summary: str, serializer, example) -> dict:
    return extend_schema(
        summary=summary,
        description="A paginated list. The group must be one you may see (else 404). "
        + VISIBILITY_NOTE,
        parameters=[GROUP_ID_PARAMETER],
        responses=serializer(many=True),
        examples=[example],
        tags=["working-groups"],
    )


def _collection_action(name: str, serializer, summary: str, example):
    """A paginated ``/working-groups/{id}/<name>/`` endpoint for one collection."""

    def collection(self, request, pk=None):
        group = self.get_object()
        prefetch = _prefetches(request.user, [name])[name]
        page = self.paginate_queryset(prefetch.queryset.filter(group=group))
        return self.get_paginated_response(serializer(page, many=True).data)

    # The router finds the method by this name.
    collection.__name__ = collection.__qualname__ = name
    decorated = action(
        detail=True,
        url_path=name,
        url_name=name,
        serializer_class=serializer,
        filter_backends=[],
        filterset_class=None,
    )(collection)
    return _collection_schema(summary, serializer, example)(decorated)


@extend_schema_view(
    list=extend_schema(
        summary="List working groups",
        description="Working groups with the number of members, meetings, milestones, memos, "
        "tasks and goals you may see, and the addresses where to read them. Ask for "
        "collections inline with `expand`. " + VISIBILITY_NOTE,
        parameters=[PROGRAMME_PARAMETER, EXPAND_PARAMETER, _ordering(["name", "order"], "name")],
        examples=[examples.group_list],
        tags=["working-groups"],
    ),
    retrieve=extend_schema(
        summary="One working group by id",
        description="A working group with its tasks, goals, members, meetings, milestones and "
        "published memos. " + VISIBILITY_NOTE,
        parameters=[GROUP_ID_PARAMETER],
        examples=[examples.group],
        tags=["working-groups"],
    ),
)
class WorkingGroupViewSet(PreparedListMixin, ReadOnlyModelViewSet):
    lookup_value_regex = ID_REGEX
    filterset_class = WorkingGroupFilter
    ordering_fields = ["name", "order"]

    members = _collection_action(
        "members", MembershipSerializer, "Members of a working group", examples.members
    )
    meetings = _collection_action(
        "meetings", MeetingSerializer, "Meetings of a working group", examples.meetings
    )
    milestones = _collection_action(
        "milestones", MilestoneSerializer, "Milestones of a working group", examples.milestones
    )
    memos = _collection_action(
        "memos", MemoSerializer, "Published memos of a working group", examples.memos
    )
    tasks = _collection_action(
        "tasks", GroupTaskSerializer, "Tasks of a working group", examples.tasks
    )
    goals = _collection_action(
        "goals", GroupGoalSerializer, "Goals of a working group", examples.goals
    )

    def get_serializer_class(self):
        if self.action == "retrieve":
            return WorkingGroupSerializer
        if self.action == "list":
            return WorkingGroupListSerializer
        return super().get_serializer_class()

    @property
    def expand(self) -> frozenset[str] | None:
        if getattr(self, "swagger_fake_view", False):
            return None  # the schema lists every field
        if self.action == "retrieve":
            return frozenset(GROUP_COLLECTIONS)
        if self.action != "list":
            return frozenset()
        if not hasattr(self, "_expand"):
            self._expand = parse_expand(self.request.query_params.get("expand"))
        return self._expand

    def get_serializer(self, *args, **kwargs):
        if self.action == "list":
            kwargs["expand"] = self.expand
        return super().get_serializer(*args, **kwargs)

    def get_queryset(self):
        viewer = self.request.user
        queryset = selectors.group_list(viewer=viewer)
        if self.action not in {"list", "retrieve"}:
            return queryset  # a collection's endpoint: only the group itself
        expand = self.expand or frozenset()
        if self.action == "list":
            # Only what WorkingGroupListSerializer reads: not the mandates, nor the parent's
            # row (its id and parent_visible say all the list shows of it).
            queryset = (
                queryset.select_related(None)
                .select_related("programme")
                .only(*LIST_COLUMNS, "programme__slug")
            )
        return _with_counts(queryset, viewer).prefetch_related(
            *_prefetches(viewer, expand).values()
        )

    def list(self, request, *args, **kwargs):
        # PreparedListMixin's path, with the page's JSON written from plain rows
        # (listed_groups) instead of WorkingGroupListSerializer; any other request takes
        # DRF's path (ListModelMixin.list: the mixin would ask for the empty page again).
        if self.paginator is not None and self.prepared_query_params.issuperset(
            request.query_params
        ):
            rows = self.paginator.prepared_page(request, self.prepared_rows)
            if rows is not None:
                return self.get_paginated_response(listed_groups(rows, request))
        return mixins.ListModelMixin.list(self, request, *args, **kwargs)

    def prepared_rows(self, start: int, stop: int) -> tuple[list, int]:
        # The list without ?expand=, filters or ordering: get_queryset's page (the columns
        # WorkingGroupListSerializer reads, as plain values) and its count by kept queries.
        viewer = self.request.user
        shape = {"start": start, "stop": stop}
        rows = for_viewer(viewer, _group_rows, shape=shape, now=timezone.now())
        return rows, (prepared_count(viewer, _groups) if rows else 0)


LIST_COLUMNS = ("id", "programme", "parent", "slug", "name", "visibility")
COUNT_COLUMNS = tuple(f"{name}_count" for name in GROUP_COLLECTIONS)
# Where _group_rows' values are: six columns, the counts, the names.
_COUNTS_AT = 6
_NAMES_AT = _COUNTS_AT + len(COUNT_COLUMNS)


def _groups(viewer):
    return selectors.group_list(viewer=viewer)


def _group_rows(viewer, *, now, start: int, stop: int):
    # WorkingGroupViewSet.get_queryset for the list without ?expand=, a page of it as
    # values: what listed_groups writes.
    queryset = _with_counts(_groups(viewer).select_related(None), viewer, now=now)
    return queryset.values_list(
        "id",
        "programme__slug",
        "parent_id",
        "parent_visible",
        "slug",
        "visibility",
        *COUNT_COLUMNS,
        *Chooser.columns(WorkingGroup, "name"),
    )[start:stop]


def listed_groups(rows, request) -> list[dict]:
    """``_group_rows``' rows as WorkingGroupListSerializer writes them (without ?expand=):
    the addresses from each route's template, cut once per request (``path_template``), the
    name in the request's language as modeltranslation picks it."""
    before, after = request_affixes(request)
    site = site_url()
    detail = path_template("workinggroup-detail", ["pk"])
    links = [
        (name, before + parts[0], parts[2] + after)
        for name in GROUP_COLLECTIONS
        for parts in [path_template(f"workinggroup-{name}", ["pk"])]
    ]
    page = path_template("programme:group_detail", ["programme_slug", "slug"])
    if page is not None and page[1] != "programme_slug":
        page = None
    name_of = Chooser().picker(WorkingGroup, "name", at=_NAMES_AT)
    counts = [(name, _COUNTS_AT + i) for i, name in enumerate(GROUP_COLLECTIONS)]
    written = []
    for row in rows:
        pk, programme, parent, parent_visible, slug, visibility = row[:6]
        key = str(pk)
        if page is not None and is_plain(programme) and is_plain(slug):
            web_url = site + page[0] + programme + page[2] + slug + page[4]
        else:
            web_url = absolute_url(
                reverse_cached("programme:group_detail", programme_slug=programme, slug=slug)
            )
        written.append(
            {
                "id": pk,
                "programme": programme,
                "parent": parent if parent_visible else None,
                "slug": slug,
                "name": name_of(row),
                "visibility": visibility,
                "counts": {name: row[at] or 0 for name, at in counts},
                "url": before + detail[0] + key + detail[2] + after,
                "web_url": web_url,
                "links": {name: start + key + end for name, start, end in links},
            }
        )
    return written


@extend_schema_view(
    list=extend_schema(
        summary="List meetings",
        description="Meetings of every working group you may see, oldest first. Filter by "
        "programme, group, status and time. " + VISIBILITY_NOTE,
        parameters=[
            PROGRAMME_PARAMETER,
            GROUP_PARAMETER,
            OpenApiParameter(
                "status",
                OpenApiTypes.STR,
                description="Only meetings with this status: "
                + ", ".join(f"`{value}`" for value in MeetingStatus.values)
                + ".",
                enum=MeetingStatus.values,
                examples=[OpenApiExample("Held", value="held")],
            ),
            OpenApiParameter(
                "starts_after",
                OpenApiTypes.DATETIME,
                description="Only meetings that start at or after this time (ISO 8601).",
                examples=[OpenApiExample("From 1 Jan 2025", value="2025-01-01T00:00:00+02:00")],
            ),
            OpenApiParameter(
                "starts_before",
                OpenApiTypes.DATETIME,
                description="Only meetings that start before this time (ISO 8601).",
                examples=[OpenApiExample("Before 1 Jul 2025", value="2025-07-01T00:00:00+03:00")],
            ),
            _ordering(["starts_at", "title"], "-starts_at"),
        ],
        examples=[examples.meetings],
        tags=["meetings"],
    ),
    retrieve=extend_schema(
        summary="One meeting by id",
        description=VISIBILITY_NOTE,
        parameters=[MEETING_ID_PARAMETER],
        examples=[examples.meeting],
        tags=["meetings"],
    ),
)
class MeetingViewSet(ReadOnlyModelViewSet):
    serializer_class = MeetingSerializer
    lookup_value_regex = ID_REGEX
    filterset_class = MeetingFilter
    ordering_fields = ["starts_at", "title"]

    def get_queryset(self):
        return selectors.meeting_list(viewer=self.request.user)
