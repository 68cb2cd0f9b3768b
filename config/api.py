"""The REST API: ``/api/v1/``, its OpenAPI schema and browsable docs.

Each app contributes its viewsets in ``kaiku/<app>/api/urls.py`` by registering them on
``router``.
"""

from __future__ import annotations

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from kaiku.core.api.docs import api_docs

router = DefaultRouter()

# Apps register their resources on import.
from kaiku.news.api import urls as _news  # noqa: E402, F401
from kaiku.organisations.api import urls as _organisations  # noqa: E402, F401
from kaiku.programme.api import urls as _programme  # noqa: E402, F401

urlpatterns = [
    path("v1/", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", api_docs, name="api-docs"),
    path(
        "docs/explorer/",
        SpectacularSwaggerSplitView.as_view(url_name="api-schema"),
        name="api-explorer",
    ),
]
