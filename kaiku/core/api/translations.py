"""The texts of an official item in every language, for the API."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from kaiku.core.translations import content_languages, translated_languages


def _schema(fields: tuple[str, ...]) -> dict:
    texts = {
        "type": "object",
        "properties": {field: {"type": "string"} for field in fields},
    }
    return {
        "type": "object",
        "description": "The texts as written in each language; empty where not translated "
        "(the plain fields fall back to Finnish).",
        "properties": dict.fromkeys(content_languages(), texts),
    }


def TranslationsField(*fields: str) -> serializers.Field:  # noqa: N802 - used like a field class
    """``translations = TranslationsField("title", "summary")`` gives
    ``{"fi": {"title": ..., "summary": ...}, "sv": {...}, "en": {...}}`` (no fallback)."""

    @extend_schema_field(_schema(fields))
    class _Translations(serializers.Field):
        def __init__(self) -> None:
            super().__init__(source="*", read_only=True)

        def to_representation(self, obj) -> dict:
            model = type(obj)
            texts: dict[str, dict[str, str]] = {code: {} for code in content_languages()}
            for field in fields:
                languages = translated_languages(model, field)
                for code in content_languages():
                    value = getattr(obj, f"{field}_{code}", "") if code in languages else ""
                    texts[code][field] = value or ""
            return texts

    return _Translations()
