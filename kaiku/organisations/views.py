"""Organisation pages: thin views over selectors.py; everything here is read-only."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from . import selectors
from .forms import OrganisationFilterForm
from .listing import list_rows, people_rows
from .models import OrganisationType

PAGE_SIZE = 50


@require_GET
def organisation_list(request: HttpRequest) -> HttpResponse:
    form = OrganisationFilterForm(request.GET or None)
    filters = form.valid_filters() if form.is_bound else {}
    # As Paginator.get_page(): the first page for "abc", the last one for 9999.
    page = selectors.organisation_page(
        filters=filters, number=request.GET.get("page"), per_page=PAGE_SIZE
    )
    query = request.GET.copy()
    query.pop("page", None)
    organisations = list(page.object_list)
    context = {
        "form": form,
        "page_obj": page,
        "organisations": organisations,
        "rows": list_rows(organisations),
        "querystring": query.urlencode(),
    }
    template = "organisations/organisation_list.html"
    if request.htmx and not request.htmx.history_restore_request:
        template += "#results"
    return render(request, template, context)


@require_GET
def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = selectors.organisation_get(slug=slug)
    members = selectors.organisation_members(organisation=organisation, viewer=request.user)
    context = {
        "organisation": organisation,
        "members": members,
        "people_rows": people_rows(members["people"] or ()),
        "has_municipalities": organisation.type
        in {OrganisationType.EMPLOYMENT_AREA, OrganisationType.MUNICIPAL_PILOT},
        "is_municipality": organisation.type == OrganisationType.MUNICIPALITY,
        "is_former": bool(
            organisation.valid_until and organisation.valid_until < timezone.localdate()
        ),
    }
    return render(request, "organisations/organisation_detail.html", context)


@require_GET
def region_detail(request: HttpRequest, slug: str) -> HttpResponse:
    region = selectors.region_get(slug=slug)
    context = {"region": region, **selectors.region_overview(region=region)}
    return render(request, "organisations/region_detail.html", context)
