"""The API root, ``/api/v1/``: a JSON index of the resources for programs, and a page of
the site (its header, footer and styles) for people who open it in a browser.

The page lists every resource with its summary from the OpenAPI schema and tells how to
authenticate; it links to the reference (``/api/docs/``) and the schema.
"""

from __future__ import annotations

from django.utils.cache import patch_vary_headers
from rest_framework.renderers import JSONRenderer, TemplateHTMLRenderer
from rest_framework.routers import APIRootView

from kaiku.core.urls_absolute import absolute_url

from .docs import schema_for_language


class ApiRootHTMLRenderer(TemplateHTMLRenderer):
    template_name = "core/api/root.html"

    def get_template_context(self, data, renderer_context):
        schema = schema_for_language()
        request = renderer_context["request"]
        endpoints = []
        for name, url in data.items():
            path = f"{request.path}{name}/"
            operation = schema.get("paths", {}).get(path, {}).get("get", {})
            endpoints.append(
                {"name": name, "url": url, "path": path, "summary": operation.get("summary", "")}
            )
        return {
            "endpoints": endpoints,
            "info": schema.get("info", {}),
            "site_api_url": absolute_url(request.path),
        }


class KaikuAPIRootView(APIRootView):
    """JSON for clients (``Accept: application/json`` or none), HTML for browsers."""

    renderer_classes = [JSONRenderer, ApiRootHTMLRenderer]

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        patch_vary_headers(response, ["Accept"])
        return response
