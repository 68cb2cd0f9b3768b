"""The site's own 404 page in development.

With ``DEBUG`` on, Django answers an unknown address with its technical 404 page, so a
developer running ``make run`` never sees what visitors see. ``config/settings/local.py`` adds
this middleware (unless ``DEBUG_TECHNICAL_404=true``): an address that resolves to no view,
or a view raising ``Http404``, gets the site's ``404.html`` in the site's layout. Production
(``DEBUG`` off) needs nothing of this: Django's own handler renders the same template.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.urls import Resolver404, resolve
from django.views.defaults import page_not_found


class SiteNotFoundPageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        try:
            resolve(request.path_info, urlconf=getattr(request, "urlconf", None))
        except Resolver404 as exc:
            return page_not_found(request, exc)
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception):
        if isinstance(exception, Http404):
            return page_not_found(request, exception)
        return None
