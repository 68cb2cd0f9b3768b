"""Development settings: what `make run` uses."""

from __future__ import annotations

from .base import *  # noqa: F403
from .base import MIDDLEWARE, env

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env("SECRET_KEY", default="django-insecure-kaiku-local-development-only")
# Demo accounts should be usable without a phone: MFA is enforced in production.
KAIKU_MFA_ENFORCED = env.bool("MFA_ENFORCED", default=False)
# Anonymous pages are not cached while templates and code change (PAGE_CACHE=true to try it).
KAIKU_PAGE_CACHE_ENABLED = env.bool("PAGE_CACHE", default=False)
# The site's own 404 page instead of Django's technical one (kaiku/site/middleware.py);
# DEBUG_TECHNICAL_404=true brings back Django's page with the URL patterns tried.
if not env.bool("DEBUG_TECHNICAL_404", default=False):
    # Inside the session, auth and locale middleware (the page shows who is signed in, in
    # their language), before axes, which must stay last.
    _axes = MIDDLEWARE.index("axes.middleware.AxesMiddleware")
    MIDDLEWARE = [
        *MIDDLEWARE[:_axes],
        "kaiku.site.middleware.SiteNotFoundPageMiddleware",
        *MIDDLEWARE[_axes:],
    ]
