from __future__ import annotations

from django import forms
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from .analysis import MAX_QUERY_LENGTH, MAX_QUERY_WORDS, QueryError, parse_query


def query_error_message(exc: QueryError) -> str:
    if str(exc) == "too_long":
        return ngettext(
            "Search with at most %(max)d character.",
            "Search with at most %(max)d characters.",
            MAX_QUERY_LENGTH,
        ) % {"max": MAX_QUERY_LENGTH}
    return ngettext(
        "Search with at most %(max)d word.",
        "Search with at most %(max)d words.",
        MAX_QUERY_WORDS,
    ) % {"max": MAX_QUERY_WORDS}


class _TypeField(forms.MultipleChoiceField):
    """The types to search: keys of the form's ``types``, checked in a set (the choices are
    never shown, so they are not built per request)."""

    keys: frozenset[str] = frozenset()

    def valid_value(self, value) -> bool:
        return str(value) in self.keys


class SearchForm(forms.Form):
    """The query and its filters, from the address (GET): the page works without JavaScript
    and every result page can be linked to."""

    q = forms.CharField(
        label=gettext_lazy("Search"),
        required=False,
        strip=True,
        widget=forms.SearchInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    type = _TypeField(required=False)
    group = forms.IntegerField(required=False, min_value=1, max_value=2**63 - 1)
    year = forms.IntegerField(required=False, min_value=1900, max_value=2999)

    def __init__(self, *args, types: dict[str, str | Promise], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["type"].keys = frozenset(types)

    def clean_q(self):
        value = self.cleaned_data["q"]
        if "\x00" in value:
            raise forms.ValidationError(_("Remove the null characters."), code="null")
        try:
            self.query = parse_query(value)
        except QueryError as exc:
            self.query = None
            raise forms.ValidationError(query_error_message(exc), code=str(exc)) from None
        return value

    def filters(self) -> dict:
        """The valid filters; a filter with a wrong value is left out (a stale link)."""
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        return {
            "types": data.get("type") or [],
            "group": data.get("group"),
            "year": data.get("year"),
        }
