from __future__ import annotations

from . import selectors


def _count(request, user) -> int:
    if not hasattr(request, "_unread_notifications"):
        # The signed-in person of a session was read with the count (``register_column``).
        # Nothing the same request writes changes it: marking read redirects, and a person
        # is never notified of their own actions.
        known = getattr(user, selectors.UNREAD_ATTRIBUTE, None)
        if known is None:
            known = selectors.unread_count(user=user)
        request._unread_notifications = known
    return request._unread_notifications


def register_column() -> None:
    """Read the unread count with the signed-in person (one query fewer on every page)."""
    from kaiku.accounts.middleware import read_with_person

    read_with_person(selectors.UNREAD_ATTRIBUTE, selectors.unread_column)


def unread_key_part(request) -> str:
    """The unread count as part of a signed-in person's kept pages' key (core/cache.py)."""
    return f"unread:{_count(request, request.user)}"


def unread_count(request):
    """The header's unread badge, run only when a template reads it: read with the signed-in
    person of a session (no query of its own), else one COUNT query."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    return {"notifications_unread_count": lambda: _count(request, user)}
