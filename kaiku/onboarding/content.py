"""Onboarding in the content layer: who sees an enrolment.

An enrolment is ``members``-only content of the scope ``onboarding.enrolment``, whose members
are the people it names (the newcomer, the supervisor and the mentor) and everyone who manages
onboarding (change coordinators; administrators see everything anyway). A task completion is
as visible as its enrolment. Programmes are read by those who manage them and, through the
checklist, by the people of its enrolments (``selectors.py``).
"""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kaiku.core.content import Audience, register_audience, register_scope
from kaiku.core.predicates import is_authenticated, is_change_coordinator

from .models import Enrolment, TaskCompletion

ENROLMENT_SCOPE = "onboarding.enrolment"


def enrolment_ids(viewer):
    """The enrolments ``viewer`` belongs to, as a subquery of ids."""
    if not is_authenticated(viewer):
        return Enrolment.objects.none().values("pk")
    if is_change_coordinator(viewer):
        return Enrolment.objects.order_by().values("pk")
    return (
        Enrolment.objects.filter(
            Q(newcomer_id=viewer.pk) | Q(supervisor_id=viewer.pk) | Q(mentor_id=viewer.pk)
        )
        .order_by()
        .values("pk")
    )


def register_content() -> None:
    register_scope(ENROLMENT_SCOPE, enrolment_ids)
    register_audience(
        Enrolment,
        Audience(
            scope=ENROLMENT_SCOPE,
            scope_path="pk",
            hidden_label=_("an onboarding checklist you can no longer see"),
        ),
    )
    register_audience(TaskCompletion, Audience(within="enrolment", visibility_field=None))
