"""The project's URLs plus the benchmark's floor, so both are served by the same server."""

from __future__ import annotations

from django.urls import path

from bench.floor import floor_view
from config.urls import urlpatterns as project_urlpatterns

urlpatterns = [
    path("bench/floor", floor_view, name="bench-floor"),
    *project_urlpatterns,
]
