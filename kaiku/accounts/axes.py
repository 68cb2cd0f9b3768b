"""django-axes: which account a login attempt names (``AXES_USERNAME_CALLABLE``)."""

from __future__ import annotations


def login_identifier(request, credentials) -> str | None:
    """The account a login attempt names, normalised.

    allauth authenticates with ``email=…`` while the form field is ``login``; without this axes
    would see no username and lock out the whole IP address instead of the account+IP pair.
    """
    value = None
    if credentials:
        value = credentials.get("email") or credentials.get("username") or credentials.get("login")
    if not value and request is not None and request.method == "POST":
        value = request.POST.get("login")
    return value.strip().lower() if value else None
