"""Serializer fields shared by the API resources."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from kaiku.core.urls_absolute import absolute_url


@extend_schema_field(OpenApiTypes.URI)
class WebUrlField(serializers.ReadOnlyField):
    """The object's page on the site as an absolute address (``SITE_URL`` + the page's path
    in the request's language), e.g. ``https://kaiku.fi/fi/programmes/te24/``."""

    def __init__(self, **kwargs):
        kwargs.setdefault("source", "get_absolute_url")
        kwargs.setdefault("help_text", "The object's page on the site (an absolute URL).")
        super().__init__(**kwargs)

    def to_representation(self, value):
        return absolute_url(str(value))
