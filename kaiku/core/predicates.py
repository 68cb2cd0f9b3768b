"""Reusable django-rules predicates for platform-wide roles.

Capabilities compose these with their own object-level predicates in their ``rules.py``.
Every predicate is safe to call with an anonymous user.
"""

from __future__ import annotations

import rules


@rules.predicate
def is_authenticated(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


@rules.predicate
def is_superuser(user) -> bool:
    return bool(is_authenticated(user) and user.is_superuser)


def has_role(role: str):
    """A predicate that is true when the person holds the platform role ``role``."""

    @rules.predicate(name=f"has_role:{role}")
    def _has_role(user) -> bool:
        return bool(is_authenticated(user) and user.has_role(role))

    return _has_role


is_administrator = is_superuser | has_role("administrator")
is_communications = has_role("communications")
is_moderator = has_role("moderator")
is_change_coordinator = has_role("change_coordinator")
