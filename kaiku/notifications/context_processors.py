from __future__ import annotations

from . import selectors


def _count(request, user) -> int:
    if not hasattr(request, "_unread_notifications"):
        request._unread_notifications = selectors.unread_count(user=user)
    return request._unread_notifications


def unread_key_part(request) -> str:
    """The unread count as part of a signed-in person's kept pages' key (core/cache.py)."""
    return f"unread:{_count(request, request.user)}"


def unread_count(request):
    """The header's unread badge: one COUNT query, run only when a template reads it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    return {"notifications_unread_count": lambda: _count(request, user)}
