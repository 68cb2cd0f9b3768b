from __future__ import annotations

from django.conf import settings

from .navigation import navigation_for


def site(request):
    """Site-wide template context: the navigation the viewer may see, and the site URL."""
    return {
        "site_url": settings.SITE_URL,
        "main_navigation": navigation_for(request),
    }
