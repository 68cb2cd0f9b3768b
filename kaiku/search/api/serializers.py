from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from kaiku.core.api.fast import FastRepresentationMixin
from kaiku.core.urls_absolute import absolute_url


class SearchGroupSerializer(FastRepresentationMixin, serializers.Serializer):
    """The working group a result belongs to."""

    id = serializers.IntegerField(source="pk", help_text="The working group's id.")
    name = serializers.CharField(help_text="The group's name in the request's language.")


class SearchHitSerializer(FastRepresentationMixin, serializers.Serializer):
    """One search result: something the caller may see, best matches first."""

    type = serializers.CharField(
        source="key",
        help_text="What the result is: `programme.meeting`, `news.newsitem`, … (the `type` "
        "filter's values).",
    )
    type_label = serializers.CharField(help_text="The type's name in the request's language.")
    id = serializers.IntegerField(source="object_id", help_text="The object's id.")
    title = serializers.SerializerMethodField(help_text="The title as plain text.")
    snippet = serializers.CharField(
        help_text="A passage of the text around the first matching word, as HTML: the text "
        "is escaped and every matching word is in a `<mark>` element; nothing else.",
    )
    language = serializers.CharField(
        source="snippet_language",
        help_text="The language of `title` and `snippet`: the request's, or Finnish when the "
        "text is not translated.",
    )
    web_url = serializers.SerializerMethodField(
        help_text="The result's page on the site (an absolute URL)."
    )
    date = serializers.DateTimeField(
        allow_null=True,
        help_text="The date the result is about (a meeting's start, publication) or null.",
    )
    group = SearchGroupSerializer(
        allow_null=True, help_text="The working group the result belongs to, or null."
    )
    score = serializers.FloatField(
        help_text="The relevance the results are sorted by (higher is better); comparable "
        "within one search only."
    )

    def get_title(self, hit) -> str:
        return hit.title_text

    @extend_schema_field(OpenApiTypes.URI)
    def get_web_url(self, hit) -> str:
        return absolute_url(hit.url)
