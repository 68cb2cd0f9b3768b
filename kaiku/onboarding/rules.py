"""Who may do what with onboarding (django-rules).

Change coordinators and administrators manage programmes, modules and tasks and enrol
newcomers (``onboarding.manage_programme``). An enrolment's checklist is seen by its
newcomer, supervisor and mentor and by those who manage onboarding
(``onboarding.view_enrolment``; everyone else gets a 404). Each of the three ticks the tasks
that are theirs; those who manage onboarding may tick any (``may_tick``).
"""

from __future__ import annotations

import rules

from kaiku.core.predicates import is_administrator, is_authenticated, is_change_coordinator

MANAGE = "onboarding.manage_programme"
VIEW_ENROLMENT = "onboarding.view_enrolment"

can_manage = is_change_coordinator | is_administrator


@rules.predicate
def is_in_enrolment(user, enrolment) -> bool:
    return bool(
        enrolment is not None
        and is_authenticated(user)
        and user.pk in (enrolment.newcomer_id, enrolment.supervisor_id, enrolment.mentor_id)
    )


def may_tick(user, enrolment, task) -> bool:
    """Whether ``user`` may mark ``task`` of ``enrolment`` done (or not done)."""
    if not is_authenticated(user):
        return False
    if can_manage(user):
        return True
    return enrolment.person_id_for(task.responsible) == user.pk


rules.add_perm(MANAGE, can_manage)
rules.add_perm(VIEW_ENROLMENT, can_manage | is_in_enrolment)
