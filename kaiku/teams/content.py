"""The teams' part of the content layer (``kaiku.core.content``).

A team is a scope: ``members`` content of a team is for the people who currently have a
membership in it (any role). What a team writes (agreements, change sessions, improvements) is
never more visible than the team itself.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kaiku.core.content import Audience, register_audience, register_scope

TEAM = "teams.team"


def member_team_ids(viewer):
    """The teams ``viewer`` belongs to, as a subquery of ids."""
    from .models import TeamMembership

    return TeamMembership.objects.filter(person_id=viewer.pk).order_by().values("team_id")


def register_content() -> None:
    from .models import Improvement, Team, TeamAgreement, TeamSession

    register_scope(TEAM, member_team_ids)
    register_audience(
        Team,
        Audience(scope=TEAM, scope_path="pk", hidden_label=_("a team you can no longer see")),
    )
    for model, label in [
        (TeamAgreement, _("a team agreement you can no longer see")),
        (TeamSession, _("a change session you can no longer see")),
        (Improvement, _("an improvement you can no longer see")),
    ]:
        register_audience(
            model, Audience(scope=TEAM, scope_path="team", within="team", hidden_label=label)
        )


def register_direct_content() -> None:
    """Change coaches, coaching requests and mentorships have no visibility of their own: their
    pages are for the people concerned (``rules.py``). The layer only needs an audience so that
    those people can be notified about them; they are never listed through ``visible_to``."""
    from kaiku.core.content import PUBLIC

    from .models import ChangeCoach, CoachingRequest, Mentorship

    for model in (ChangeCoach, CoachingRequest, Mentorship):
        register_audience(model, PUBLIC)
