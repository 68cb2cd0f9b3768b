"""``/api/v1/onboarding/``: the enrolments that name the signed-in caller (as the newcomer,
the supervisor or the mentor), each with its checklist and progress. Read-only; anonymous
callers get 401."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins
from rest_framework.exceptions import NotFound
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from kaiku.core.api.views import GenericViewSet

from .. import selectors
from ..models import Enrolment
from .serializers import OnboardingEnrolmentSerializer

DESCRIPTION = (
    "Your onboarding: the enrolments in which you are the newcomer, the supervisor or the "
    "mentor, newest start first, each with its modules and tasks, their due dates (the start "
    "date plus the task's offset), what is done and what is overdue. Read-only: tasks are "
    "marked done on the checklist page (`web_url`)."
)


@extend_schema_view(
    list=extend_schema(summary="Your onboarding enrolments", description=DESCRIPTION),
    retrieve=extend_schema(
        summary="One of your onboarding enrolments",
        description="One enrolment that names you; any other is a 404.",
    ),
)
class EnrolmentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, GenericViewSet):
    serializer_class = OnboardingEnrolmentSerializer
    permission_classes = [IsAuthenticated]
    lookup_value_regex = r"[0-9]+"

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Enrolment.objects.none()
        return (
            Enrolment.objects.filter(pk__in=selectors.enrolment_ids_naming(self.request.user))
            .select_related("programme", "newcomer", "supervisor", "mentor")
            .order_by("-start_date", "-pk")
        )

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context.setdefault("checklists", {})
        return context

    def _serialize(self, enrolments, *, many: bool):
        checklists = selectors.checklists_for(enrolments if many else [enrolments])
        context = {**self.get_serializer_context(), "checklists": checklists}
        return OnboardingEnrolmentSerializer(enrolments, many=many, context=context).data

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(self._serialize(list(page), many=True))

    def get_object(self):
        try:
            pk = int(self.kwargs["pk"])
        except (TypeError, ValueError):
            raise NotFound() from None
        enrolment = self.get_queryset().filter(pk=pk).first() if pk <= selectors.MAX_PK else None
        if enrolment is None:
            raise NotFound()
        return enrolment

    def retrieve(self, request, *args, **kwargs):

        return Response(self._serialize(self.get_object(), many=False))
