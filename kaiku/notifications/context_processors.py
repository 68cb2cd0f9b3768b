from __future__ import annotations

from . import selectors


def unread_count(request):
    """The header's unread badge: one COUNT query, run only when a template reads it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def count() -> int:
        if not hasattr(request, "_unread_notifications"):
            request._unread_notifications = selectors.unread_count(user=user)
        return request._unread_notifications

    return {"notifications_unread_count": count}
