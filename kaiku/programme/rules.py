"""Who may do what in programmes and working groups (django-rules).

Reading is governed by visibility (selectors.visible_q). Maintaining a group's page —
meetings, milestones, memos, tasks, goals — belongs to that group's current chair and
secretary, and to administrators; nobody else.
"""

from __future__ import annotations

import rules
from django.utils import timezone

from kaiku.core.predicates import is_administrator, is_authenticated
from kaiku.core.prepared import run


def _editor_seat(*, group: int, person: int, today):
    """One current chair or secretary seat of ``person`` in ``group`` (kept query)."""
    from .models import EDITOR_ROLES, Membership
    from .selectors import current_membership_q

    return Membership.objects.filter(
        current_membership_q(today=today), group=group, person=person, role__in=EDITOR_ROLES
    ).values_list("pk", flat=True)[:1]


@rules.predicate
def is_group_editor(user, group) -> bool:
    """The user is the current chair or secretary of ``group``."""
    if group is None or group.pk is None or not is_authenticated(user):
        return False
    # Built and compiled once per process (kaiku.core.prepared): asked on every page of a
    # group a signed-in person opens.
    return bool(run(_editor_seat, group=group.pk, person=user.pk, today=timezone.localdate()))


can_edit_group = is_administrator | is_group_editor

rules.add_perm("programme.change_workinggroup", can_edit_group)
