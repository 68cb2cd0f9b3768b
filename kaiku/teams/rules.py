"""Who may do what in teams (django-rules).

Any signed-in person creates a team and becomes its lead. A team's leads (and
administrators) manage it: purpose, visibility, members and roles, mentors. Its members
write its agreements, change-session log and improvement board and move the cards; the author
of an item or a lead deletes it. Change coordinators and administrators keep the directory of
change coaches and may also assign mentors. A team lead asks a coach for coaching; the coach
answers the requests made to them.

Reading follows the content layer (``Team.objects.visible_to``); these rules only decide the
writes. The object predicates ask the database once per call; pages that show many buttons
compute the viewer's membership once (``selectors.membership_of``) instead.
"""

from __future__ import annotations

import rules

from kaiku.core.predicates import is_administrator, is_authenticated, is_change_coordinator

from .models import TeamRole


def _membership(user, team):
    if team is None or not is_authenticated(user):
        return None
    cache = getattr(team, "_membership_cache", None)
    if cache is None or cache[0] != user.pk:
        from .models import TeamMembership

        row = TeamMembership.objects.filter(team=team, person_id=user.pk).first()
        cache = (user.pk, row)
        team._membership_cache = cache
    return cache[1]


@rules.predicate
def is_team_member(user, team) -> bool:
    return _membership(user, team) is not None


@rules.predicate
def is_team_lead(user, team) -> bool:
    membership = _membership(user, team)
    return membership is not None and membership.role == TeamRole.LEAD


@rules.predicate
def is_item_author(user, item) -> bool:
    return bool(item is not None and is_authenticated(user) and item.author_id == user.pk)


@rules.predicate
def is_item_lead(user, item) -> bool:
    return item is not None and is_team_lead(user, item.team)


@rules.predicate
def is_item_member(user, item) -> bool:
    return item is not None and is_team_member(user, item.team)


@rules.predicate
def is_the_coach(user, request) -> bool:
    return bool(
        request is not None and is_authenticated(user) and request.coach.person_id == user.pk
    )


@rules.predicate
def leads_the_requesting_team(user, request) -> bool:
    return request is not None and is_team_lead(user, request.team)


can_manage_team = is_team_lead | is_administrator
can_manage_coaches = is_change_coordinator | is_administrator

rules.add_perm("teams.add_team", is_authenticated)
rules.add_perm("teams.change_team", can_manage_team)
rules.add_perm("teams.contribute", is_team_member | is_administrator)
rules.add_perm("teams.see_members", is_team_member | is_administrator | is_change_coordinator)
rules.add_perm("teams.change_item", is_item_member | is_administrator)
rules.add_perm("teams.delete_item", is_item_author | is_item_lead | is_administrator)
rules.add_perm("teams.manage_coaches", can_manage_coaches)
rules.add_perm("teams.request_coaching", is_team_lead | is_administrator)
rules.add_perm("teams.answer_request", is_the_coach | is_administrator)
rules.add_perm("teams.see_requests", is_team_member | is_administrator | is_change_coordinator)
rules.add_perm("teams.assign_mentor", is_team_lead | is_change_coordinator | is_administrator)
