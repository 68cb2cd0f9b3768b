"""Read-only representations. Markdown fields (``description``, ``mandate``, ``agenda``,
``body``, ``decisions``) are returned as the Markdown source; ``web_url`` is the page."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ..models import (
    GroupGoal,
    GroupTask,
    Meeting,
    Membership,
    Memo,
    Milestone,
    Programme,
    WorkingGroup,
)


class ProgrammeSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="programme-detail", lookup_field="slug")
    web_url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = Programme
        fields = [
            "id", "slug", "name", "name_fi", "name_sv", "name_en", "summary", "description",
            "starts_on", "ends_on", "url", "web_url",
        ]  # fmt: skip
        read_only_fields = fields


class GroupTaskSerializer(serializers.ModelSerializer):
    class Meta:
        model = GroupTask
        fields = ["id", "title", "description", "order"]
        read_only_fields = fields


class GroupGoalSerializer(serializers.ModelSerializer):
    class Meta:
        model = GroupGoal
        fields = ["id", "title", "description", "order"]
        read_only_fields = fields


class RepresentedOrganisationSerializer(serializers.Serializer):
    slug = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)


class MembershipSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="person.display_name", read_only=True)
    role_display = serializers.CharField(source="get_role_display", read_only=True)
    represents = RepresentedOrganisationSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Membership
        fields = ["name", "role", "role_display", "represents", "term_start", "term_end"]
        read_only_fields = fields


class MeetingSerializer(serializers.ModelSerializer):
    group = serializers.PrimaryKeyRelatedField(read_only=True)
    # Not a URLField: the schema's `format: uri` would reject the empty "no link" value.
    online_url = serializers.CharField(read_only=True, help_text="The online link, or empty.")
    web_url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = Meeting
        fields = [
            "id", "group", "title", "starts_at", "ends_at", "location", "online_url", "agenda",
            "status", "visibility", "web_url",
        ]  # fmt: skip
        read_only_fields = fields


class MilestoneSerializer(serializers.ModelSerializer):
    is_overdue = serializers.BooleanField(read_only=True)

    class Meta:
        model = Milestone
        fields = ["id", "title", "due_on", "status", "is_overdue", "visibility"]
        read_only_fields = fields


class MemoSerializer(serializers.ModelSerializer):
    meeting = serializers.SerializerMethodField(
        help_text="The meeting's id; null when there is none or you may not see it."
    )

    class Meta:
        model = Memo
        fields = ["id", "meeting", "title", "body", "decisions", "published_at", "visibility"]
        read_only_fields = fields

    @extend_schema_field({"type": "integer", "nullable": True})
    def get_meeting(self, obj) -> int | None:
        return obj.meeting_id if getattr(obj, "meeting_visible", False) else None


class WorkingGroupSerializer(serializers.ModelSerializer):
    """A group with everything its page shows, each list filtered by the caller's access."""

    url = serializers.HyperlinkedIdentityField(view_name="workinggroup-detail")
    web_url = serializers.CharField(source="get_absolute_url", read_only=True)
    programme = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    parent = serializers.SerializerMethodField(
        help_text="The parent group's id; null for a top-level group or a parent you may not see."
    )
    tasks = GroupTaskSerializer(many=True, read_only=True)
    goals = GroupGoalSerializer(many=True, read_only=True)
    members = MembershipSerializer(source="member_list", many=True, read_only=True)
    meetings = MeetingSerializer(source="visible_meetings", many=True, read_only=True)
    milestones = MilestoneSerializer(source="visible_milestones", many=True, read_only=True)
    memos = MemoSerializer(source="published_memos", many=True, read_only=True)

    class Meta:
        model = WorkingGroup
        fields = [
            "id", "programme", "parent", "slug", "name", "name_fi", "name_sv", "name_en",
            "mandate", "visibility", "tasks", "goals", "members", "meetings", "milestones",
            "memos", "url", "web_url",
        ]  # fmt: skip
        read_only_fields = fields

    @extend_schema_field({"type": "integer", "nullable": True})
    def get_parent(self, obj) -> int | None:
        return obj.parent_id if getattr(obj, "parent_visible", False) else None
