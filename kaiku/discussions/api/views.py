"""``/api/v1/discussions/`` and ``/api/v1/comments/``: the same reads and writes as the pages.

Lists and single objects are what the caller may see (anonymous callers: public content);
writes need an authenticated caller who may see the programme, group or target, honour
``Idempotency-Key``, and answer 429 with ``Retry-After`` when the caller posts too fast
(``kaiku.core.ratelimit`` through the shared exception handler).
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.response import Response

from kaiku.core.api.pagination import prepared_count
from kaiku.core.api.views import GenericViewSet, PreparedListMixin
from kaiku.core.content import visible_q
from kaiku.core.prepared import for_viewer
from kaiku.programme.models import Programme, WorkingGroup

from .. import selectors, services
from ..commentables import commentables, target_for, targets_of
from ..models import Comment, Discussion
from .serializers import (
    CommentCreateSerializer,
    CommentSerializer,
    CommentUpdateSerializer,
    DiscussionCreateSerializer,
    DiscussionSerializer,
)

RATE_NOTE = " Posting is rate-limited per person: 429 with `Retry-After` when too fast."


def _int(value, name):
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise ValidationError({name: ["A whole number is required."]}) from None
    if not 0 < number < 2**63:
        raise ValidationError({name: ["Out of range."]})
    return number


@extend_schema_view(
    list=extend_schema(
        summary="List discussions",
        description="Discussions you may see, pinned first, then the most recently active. "
        "Filter with `programme` (slug) and `group` (id).",
        parameters=[
            OpenApiParameter("programme", OpenApiTypes.STR, description="A programme's slug."),
            OpenApiParameter("group", OpenApiTypes.INT, description="A working group's id."),
        ],
        tags=["discussions"],
    ),
    retrieve=extend_schema(summary="One discussion", tags=["discussions"]),
    create=extend_schema(
        summary="Start a discussion",
        description="In a programme, or in a working group of it that you may see." + RATE_NOTE,
        request=DiscussionCreateSerializer,
        responses={201: DiscussionSerializer},
        tags=["discussions"],
    ),
)
class DiscussionViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, GenericViewSet
):
    serializer_class = DiscussionSerializer
    filter_backends: list = []
    lookup_value_regex = r"[0-9]{1,18}"

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema
            return Discussion.objects.none()
        rows = selectors.discussion_list(viewer=self.request.user)
        params = self.request.query_params
        if params.get("programme"):
            slug = params["programme"]
            # No slug holds a NUL character (PostgreSQL refuses one in a text parameter).
            rows = rows.none() if "\x00" in slug else rows.filter(programme__slug=slug)
        if params.get("group"):
            rows = rows.filter(group_id=_int(params["group"], "group"))
        return rows

    def create(self, request, *args, **kwargs):
        incoming = DiscussionCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = dict(incoming.validated_data)
        programme = Programme.objects.filter(slug=data.pop("programme")).first()
        if programme is None:
            raise ValidationError({"programme": ["No such programme."]})
        group = None
        group_id = data.pop("group", None)
        if group_id:
            group = WorkingGroup.objects.filter(
                visible_q(WorkingGroup, request.user), pk=group_id, programme=programme
            ).first()
            if group is None:
                raise ValidationError({"group": ["No such working group in the programme."]})
        discussion = services.discussion_create(
            actor=request.user, programme=programme, group=group, **data
        )
        out = DiscussionSerializer(discussion, context=self.get_serializer_context()).data
        return Response(out, status=status.HTTP_201_CREATED)


def _thread_rows(viewer, *, content_type_id: int, object_id: int):
    """The comments on one object that ``viewer`` may see, once the object's own visibility
    is checked (``CommentViewSet._one_target``'s rows, without their order). ``object_id__in``:
    a positive field's ``exact`` refuses a kept query's stand-in (``selectors._thread_page``)."""
    return Comment.objects.filter(
        visible_q(Comment, viewer), content_type=content_type_id, object_id__in=[object_id]
    )


def _thread_page(viewer, *, content_type_id: int, object_id: int, start: int, stop: int):
    # What CommentSerializer reads: the comment and its author's name (not the content type:
    # the target is known; not the author's whole row).
    return (
        _thread_rows(viewer, content_type_id=content_type_id, object_id=object_id)
        .select_related("author")
        .only(*selectors.THREAD_COLUMNS)
        .order_by("created", "pk")[start:stop]
    )


@extend_schema_view(
    list=extend_schema(
        summary="List comments",
        description="Comments you may see, oldest first, each with the object it hangs on. "
        "Filter by the object with `content_type` (e.g. `news.newsitem`, `programme.meeting`, "
        "`programme.workinggroup`, `discussions.discussion`, `questions.question`) and "
        "`object_id`; `parent` lists the replies to one comment. Removed comments and comments "
        "hidden by a moderator are left out (you see your own hidden ones).",
        parameters=[
            OpenApiParameter("content_type", OpenApiTypes.STR, description="`app_label.model`."),
            OpenApiParameter("object_id", OpenApiTypes.INT, description="The object's id."),
            OpenApiParameter("parent", OpenApiTypes.INT, description="Replies to this comment."),
        ],
        tags=["comments"],
    ),
    retrieve=extend_schema(summary="One comment", tags=["comments"]),
    create=extend_schema(
        summary="Comment on an object",
        description="On anything you may see that takes comments; `parent` makes it a reply."
        + RATE_NOTE,
        request=CommentCreateSerializer,
        responses={201: CommentSerializer},
        tags=["comments"],
    ),
    partial_update=extend_schema(
        summary="Edit your comment",
        description="Only its author; the earlier text is kept in the comment's history.",
        request=CommentUpdateSerializer,
        responses={200: CommentSerializer},
        tags=["comments"],
    ),
)
class CommentViewSet(
    PreparedListMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    GenericViewSet,
):
    serializer_class = CommentSerializer
    filter_backends: list = []
    http_method_names = ["get", "post", "patch", "head", "options"]
    lookup_value_regex = r"[0-9]{1,18}"
    # One object's thread (``?content_type=…&object_id=…``) takes the kept queries.
    prepared_query_params = frozenset({"page", "page_size", "content_type", "object_id"})

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema
            return Comment.objects.none()
        viewer = self.request.user
        params = self.request.query_params
        label = params.get("content_type")
        spec = None
        if label:
            spec = commentables().get(label.lower())
            if spec is None:
                raise ValidationError({"content_type": ["Not something that takes comments."]})
        # Given but empty is refused like any other value that is not a whole number.
        object_id = _int(params["object_id"], "object_id") if "object_id" in params else None
        if self.action == "list" and spec is not None and object_id is not None:
            rows = self._one_target(spec, object_id)
        else:
            rows = selectors.comment_list(viewer=viewer)
            if spec is not None:
                rows = rows.filter(content_type=ContentType.objects.get_for_model(spec.model))
            if object_id is not None:
                rows = rows.filter(object_id=object_id)
        if "parent" in params:
            rows = rows.filter(parent_id=_int(params["parent"], "parent"))
        return rows

    def _one_target(self, spec, object_id: int):
        """The comments on one object (a thread), as ``comment_list`` filtered by the object
        gives them: its rule (``comments_visible_q``) for comments of one object is "the
        viewer may see the object" (asked once, ``target_for``) and may see the comment
        (``visible_q``); no subquery per comment and commentable model."""
        viewer = self.request.user
        target = target_for(viewer, spec.label, object_id)
        self._target = target
        if target is None:
            return Comment.objects.none()
        # The related rows and the order of comment_list.
        return (
            Comment.objects.filter(
                visible_q(Comment, viewer),
                content_type=ContentType.objects.get_for_model(spec.model),
                object_id=object_id,
            )
            .select_related("author", "content_type")
            .order_by("created", "pk")
        )

    def prepared_rows(self, start: int, stop: int) -> tuple[list, int]:
        """One object's thread as ``_one_target`` reads it, by kept queries
        (``kaiku.core.prepared``): the object, the page and the count. Anything else (no
        object named, a value refused, nothing to show) is left to DRF's path (no rows)."""
        params = self.request.query_params
        spec = commentables().get((params.get("content_type") or "").lower())
        raw = params.get("object_id", "")
        if spec is None or not (raw.isascii() and raw.isdigit()) or not 0 < int(raw) < 2**63:
            return [], 0
        viewer = self.request.user
        object_id = int(raw)
        target = target_for(viewer, spec.label, object_id)
        if target is None:
            return [], 0
        values = {
            "content_type_id": ContentType.objects.get_for_model(spec.model).pk,
            "object_id": object_id,
        }
        page = for_viewer(viewer, _thread_page, shape={"start": start, "stop": stop}, **values)
        for comment in page:
            comment._target = target
        return page, (prepared_count(viewer, _thread_rows, **values) if page else 0)

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        if page is not None:
            target = getattr(self, "_target", None)
            if target is not None:
                for comment in page:
                    comment._target = target
            else:
                _attach_targets(page)
        return page

    def get_object(self):
        comment = super().get_object()
        _attach_targets([comment])
        return comment

    def create(self, request, *args, **kwargs):
        incoming = CommentCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        target = target_for(request.user, data["content_type"], data["object_id"])
        if target is None:
            raise NotFound()
        parent = None
        if data.get("parent"):
            parent = selectors.thread_rows(target).filter(pk=data["parent"]).first()
            if parent is None:
                raise ValidationError({"parent": ["No such comment on this object."]})
        comment = services.comment_create(
            actor=request.user, target=target, body=data["body"], parent=parent
        )
        comment._target = target
        out = CommentSerializer(comment, context=self.get_serializer_context()).data
        return Response(out, status=status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        comment = self.get_object()
        if not request.user.has_perm("discussions.change_comment", comment):
            raise PermissionDenied("Only the author may edit a comment.")
        incoming = CommentUpdateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        services.comment_update(
            actor=request.user, comment=comment, body=incoming.validated_data["body"]
        )
        return Response(CommentSerializer(comment, context=self.get_serializer_context()).data)


def _attach_targets(comments) -> None:
    found = targets_of(comments)
    for comment in comments:
        comment._target = found.get((comment.content_type_id, comment.object_id))
