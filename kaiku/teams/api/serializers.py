from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ..models import Improvement, Team, TeamAgreement, TeamMembership, TeamSession


class OfficeSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()


class TeamSerializer(serializers.ModelSerializer):
    offices = OfficeSerializer(many=True, read_only=True)
    member_count = serializers.IntegerField(read_only=True)
    purpose_html = serializers.CharField(read_only=True)

    class Meta:
        model = Team
        fields = [
            "slug",
            "name",
            "purpose",
            "purpose_html",
            "visibility",
            "offices",
            "member_count",
        ]


class MemberSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="person.display_name")
    office = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)

    class Meta:
        model = TeamMembership
        fields = ["name", "role", "office", "joined_on"]


class AgreementSerializer(serializers.ModelSerializer):
    class Meta:
        model = TeamAgreement
        fields = ["id", "title", "body_html", "visibility", "agreed_on", "review_on"]


class SessionSerializer(serializers.ModelSerializer):
    class Meta:
        model = TeamSession
        fields = ["id", "title", "body_html", "visibility", "held_on"]


class ImprovementSerializer(serializers.ModelSerializer):
    owner = serializers.CharField(source="owner.display_name", default=None, allow_null=True)

    class Meta:
        model = Improvement
        fields = [
            "id",
            "title",
            "body_html",
            "visibility",
            "stage",
            "stage_changed_at",
            "owner",
            "result",
        ]


class TeamDetailSerializer(TeamSerializer):
    members = serializers.SerializerMethodField(
        help_text="The members with their roles and offices: only for the team's members "
        "(and administrators); `null` for others."
    )
    agreements = serializers.SerializerMethodField()
    sessions = serializers.SerializerMethodField()
    improvements = serializers.SerializerMethodField()

    class Meta(TeamSerializer.Meta):
        fields = [*TeamSerializer.Meta.fields, "members", "agreements", "sessions", "improvements"]

    def _items(self, name):
        return self.context["items"][name]

    @extend_schema_field(MemberSerializer(many=True, allow_null=True))
    def get_members(self, obj) -> list[dict] | None:
        members = self.context.get("members")
        return None if members is None else MemberSerializer(members, many=True).data

    @extend_schema_field(AgreementSerializer(many=True))
    def get_agreements(self, obj) -> list[dict]:
        return AgreementSerializer(self._items("agreements"), many=True).data

    @extend_schema_field(SessionSerializer(many=True))
    def get_sessions(self, obj) -> list[dict]:
        return SessionSerializer(self._items("sessions"), many=True).data

    @extend_schema_field(ImprovementSerializer(many=True))
    def get_improvements(self, obj) -> list[dict]:
        return ImprovementSerializer(self._items("improvements"), many=True).data
