"""What teams tell people: a new member that they were added, a coach about a request, the
requester about the coach's answer, a mentor and mentee about their mentorship. Each goes to
the people concerned directly (``notify_people``), inside the write's transaction."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

TEAM_MEMBER_ADDED = "team_member_added"
COACHING_REQUESTED = "coaching_requested"
COACHING_ANSWERED = "coaching_answered"
MENTORSHIP_ASSIGNED = "mentorship_assigned"


def register_notifications() -> None:
    from kaiku.notifications.registry import register_followable, register_kind

    from .models import Team

    register_kind(TEAM_MEMBER_ADDED, _("Added to a team"))
    register_kind(COACHING_REQUESTED, _("Coaching requested"))
    register_kind(COACHING_ANSWERED, _("Coaching request answered"))
    register_kind(MENTORSHIP_ASSIGNED, _("Mentor assigned"))
    register_followable(Team, prefix=_("Team"))


def _notify(**kwargs) -> None:
    from kaiku.notifications.services import notify_people

    notify_people(**kwargs)


def tell_member_added(membership, *, actor) -> None:
    _notify(
        kind=TEAM_MEMBER_ADDED,
        about=membership.team,
        people=[membership.person],
        actor=actor,
        context=str(membership.get_role_display()),
    )


def tell_coach(request, *, actor) -> None:
    _notify(
        kind=COACHING_REQUESTED,
        about=request,
        people=[request.coach.person],
        actor=actor,
        title=str(request.team),
        url=reverse("teams:coach_requests"),
    )


def tell_requester(request, *, actor) -> None:
    _notify(
        kind=COACHING_ANSWERED,
        about=request,
        people=[request.requested_by],
        actor=actor,
        title=str(request.team),
        context=str(request.get_status_display()),
        url=request.team.get_absolute_url() + "#coaching",
    )


def tell_mentorship(mentorship, *, actor) -> None:
    _notify(
        kind=MENTORSHIP_ASSIGNED,
        about=mentorship,
        people=[mentorship.mentor],
        actor=actor,
        title=str(mentorship.mentee.display_name),
        url=reverse("teams:mentees"),
    )
    team_url = mentorship.team.get_absolute_url() if mentorship.team else reverse("teams:list")
    _notify(
        kind=MENTORSHIP_ASSIGNED,
        about=mentorship,
        people=[mentorship.mentee],
        actor=actor,
        title=str(mentorship.mentor.display_name),
        url=team_url + "#mentor",
    )
