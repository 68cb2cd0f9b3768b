"""The REST API: ``/api/v1/``, its OpenAPI schema and browsable docs.

Each app lists its resources in ``kaiku/<app>/api/urls.py`` as ``routes``, tuples of
``(prefix, viewset, basename)``, and imports nothing from ``config``. This module is the one
place that puts them together: a new capability's API is switched on by adding its routes
to ``ROUTES``.
"""

from __future__ import annotations

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from kaiku.core.api.docs import api_docs
from kaiku.core.api.root import KaikuAPIRootView
from kaiku.discussions.api.urls import routes as discussions_routes
from kaiku.events.api.urls import routes as events_routes
from kaiku.moderation.api.urls import routes as moderation_routes
from kaiku.news.api.urls import routes as news_routes
from kaiku.onboarding.api.urls import routes as onboarding_routes
from kaiku.organisations.api.urls import routes as organisations_routes
from kaiku.programme.api.urls import routes as programme_routes
from kaiku.questions.api.urls import routes as questions_routes
from kaiku.search.api.urls import routes as search_routes
from kaiku.surveys.api.urls import routes as surveys_routes
from kaiku.teams.api.urls import routes as teams_routes

ROUTES = [
    *organisations_routes,
    *programme_routes,
    *news_routes,
    *questions_routes,
    *discussions_routes,
    *moderation_routes,
    *search_routes,
    *surveys_routes,
    *teams_routes,
    *events_routes,
    *onboarding_routes,
]

router = DefaultRouter()
router.APIRootView = KaikuAPIRootView
for prefix, viewset, basename in ROUTES:
    router.register(prefix, viewset, basename=basename)

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
