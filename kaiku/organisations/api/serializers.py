from __future__ import annotations

from rest_framework import serializers

from ..models import Organisation, Region


class RegionSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="region-detail", lookup_field="code")

    class Meta:
        model = Region
        fields = ["id", "code", "slug", "name", "name_fi", "name_sv", "name_en", "url"]
        read_only_fields = fields


class OrganisationSerializer(serializers.ModelSerializer):
    """An organisation. `name` is in the request's language (`Accept-Language`) with fallback
    fi → sv → en."""

    type_display = serializers.CharField(source="get_type_display", read_only=True)
    region = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    regions = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    municipalities = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    # Not a URLField: the schema's `format: uri` would reject the empty value of "no website".
    website = serializers.CharField(read_only=True, help_text="The website's URL, or empty.")
    url = serializers.HyperlinkedIdentityField(view_name="organisation-detail", lookup_field="slug")

    class Meta:
        model = Organisation
        fields = [
            "id",
            "slug",
            "type",
            "type_display",
            "code",
            "name",
            "name_fi",
            "name_sv",
            "name_en",
            "abbreviation",
            "region",
            "regions",
            "municipalities",
            "website",
            "valid_from",
            "valid_until",
            "url",
        ]
        read_only_fields = fields
