from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .analysis import MAX_QUERY_LENGTH, MAX_QUERY_WORDS, QueryError, parse_query


class SearchForm(forms.Form):
    """The query and its filters, from the address (GET): the page works without JavaScript
    and every result page can be linked to."""

    q = forms.CharField(label=_("Search"), required=False, strip=True)
    type = forms.MultipleChoiceField(required=False)
    group = forms.IntegerField(required=False, min_value=1, max_value=2**63 - 1)
    year = forms.IntegerField(required=False, min_value=1900, max_value=2999)

    def __init__(self, *args, types: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["type"].choices = list(types.items())
        self.fields["q"].widget = forms.SearchInput(
            attrs={"autocomplete": "off", "spellcheck": "false"}
        )

    def clean_q(self):
        value = self.cleaned_data["q"]
        if "\x00" in value:
            raise forms.ValidationError(_("Remove the null characters."), code="null")
        try:
            self.query = parse_query(value)
        except QueryError as exc:
            self.query = None
            if str(exc) == "too_long":
                raise forms.ValidationError(
                    _("Search with at most %(max)d characters."),
                    code="too_long",
                    params={"max": MAX_QUERY_LENGTH},
                ) from None
            raise forms.ValidationError(
                _("Search with at most %(max)d words."),
                code="too_many_words",
                params={"max": MAX_QUERY_WORDS},
            ) from None
        return value

    def filters(self) -> dict:
        """The valid filters; a filter with a wrong value is left out (a stale link)."""
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        return {
            "types": data.get("type") or [],
            "group": data.get("group"),
            "year": data.get("year"),
        }
