"""API authentication: ``Authorization: Token <key>`` with Kaiku's own tokens.

Unlike DRF's ``TokenAuthentication`` the key is looked up by its hash, tokens expire, and the
rule that administrators and moderators must have a second factor (``RequireMFAMiddleware``
for pages) applies to token requests too.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

from .middleware import has_totp, mfa_required
from .models import ApiToken

#: ``last_used_at`` is written at most this often per token, not on every request.
LAST_USED_RESOLUTION = datetime.timedelta(minutes=1)


class ApiTokenAuthentication(TokenAuthentication):
    keyword = "Token"
    model = ApiToken

    def authenticate_credentials(self, key):
        from .services import token_hash

        token = (
            ApiToken.objects.select_related("user").filter(key_hash=token_hash(key)).first()
            if key and len(key) <= 200
            else None
        )
        if token is None:
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        if token.is_expired:
            raise exceptions.AuthenticationFailed(
                _("The API token has expired. Create a new one on your profile page.")
            )
        user = token.user
        if not user.is_active:
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        if settings.KAIKU_MFA_ENFORCED and mfa_required(user) and not has_totp(user):
            raise exceptions.PermissionDenied(
                _(
                    "Two-factor authentication is required for your role. Set up an "
                    "authenticator app in Kaiku before you use the API with a token."
                )
            )
        now = timezone.now()
        if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
            token.last_used_at = now
        return (user, token)
