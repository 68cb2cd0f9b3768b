"""Read-only representations. ``body`` is the Markdown source; ``web_url`` is the page."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from kaiku.core.content import Visibility
from kaiku.programme.models import WorkingGroup

from ..models import NewsItem


class ContactPersonSerializer(serializers.Serializer):
    name = serializers.CharField(source="display_name", read_only=True)
    title = serializers.CharField(read_only=True)


class RelatedGroupSerializer(serializers.ModelSerializer):
    programme = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = WorkingGroup
        fields = ["id", "name", "programme"]
        read_only_fields = fields


# Not an enum: drf-spectacular would name it like the programme's ``visibility`` enum (which
# has a third value, ``group``) and warn about the collision.
@extend_schema_field(
    {
        "type": "string",
        "pattern": "^(" + "|".join(Visibility.values) + ")$",
        "description": "`public` (everyone) or `staff` (logged-in users).",
    }
)
class VisibilityField(serializers.CharField):
    pass


class NewsItemSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="newsitem-detail", lookup_field="slug")
    web_url = serializers.CharField(source="get_absolute_url", read_only=True)
    keywords = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    contact_persons = ContactPersonSerializer(many=True, read_only=True)
    related_groups = RelatedGroupSerializer(
        source="visible_groups",
        many=True,
        read_only=True,
        help_text="The related working groups you may see.",
    )
    programme = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    visibility = VisibilityField(read_only=True)

    class Meta:
        model = NewsItem
        fields = [
            "id", "slug", "kind", "title", "summary", "body", "keywords", "contact_persons",
            "contact_info", "related_groups", "programme", "pinned", "published_at",
            "visibility", "url", "web_url",
        ]  # fmt: skip
        read_only_fields = fields
