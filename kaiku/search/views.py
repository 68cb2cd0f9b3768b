"""The search page: one box, ranked results with snippets, facets as links (no JavaScript
needed), pagination. Everything comes from ``selectors.Search``."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.views.decorators.http import require_GET

from . import listing
from .forms import SearchForm
from .selectors import Search, searchable_types


def _link(params: QueryDict, **changes) -> str:
    """The current address's query with ``changes`` (``None`` removes a filter), from the
    first page."""
    query = params.copy()
    query.pop("page", None)
    for name, value in changes.items():
        query.pop(name, None)
        if value is not None:
            query[name] = value
    return "?" + query.urlencode()


@require_GET
def results(request: HttpRequest) -> HttpResponse:
    types = {key: str(s.label) for key, s in searchable_types().items()}
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
    params = request.GET
    context = {
        "form": form,
        "search": search,
        "page_obj": page,
        "hits": page.object_list if page else [],
        # The hits as HTML (kaiku.search.listing): no template work per hit.
        "hit_rows": listing.hit_rows(page.object_list) if page else "",
        "query_error": error,
        "empty_query": form.is_bound and not error and getattr(form, "query", None) is None,
        "querystring": _link(params)[1:],
        "clear_type": _link(params, type=None),
        "clear_group": _link(params, group=None),
        "clear_year": _link(params, year=None),
        "type_links": [
            (facet, _link(params, type=facet.value)) for facet in (search.types if search else [])
        ],
        "group_links": [
            (facet, _link(params, group=facet.value)) for facet in (search.groups if search else [])
        ],
        "year_links": [
            (facet, _link(params, year=facet.value)) for facet in (search.years if search else [])
        ],
    }
    template = "search/results.html"
    if request.htmx and not request.htmx.history_restore_request and page is not None:
        template += "#results"  # the pagination's links swap the results only
    return render(request, template, context)
