"""The query limits have plural forms (Finnish "1 sana", "12 sanaa")."""

from __future__ import annotations

from django.utils import translation

from .. import forms
from ..analysis import QueryError


def test_the_query_limits_have_plural_forms(monkeypatch):
    too_long, too_many = QueryError("too_long"), QueryError("too_many_words")
    with translation.override("fi"):
        assert forms.query_error_message(too_long) == "Haussa voi olla enintään 200 merkkiä."
        assert forms.query_error_message(too_many) == "Haussa voi olla enintään 12 sanaa."
        monkeypatch.setattr(forms, "MAX_QUERY_LENGTH", 1)
        monkeypatch.setattr(forms, "MAX_QUERY_WORDS", 1)
        assert forms.query_error_message(too_long) == "Haussa voi olla enintään 1 merkki."
        assert forms.query_error_message(too_many) == "Haussa voi olla enintään 1 sana."
    with translation.override("en"):
        assert forms.query_error_message(too_many) == "Search with at most 1 word."
