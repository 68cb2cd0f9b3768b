"""Permissions on people and their roles (see docs/accounts.md for the matrix)."""

from __future__ import annotations

import rules

from kaiku.core.predicates import is_administrator, is_authenticated


@rules.predicate
def is_self(user, person) -> bool:
    return bool(person is not None and user.is_authenticated and user.pk == person.pk)


rules.add_perm("accounts.view_person", is_authenticated)
rules.add_perm("accounts.change_person", is_authenticated & (is_self | is_administrator))
rules.add_perm("accounts.manage_roles", is_administrator)
