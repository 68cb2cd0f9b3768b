"""What the sign-in and sign-up pages tell about joining Kaiku."""

from __future__ import annotations

from django import template
from django.conf import settings

from kaiku.accounts.adapters import invitation_in_session, signup_possible

register = template.Library()


@register.simple_tag(takes_context=True)
def joining_options(context) -> dict:
    """Who may join and how: the allowed email domains, the single sign-on services
    configured, whether the sign-up form is open to this visitor, and whether they came
    through an invitation link."""
    request = context.get("request")
    apps = settings.SOCIALACCOUNT_PROVIDERS.get("openid_connect", {}).get("APPS", [])
    return {
        "domains": [f"@{domain}" for domain in settings.KAIKU_SIGNUP_ALLOWED_DOMAINS],
        "sso": [app.get("name") or app.get("provider_id") for app in apps],
        "signup_open": signup_possible(request),
        "invited": invitation_in_session(request) is not None,
    }
