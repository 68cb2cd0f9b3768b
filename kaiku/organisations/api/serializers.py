from __future__ import annotations

from rest_framework import serializers

from kaiku.core.api.fast import FastRepresentationMixin

from ..models import Organisation, Region


class RegionSerializer(FastRepresentationMixin, serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="region-detail", lookup_field="code", help_text="This region in the API."
    )

    class Meta:
        model = Region
        fields = ["id", "code", "slug", "name", "name_fi", "name_sv", "name_en", "url"]
        read_only_fields = fields
        extra_kwargs = {
            "id": {"help_text": "The region's id in Kaiku."},
            "code": {"help_text": "The official two-digit region (maakunta) code, e.g. `01`."},
            "slug": {"help_text": "The region's address part on the site."},
            "name": {"help_text": "The name in the request's language (fallback Finnish)."},
            "name_fi": {"help_text": "The Finnish name."},
            "name_sv": {"help_text": "The Swedish name, or empty."},
            "name_en": {"help_text": "The English name, or empty."},
        }


class OrganisationSerializer(FastRepresentationMixin, serializers.ModelSerializer):
    """An organisation. `name` is in the request's language (`Accept-Language`) with fallback
    fi → sv → en."""

    type_display = serializers.CharField(
        source="get_type_display",
        read_only=True,
        help_text="The type in the request's language, e.g. `Kunta`.",
    )
    region = serializers.SlugRelatedField(
        slug_field="code",
        read_only=True,
        allow_null=True,
        help_text="The code of the region the organisation is located in, or null.",
    )
    regions = serializers.SlugRelatedField(
        slug_field="code",
        many=True,
        read_only=True,
        help_text="Codes of the regions an organisation serves (ELY centres, employment areas).",
    )
    municipalities = serializers.SlugRelatedField(
        slug_field="code",
        many=True,
        read_only=True,
        help_text="Codes of the member municipalities (TE24 employment areas, pilots).",
    )
    # Not a URLField: the schema's `format: uri` would reject the empty value of "no website".
    website = serializers.CharField(read_only=True, help_text="The website's URL, or empty.")
    url = serializers.HyperlinkedIdentityField(
        view_name="organisation-detail",
        lookup_field="slug",
        help_text="This organisation in the API.",
    )

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
        extra_kwargs = {
            "id": {"help_text": "The organisation's id in Kaiku."},
            "slug": {"help_text": "The organisation's address part on the site."},
            "type": {"help_text": "The type's code, e.g. `municipality` or `ely_centre`."},
            "code": {"help_text": "The official code (a municipality's three digits), or empty."},
            "name": {"help_text": "The name in the request's language (fallback Finnish)."},
            "name_fi": {"help_text": "The Finnish name."},
            "name_sv": {"help_text": "The Swedish name, or empty."},
            "name_en": {"help_text": "The English name, or empty."},
            "abbreviation": {"help_text": "A short name, e.g. `KEHA`, or empty."},
            "valid_from": {"help_text": "The day the organisation started, or null."},
            "valid_until": {"help_text": "The last day of a former organisation, or null."},
        }
