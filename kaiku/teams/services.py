"""Every write of teams: keyword-only functions, one transaction each, ``full_clean`` before
saving; membership and role changes in the audit log; notifications after the commit."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from kaiku.core.audit import audit_log
from kaiku.core.lifecycle import soft_delete
from kaiku.core.models import AuditAction
from kaiku.core.ratelimit import POST, check_and_record
from kaiku.core.translations import translated
from kaiku.core.writes import model_update

from . import notifications
from .models import (
    ChangeCoach,
    CoachingRequest,
    CoachingRequestStatus,
    Improvement,
    ImprovementStage,
    Mentorship,
    Team,
    TeamAgreement,
    TeamMembership,
    TeamRole,
    TeamSession,
)

TEAM_FIELDS = (*translated("name", "purpose"), "visibility", "organisation")
MEMBERSHIP_FIELDS = ("role", "office", "joined_on")
ITEM_FIELDS = {
    TeamAgreement: ("title", "body", "visibility", "agreed_on", "review_on", "order"),
    TeamSession: ("title", "body", "visibility", "held_on", "facilitator"),
    Improvement: ("title", "body", "visibility", "owner", "result"),
}
COACH_FIELDS = ("region", "languages", "themes", "introduction", "available")
# Paths under /teams/ that are not teams: a team never takes these slugs.
RESERVED_SLUGS = {"new", "coaches", "mentees", "requests", "api"}


def _unique_slug(name: str) -> str:
    base = (slugify(name) or "tiimi")[:90]
    slug, n = base, 2
    while slug in RESERVED_SLUGS or Team.all_objects.filter(slug=slug).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug


def _audit_membership(change: str, membership: TeamMembership, *, actor, request=None, **data):
    audit_log(
        action=AuditAction.PERMISSION_CHANGED,
        actor=actor,
        target=membership.team,
        request=request,
        data={
            "change": change,
            "team": membership.team.slug,
            "person": membership.person_id,
            "role": membership.role,
            **data,
        },
    )


# --- Teams and members --------------------------------------------------------------------------


@transaction.atomic
def team_create(*, creator, offices=(), request=None, **data: Any) -> Team:
    """A new team with ``creator`` as its lead."""
    unknown = set(data) - set(TEAM_FIELDS)
    if unknown:
        raise TypeError(f"Unknown fields for Team: {sorted(unknown)}")
    team = Team(slug=_unique_slug(data.get("name_fi") or data.get("name") or ""), **data)
    team.full_clean()
    team.save()
    if offices:
        team.offices.set(offices)
    membership = TeamMembership.objects.create(
        team=team,
        person=creator,
        role=TeamRole.LEAD,
        office=creator.organisation if creator.organisation_id in {o.pk for o in offices} else None,
        joined_on=timezone.localdate(),
    )
    _audit_membership("member_added", membership, actor=creator, request=request)
    return team


@transaction.atomic
def team_update(*, team: Team, actor, offices=None, **data: Any) -> Team:
    team, _changed = model_update(team, data=data, allowed=TEAM_FIELDS)
    if offices is not None:
        team.offices.set(offices)
    return team


@transaction.atomic
def member_add(
    *, team: Team, person, actor, role: str = TeamRole.MEMBER, request=None, **data: Any
) -> TeamMembership:
    unknown = set(data) - set(MEMBERSHIP_FIELDS)
    if unknown:
        raise TypeError(f"Unknown fields for TeamMembership: {sorted(unknown)}")
    if TeamMembership.objects.filter(team=team, person=person).exists():
        raise ValidationError({"person": _("This person is already a member of the team.")})
    membership = TeamMembership(team=team, person=person, role=role, **data)
    if membership.joined_on is None:
        membership.joined_on = timezone.localdate()
    membership.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            membership.save()
    except IntegrityError:  # the same person added twice at once
        raise ValidationError(
            {"person": _("This person is already a member of the team.")}
        ) from None
    _audit_membership("member_added", membership, actor=actor, request=request)
    notifications.tell_member_added(membership, actor=actor)
    return membership


def _leads_left(team: Team, *, without: TeamMembership) -> int:
    return (
        TeamMembership.objects.filter(team=team, role=TeamRole.LEAD).exclude(pk=without.pk).count()
    )


@transaction.atomic
def member_update(*, membership: TeamMembership, actor, request=None, **data: Any):
    # The stored role: a bound ModelForm has already put the new one on the instance.
    old_role = (
        TeamMembership.objects.select_for_update()
        .filter(pk=membership.pk)
        .values_list("role", flat=True)
        .get()
    )
    if (
        old_role == TeamRole.LEAD
        and data.get("role", old_role) != TeamRole.LEAD
        and not _leads_left(membership.team, without=membership)
    ):
        raise ValidationError({"role": _("A team needs at least one lead.")})
    membership, _changed = model_update(membership, data=data, allowed=MEMBERSHIP_FIELDS)
    if membership.role != old_role:
        _audit_membership(
            "role_changed", membership, actor=actor, request=request, old_role=old_role
        )
    return membership


@transaction.atomic
def member_remove(*, membership: TeamMembership, actor, request=None) -> bool:
    """Remove a member; False when they were already gone (a double submit)."""
    locked = TeamMembership.objects.select_for_update().filter(pk=membership.pk).first()
    if locked is None:
        return False
    if locked.role == TeamRole.LEAD and not _leads_left(locked.team, without=locked):
        raise ValidationError(_("A team needs at least one lead."))
    _audit_membership("member_removed", locked, actor=actor, request=request)
    locked.delete()
    return True


# --- Agreements, sessions and improvements ------------------------------------------------------


@transaction.atomic
def item_create(*, model, team: Team, author, **data: Any):
    allowed = ITEM_FIELDS[model]
    unknown = set(data) - set(allowed)
    if unknown:
        raise TypeError(f"Unknown fields for {model.__name__}: {sorted(unknown)}")
    item = model(team=team, author=author, **data)
    if isinstance(item, Improvement):
        item.stage = ImprovementStage.IDEA
        item.stage_changed_at = timezone.now()
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def item_update(*, item, actor, **data: Any):
    item, _changed = model_update(item, data=data, allowed=ITEM_FIELDS[type(item)])
    return item


def item_delete(*, item, actor, request=None) -> bool:
    return soft_delete(item, actor=actor, request=request)


@transaction.atomic
def improvement_move(*, improvement: Improvement, stage: str, actor) -> bool:
    """Move a card to ``stage``; False when it already was there (a double submit changes
    nothing, not even the time of the change)."""
    if stage not in ImprovementStage.values:
        raise ValidationError({"stage": _("Choose a stage of the board.")})
    now = timezone.now()
    moved = (
        Improvement.objects.filter(pk=improvement.pk)
        .exclude(stage=stage)
        .update(stage=stage, stage_changed_at=now, updated=now)
    )
    if moved:
        improvement.stage, improvement.stage_changed_at = stage, now
    return bool(moved)


# --- Change coaches and coaching requests -------------------------------------------------------


@transaction.atomic
def coach_create(*, person, actor, **data: Any) -> ChangeCoach:
    unknown = set(data) - set(COACH_FIELDS)
    if unknown:
        raise TypeError(f"Unknown fields for ChangeCoach: {sorted(unknown)}")
    if ChangeCoach.objects.filter(person=person).exists():
        raise ValidationError({"person": _("This person is already in the directory.")})
    coach = ChangeCoach(person=person, **data)
    coach.full_clean(validate_constraints=False, validate_unique=False)
    coach.save()
    return coach


@transaction.atomic
def coach_update(*, coach: ChangeCoach, actor, **data: Any) -> ChangeCoach:
    coach, _changed = model_update(coach, data=data, allowed=COACH_FIELDS)
    return coach


@transaction.atomic
def coaching_request_create(*, team: Team, coach: ChangeCoach, requested_by, message: str):
    if not coach.available:
        raise ValidationError(_("This coach does not take new requests at the moment."))
    check_and_record(user=requested_by, action=POST, text=message)
    request = CoachingRequest(team=team, coach=coach, requested_by=requested_by, message=message)
    request.full_clean()
    request.save()
    notifications.tell_coach(request, actor=requested_by)
    return request


ANSWERS = {
    CoachingRequestStatus.REQUESTED: {
        CoachingRequestStatus.ACCEPTED,
        CoachingRequestStatus.DECLINED,
    },
    CoachingRequestStatus.ACCEPTED: {CoachingRequestStatus.DONE, CoachingRequestStatus.DECLINED},
}


@transaction.atomic
def coaching_request_answer(*, request: CoachingRequest, status: str, response: str, actor):
    """The coach accepts, declines or marks done. A status the request cannot move to from
    where it is (a done request, the same answer twice) is refused."""
    locked = CoachingRequest.objects.select_for_update().get(pk=request.pk)
    if status not in ANSWERS.get(locked.status, set()):
        raise ValidationError({"status": _("The request cannot move to this status now.")})
    locked, _changed = model_update(
        locked,
        data={"status": status, "response": response, "status_changed_at": timezone.now()},
        allowed=("status", "response", "status_changed_at"),
    )
    notifications.tell_requester(locked, actor=actor)
    return locked


# --- Mentors ------------------------------------------------------------------------------------


@transaction.atomic
def mentorship_create(
    *,
    team: Team,
    mentor,
    mentee,
    actor,
    starts_on: datetime.date,
    ends_on: datetime.date | None = None,
) -> Mentorship:
    member_ids = set(
        TeamMembership.objects.filter(team=team, person__in=[mentor, mentee]).values_list(
            "person_id", flat=True
        )
    )
    if mentee.pk not in member_ids:
        raise ValidationError({"mentee": _("The mentee must be a member of the team.")})
    if Mentorship.objects.filter(team=team, mentor=mentor, mentee=mentee).exists():
        raise ValidationError({"mentee": _("This mentor already mentors this person.")})
    mentorship = Mentorship(
        team=team,
        mentor=mentor,
        mentee=mentee,
        starts_on=starts_on,
        ends_on=ends_on,
        assigned_by=actor,
    )
    mentorship.full_clean()
    mentorship.save()
    notifications.tell_mentorship(mentorship, actor=actor)
    return mentorship
