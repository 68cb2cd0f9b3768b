"""Read-only representations. ``body`` is the Markdown source; ``web_url`` is the page."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from kaiku.core.api.fast import FastRepresentationMixin
from kaiku.core.api.fields import WebUrlField
from kaiku.core.content import Visibility
from kaiku.programme.models import WorkingGroup

from ..models import NewsItem


class ContactPersonSerializer(FastRepresentationMixin, serializers.Serializer):
    """A person to contact about the item."""

    name = serializers.CharField(
        source="display_name", read_only=True, help_text="The person's name."
    )
    title = serializers.CharField(read_only=True, help_text="The person's job title.")


class RelatedGroupSerializer(FastRepresentationMixin, serializers.ModelSerializer):
    """A working group the item is about: `/api/v1/working-groups/{id}/`."""

    programme = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, help_text="The programme's slug."
    )

    class Meta:
        model = WorkingGroup
        fields = ["id", "name", "programme"]
        read_only_fields = fields
        extra_kwargs = {
            "id": {"help_text": "The working group's id."},
            "name": {"help_text": "The working group's name."},
        }


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


class NewsItemSerializer(FastRepresentationMixin, serializers.ModelSerializer):
    """A published news item, announcement or meeting report."""

    url = serializers.HyperlinkedIdentityField(
        view_name="newsitem-detail", lookup_field="slug", help_text="This item in the API."
    )
    web_url = WebUrlField(route="news:detail")
    keywords = serializers.SlugRelatedField(
        slug_field="slug", many=True, read_only=True, help_text="The slugs of its keywords."
    )
    contact_persons = ContactPersonSerializer(
        source="listed_contacts",
        many=True,
        read_only=True,
        help_text="People to contact about the item.",
    )
    related_groups = RelatedGroupSerializer(
        source="visible_groups",
        many=True,
        read_only=True,
        help_text="The related working groups you may see.",
    )
    programme = serializers.SlugRelatedField(
        slug_field="slug",
        read_only=True,
        allow_null=True,
        help_text="The slug of the programme the item is about; null when none.",
    )
    visibility = VisibilityField(read_only=True)

    class Meta:
        model = NewsItem
        fields = [
            "id", "slug", "kind", "title", "summary", "body", "keywords", "contact_persons",
            "contact_info", "related_groups", "programme", "pinned", "published_at",
            "visibility", "url", "web_url",
            # ``title`` etc. are in the request's language (Accept-Language), else Finnish;
            # these are the texts as written in each language (empty: not translated).
            "title_fi", "title_sv", "title_en", "summary_fi", "summary_sv", "summary_en",
            "body_fi", "body_sv", "body_en",
        ]  # fmt: skip
        read_only_fields = fields
        extra_kwargs = {
            name: {"help_text": text}
            for name, text in {
                "id": "Identifier, stable for the item's lifetime.",
                "slug": "Short name used in addresses.",
                "kind": "`news`, `announcement` or `meeting_report`.",
                "title": "The title in the request's language (`Accept-Language`), else Finnish.",
                "summary": "A short plain-text summary in the request's language, else Finnish.",
                "body": "The text as Markdown source in the request's language, else Finnish.",
                "contact_info": "Further contact information as plain text; may be empty.",
                "pinned": "True when the item is kept at the top of the list.",
                "published_at": "When the item was published.",
                **{
                    f"{field}_{code}": f"The {field} as written in {language}; empty when not "
                    "translated."
                    for field in ("title", "summary", "body")
                    for code, language in (("fi", "Finnish"), ("sv", "Swedish"), ("en", "English"))
                },
            }.items()
        }
