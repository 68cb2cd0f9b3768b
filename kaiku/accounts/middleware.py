from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _

#: URL names a person who must set up TOTP can still reach.
MFA_EXEMPT_URL_NAMES = frozenset(
    {
        "account_logout",
        "account_login",
        "account_reauthenticate",
        # allauth lets a person activate TOTP only after verifying their email address.
        "account_email",
        "account_confirm_email",
        "account_email_verification_sent",
        "set_language",
        "healthz",
    }
)


def mfa_required(user, *, admin: bool = False) -> bool:
    """Must ``user`` have a TOTP authenticator before using Kaiku (or the admin site)?"""
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_superuser or (admin and user.is_staff):
        return True
    return any(user.has_role(role) for role in settings.KAIKU_MFA_REQUIRED_ROLES)


def has_totp(user) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


class RequireMFAMiddleware:
    """Administrators and moderators (``KAIKU_MFA_REQUIRED_ROLES``) must set up TOTP first.

    While ``KAIKU_MFA_ENFORCED`` is on, such a person without a TOTP authenticator is sent to
    the TOTP activation page from every page except the MFA pages themselves, logging out
    and the language switch. The Django admin site requires TOTP from every staff member.
    Static files are served by WhiteNoise before this middleware runs.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not settings.KAIKU_MFA_ENFORCED:
            return None
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        match = request.resolver_match
        url_name = match.url_name if match else None
        if url_name in MFA_EXEMPT_URL_NAMES or (url_name or "").startswith("mfa_"):
            return None
        is_admin = bool(match and "admin" in match.namespaces)
        if not mfa_required(user, admin=is_admin) or has_totp(user):
            return None
        target = reverse("mfa_activate_totp")
        if request.method == "GET" and not getattr(request, "htmx", False):
            messages.warning(
                request,
                _(
                    "Your role requires two-factor authentication. Set up an authenticator "
                    "app before you continue."
                ),
            )
        if getattr(request, "htmx", False):
            response = HttpResponse(status=204)
            response["HX-Redirect"] = target
            return response
        if request.path.startswith("/api/"):
            return HttpResponse(
                _("Two-factor authentication is required for your role."), status=403
            )
        return HttpResponseRedirect(target)
