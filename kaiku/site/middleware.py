"""The site's own 404 page in development; the Content-Security-Policy header.

With ``DEBUG`` on, Django answers an unknown address with its technical 404 page, so a
developer running ``make run`` never sees what visitors see. ``config/settings/local.py`` adds
this middleware (unless ``DEBUG_TECHNICAL_404=true``): an address that resolves to no view,
or a view raising ``Http404``, gets the site's ``404.html`` in the site's layout. Production
(``DEBUG`` off) needs nothing of this: Django's own handler renders the same template.
"""

from __future__ import annotations

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.http import Http404, HttpRequest
from django.urls import Resolver404, resolve
from django.views.defaults import page_not_found

from kaiku.core import settings_generation


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


#: What a view or decorator may set on a response to change its policy (django-csp).
_POLICY_CHANGES = (
    "_csp_config",
    "_csp_update",
    "_csp_replace",
    "_csp_config_ro",
    "_csp_update_ro",
    "_csp_replace_ro",
)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the policy written once per settings.

    django-csp builds the header from the settings for every response (about 300 Python
    calls, every page pays them). A response without a nonce and without a policy of its own
    (``@csp_update`` and the like) gets exactly the header built from the settings alone,
    so that one is built once per settings (``kaiku.core.settings_generation``) and reused;
    any other response is django-csp's own work. ``process_response`` repeats django-csp's
    checks (debug pages, exemptions, excluded prefixes, the nonce guard): compare them with
    ``csp.middleware.CSPMiddleware`` on every django-csp upgrade.
    """

    _built: dict[int, tuple[str, str]] = {}

    def process_response(self, request: HttpRequest, response):
        if getattr(request, "_csp_nonce", None) is not None or any(
            hasattr(response, name) for name in _POLICY_CHANGES
        ):
            return super().process_response(request, response)
        if response.status_code in (500, 404) and settings.DEBUG:
            return response
        key = settings_generation.current()
        built = self._built.get(key)
        if built is None:
            built = self._built[key] = (build_policy(), build_policy(report_only=True))
        for header, value, exempt, setting in (
            (HEADER, built[0], "_csp_exempt", "CONTENT_SECURITY_POLICY"),
            (HEADER_REPORT_ONLY, built[1], "_csp_exempt_ro", "CONTENT_SECURITY_POLICY_REPORT_ONLY"),
        ):
            if not value or header in response or getattr(response, exempt, False) is not False:
                continue
            prefixes = (getattr(settings, setting, None) or {}).get("EXCLUDE_URL_PREFIXES") or ()
            if not request.path_info.startswith(tuple(prefixes)):
                response[header] = value
        # As django-csp does: reading the nonce after the header is written is an error.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response
