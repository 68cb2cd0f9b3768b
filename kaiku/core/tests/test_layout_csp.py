"""Every page's Content-Security-Policy header: written once per settings by
``kaiku.site.middleware.ContentSecurityPolicyMiddleware``, the same as django-csp's own."""

from __future__ import annotations

import pytest
from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.decorators import csp_exempt, csp_update
from csp.middleware import CSPMiddleware
from django.http import HttpResponse
from django.test import RequestFactory

from kaiku.site.middleware import ContentSecurityPolicyMiddleware


def plain(request):
    return HttpResponse("ok")


def with_nonce(request):
    return HttpResponse(str(request.csp_nonce))


@csp_update({"img-src": "https://example.org"})
def updated(request):
    return HttpResponse("ok")


@csp_exempt()
def exempt(request):
    return HttpResponse("ok")


def headers(middleware_class, view, path="/fi/"):
    response = middleware_class(view)(RequestFactory().get(path))
    return {name: response.get(name) for name in (HEADER, HEADER_REPORT_ONLY)}


@pytest.mark.parametrize("view", [plain, updated, exempt])
def test_the_same_headers_as_django_csp(view):
    assert headers(ContentSecurityPolicyMiddleware, view) == headers(CSPMiddleware, view)


def test_a_nonce_is_in_the_header_of_its_own_response(settings):
    from csp.constants import NONCE

    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"script-src": ["'self'", NONCE]}}
    response = ContentSecurityPolicyMiddleware(with_nonce)(RequestFactory().get("/fi/"))
    assert f"'nonce-{response.content.decode()}'" in response[HEADER]


def test_a_changed_setting_changes_the_header(settings):
    before = headers(ContentSecurityPolicyMiddleware, plain)[HEADER]
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": ["'none'"]}}
    after = headers(ContentSecurityPolicyMiddleware, plain)
    assert after[HEADER] != before
    assert after == headers(CSPMiddleware, plain)
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = {"DIRECTIVES": {"img-src": ["'self'"]}}
    assert headers(ContentSecurityPolicyMiddleware, plain) == headers(CSPMiddleware, plain)
    assert headers(ContentSecurityPolicyMiddleware, plain)[HEADER_REPORT_ONLY]


def test_the_nonce_cannot_be_read_after_the_header_is_written():
    from csp.exceptions import CSPNonceError

    request = RequestFactory().get("/fi/")
    ContentSecurityPolicyMiddleware(plain)(request)
    with pytest.raises(CSPNonceError):
        str(request.csp_nonce)
