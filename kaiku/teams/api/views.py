"""Teams in the API, read-only: what the viewer may see, as on the site. A team's members are
listed for its members only; its agreements, sessions and improvements each by their own
visibility."""

from __future__ import annotations

from django.db.models import Count, Prefetch
from django.http import Http404
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework.response import Response

from kaiku.core.api.views import ReadOnlyModelViewSet
from kaiku.organisations.models import Organisation

from .. import selectors
from ..models import Team
from .serializers import TeamDetailSerializer, TeamSerializer


@extend_schema_view(
    list=extend_schema(
        summary="List teams",
        description="The teams you may see (public ones without signing in), by name.",
        tags=["teams"],
    ),
    retrieve=extend_schema(
        summary="One team by slug",
        description="With its agreements, change sessions and improvement cards that you may "
        "see, and for the team's members the member list.",
        tags=["teams"],
        responses=TeamDetailSerializer,
    ),
)
class TeamViewSet(ReadOnlyModelViewSet):
    serializer_class = TeamSerializer
    lookup_field = "slug"
    ordering_fields = ["name"]

    def get_queryset(self):
        return (
            Team.objects.visible_to(self.request.user)
            .filter(archived_at__isnull=True)
            .annotate(member_count=Count("memberships", distinct=True))
            .prefetch_related(Prefetch("offices", queryset=Organisation.objects.order_by("name")))
            .order_by("name", "pk")
        )

    def retrieve(self, request, *args, **kwargs):
        team = self.get_object()
        user = request.user
        membership = selectors.membership_of(viewer=user, team=team)
        members = (
            list(selectors.members_of(team))
            if selectors.may_see_members(viewer=user, membership=membership)
            else None
        )
        context = {
            **self.get_serializer_context(),
            "members": members,
            "items": {
                "agreements": list(selectors.agreements_of(viewer=user, team=team)),
                "sessions": list(selectors.sessions_of(viewer=user, team=team)),
                "improvements": [
                    card
                    for column in selectors.board_of(viewer=user, team=team)
                    for card in column["cards"]
                ],
            },
        }
        return Response(TeamDetailSerializer(team, context=context).data)

    def get_object(self):
        try:
            return super().get_object()
        except Team.DoesNotExist:  # pragma: no cover - DRF answers 404 itself
            raise Http404 from None
