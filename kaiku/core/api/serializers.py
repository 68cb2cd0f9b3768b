"""Base serializers for the API resources."""

from __future__ import annotations

from rest_framework import serializers

from kaiku.core.translations import content_languages

from .fast import FastRepresentationMixin

LANGUAGE_NAMES = {"fi": "Finnish", "sv": "Swedish", "en": "English"}


class DescribedModelSerializer(FastRepresentationMixin, serializers.ModelSerializer):
    """A model serializer whose per-language columns (``title_fi``, ``title_sv``, …) are
    described in the schema without listing each one: the schema promises every field a
    description, and these all say the same."""

    def get_extra_kwargs(self):
        extra = super().get_extra_kwargs()
        languages = set(content_languages())
        for name in getattr(self.Meta, "fields", []):
            base, _sep, code = name.rpartition("_")
            if base and code in languages:
                language = LANGUAGE_NAMES.get(code, code)
                extra.setdefault(name, {}).setdefault(
                    "help_text",
                    f"The {base} as written in {language}; empty when not translated.",
                )
        return extra
