from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from .models import Organisation, Region


def organisation_list(request: HttpRequest) -> HttpResponse:
    return render(request, "organisations/organisation_list.html", {"organisations": []})


def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=slug)
    return render(request, "organisations/organisation_detail.html", {"organisation": organisation})


def region_detail(request: HttpRequest, slug: str) -> HttpResponse:
    region = get_object_or_404(Region, slug=slug)
    return render(request, "organisations/region_detail.html", {"region": region})
