"""Who may do what in programmes and working groups (django-rules).

Reading is governed by visibility (selectors.visible_q). Maintaining a group's page —
meetings, milestones, memos, tasks, goals — belongs to that group's current chair and
secretary, and to administrators; nobody else.
"""

from __future__ import annotations

import rules

from kaiku.core.predicates import is_administrator, is_authenticated


@rules.predicate
def is_group_editor(user, group) -> bool:
    """The user is the current chair or secretary of ``group``."""
    if group is None or not is_authenticated(user):
        return False
    from .models import EDITOR_ROLES, Membership
    from .selectors import current_membership_q

    return Membership.objects.filter(
        current_membership_q(), group=group, person=user, role__in=EDITOR_ROLES
    ).exists()


can_edit_group = is_administrator | is_group_editor

rules.add_perm("programme.change_workinggroup", can_edit_group)
