"""The search page: one box, ranked results with snippets, facets as links (no JavaScript
needed), pagination. Everything comes from ``selectors.Search``."""

from __future__ import annotations

import re
from urllib.parse import quote_plus

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.views.decorators.http import require_GET

from . import listing
from .forms import SearchForm
from .selectors import Search, searchable_types

# What urlencode() (quote_plus) leaves as it is.
_PLAIN = re.compile(r"[-A-Za-z0-9_.~]*")


class _Links:
    """The current address's query with changes (``None`` removes a filter), from the first
    page: what ``QueryDict.urlencode`` gives for a copy without ``page`` whose changed names
    are set again (so they come last), with the query encoded once, not copied per link."""

    def __init__(self, params: QueryDict):
        self.encoding = params.encoding
        self.parts = [
            (name, "&".join(self._pair(name, value) for value in values))
            for name, values in params.lists()
            if name != "page"
        ]

    def _pair(self, name: str, value) -> str:
        # urlencode({name: value}) of the encoded texts: quote_plus of each, with no call
        # for a plain text (a facet's value).
        value = str(value)
        if not _PLAIN.fullmatch(name):
            name = quote_plus(name.encode(self.encoding))
        if not _PLAIN.fullmatch(value):
            value = quote_plus(value.encode(self.encoding))
        return f"{name}={value}"

    def __call__(self, **changes) -> str:
        parts = [encoded for name, encoded in self.parts if name not in changes and encoded]
        for name, value in changes.items():
            if value is not None:
                parts.append(self._pair(name, value))
        return "?" + "&".join(parts)


@require_GET
def results(request: HttpRequest) -> HttpResponse:
    # The labels as they are (lazy): the form checks the keys and never shows the choices.
    types = {key: s.label for key, s in searchable_types().items()}
    form = SearchForm(request.GET or None, types=types)
    search = page = None
    error = False
    if form.is_bound:
        form.is_valid()
        error = "q" in form.errors
        query = getattr(form, "query", None)
        if query is not None and not error:
            filters = form.filters()
            search = Search(viewer=request.user, query=query, **filters)
            page = search.page(request.GET.get("page"))
    link = _Links(request.GET)
    context = {
        "form": form,
        "search": search,
        "page_obj": page,
        "hits": page.object_list if page else [],
        # The hits as HTML (kaiku.search.listing): no template work per hit.
        "hit_rows": listing.hit_rows(page.object_list) if page else "",
        "query_error": error,
        "empty_query": form.is_bound and not error and getattr(form, "query", None) is None,
        "querystring": link()[1:],
        "clear_type": link(type=None),
        "clear_group": link(group=None),
        "clear_year": link(year=None),
        "type_items": listing.facet_items(
            [(facet, link(type=facet.value)) for facet in (search.types if search else [])]
        ),
        "group_items": listing.facet_items(
            [(facet, link(group=facet.value)) for facet in (search.groups if search else [])]
        ),
        "year_items": listing.facet_items(
            [(facet, link(year=facet.value)) for facet in (search.years if search else [])]
        ),
    }
    template = "search/results.html"
    if request.htmx and not request.htmx.history_restore_request and page is not None:
        template += "#results"  # the pagination's links swap the results only
    return render(request, template, context)
