"""A DRF permission backed by django-rules, so the API enforces the same rules as views."""

from __future__ import annotations

from rest_framework.permissions import SAFE_METHODS, BasePermission


class RulesPermission(BasePermission):
    """Checks ``view.rules_permissions[action]`` (a rules permission name) for the request.

    Views declare e.g. ``rules_permissions = {"create": "news.add_newsitem"}``. Safe methods
    without an entry are allowed (visibility is applied by the selectors); unsafe methods
    without an entry are refused.
    """

    def _perm(self, view):
        action = getattr(view, "action", None) or view.request.method.lower()
        return getattr(view, "rules_permissions", {}).get(action)

    def has_permission(self, request, view):
        perm = self._perm(view)
        if perm is None:
            return request.method in SAFE_METHODS
        if getattr(view, "action", None) in {"create", "list"}:
            return request.user.has_perm(perm)
        return True

    def has_object_permission(self, request, view, obj):
        perm = self._perm(view)
        if perm is None:
            return request.method in SAFE_METHODS
        return request.user.has_perm(perm, obj)
