"""The floor: the cheapest response Django can give through the project's full middleware.

Every page is reported as a fraction of the floor's throughput, measured in the same server
and the same run, so the numbers say how much a page costs on top of the framework itself,
whatever machine they were measured on.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse


def floor_view(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")
