"""Read-only API for programmes, working groups and meetings. Visibility is applied by the
same selectors as the pages: hidden groups and items are absent from lists and answer 404."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view

from kaiku.core.api.views import ReadOnlyModelViewSet

from .. import selectors
from .filters import MeetingFilter, WorkingGroupFilter
from .serializers import MeetingSerializer, ProgrammeSerializer, WorkingGroupSerializer

# Ids beyond nine digits cannot exist; refusing them in the URL keeps huge numbers away from
# the database (SQLite raises OverflowError on integers over 64 bits).
ID_REGEX = r"[0-9]{1,9}"

VISIBILITY_NOTE = (
    " Items have a visibility: `public` (everyone), `staff` (logged-in users) or `group` "
    "(members of the group); you get only what you may see."
)


@extend_schema_view(
    list=extend_schema(
        summary="List programmes",
        description="Programmes of the reform (always public).",
        tags=["programmes"],
    ),
    retrieve=extend_schema(summary="One programme by slug", tags=["programmes"]),
)
class ProgrammeViewSet(ReadOnlyModelViewSet):
    serializer_class = ProgrammeSerializer
    lookup_field = "slug"
    ordering_fields = ["name", "starts_on"]

    def get_queryset(self):
        return selectors.programme_list()


@extend_schema_view(
    list=extend_schema(
        summary="List working groups",
        description="Working groups with their tasks, goals, members, meetings, milestones "
        "and published memos. Filter by programme slug." + VISIBILITY_NOTE,
        tags=["working-groups"],
    ),
    retrieve=extend_schema(
        summary="One working group by id", description=VISIBILITY_NOTE, tags=["working-groups"]
    ),
)
class WorkingGroupViewSet(ReadOnlyModelViewSet):
    serializer_class = WorkingGroupSerializer
    lookup_value_regex = ID_REGEX
    filterset_class = WorkingGroupFilter
    ordering_fields = ["name", "order"]

    def get_queryset(self):
        viewer = self.request.user
        return selectors.group_list(viewer=viewer).prefetch_related(
            *selectors.group_detail_prefetches(viewer)
        )


@extend_schema_view(
    list=extend_schema(
        summary="List meetings",
        description="Meetings of every working group you may see, oldest first. Filter by "
        "programme, group, status and time." + VISIBILITY_NOTE,
        tags=["meetings"],
    ),
    retrieve=extend_schema(
        summary="One meeting by id", description=VISIBILITY_NOTE, tags=["meetings"]
    ),
)
class MeetingViewSet(ReadOnlyModelViewSet):
    serializer_class = MeetingSerializer
    lookup_value_regex = ID_REGEX
    filterset_class = MeetingFilter
    ordering_fields = ["starts_at", "title"]

    def get_queryset(self):
        return selectors.meeting_list(viewer=self.request.user)
