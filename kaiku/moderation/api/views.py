"""``POST /api/v1/reports/``: report a post to the moderators, as on the site's report form.

Signed-in callers only; content the caller may not see, or that is not moderated, answers 404.
Each person reports an object once (400 the second time), at most 20 reports a day (429 with
``Retry-After``); a suspended person gets 403. ``Idempotency-Key`` is honoured.
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status
from rest_framework.exceptions import NotFound
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from kaiku.core.api.views import GenericViewSet
from kaiku.core.content import may_see

from .. import selectors, services
from ..models import Report
from .serializers import ReportSerializer


class ReportViewSet(mixins.CreateModelMixin, GenericViewSet):
    serializer_class = ReportSerializer
    permission_classes = [IsAuthenticated]
    queryset = Report.objects.none()

    @extend_schema(
        summary="Report a post",
        description="Tell the moderators that a question, answer, discussion or comment breaks "
        "the community guidelines. Content reported by three different people is hidden "
        "until a moderator decides. At most 20 reports a day (429 with `Retry-After`).",
        responses={201: ReportSerializer},
    )
    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        obj = selectors.get_moderated(data["content_type"], data["object_id"])
        if obj is None or not may_see(request.user, obj):
            raise NotFound()
        # A ValidationError (already reported, own post) becomes 400, a RateLimitError 429
        # (kaiku.core.api.exceptions).
        report = services.report(
            obj=obj,
            reporter=request.user,
            reason=data["reason"],
            text=data.get("text", ""),
            request=request,
        )
        out = ReportSerializer(report).data
        out["content_type"] = data["content_type"]
        return Response(out, status=status.HTTP_201_CREATED)
