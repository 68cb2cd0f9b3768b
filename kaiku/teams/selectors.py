"""Reading teams, their items, the coach directory, coaching requests and mentorships.

Every list reads through the content layer (``visible_to``) and costs a fixed number of
queries whatever the number of teams, members or cards.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)

from kaiku.core.predicates import is_administrator, is_change_coordinator
from kaiku.core.prepared import run
from kaiku.core.translations import translated_columns
from kaiku.organisations.models import Organisation

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

# Larger ids cannot exist (and SQLite refuses integers over 64 bits): answered with 404.
MAX_PK = 2**31 - 1
BOARD_STAGES = [
    ImprovementStage.IDEA,
    ImprovementStage.TRYING,
    ImprovementStage.ADOPTED,
    ImprovementStage.DROPPED,
]
OPEN_REQUEST_STATUSES = (CoachingRequestStatus.REQUESTED, CoachingRequestStatus.ACCEPTED)


def people_candidates() -> QuerySet:
    """The people a form may pick: active accounts, by name."""
    return (
        get_user_model()
        .objects.filter(is_active=True, removed_at__isnull=True)
        .order_by("full_name", "email")
    )


def team_list(*, viewer, office: Organisation | None = None) -> QuerySet:
    """The teams ``viewer`` may see, theirs first, then by name; with ``member_count``,
    ``is_mine`` and the offices (one query for the teams, one for the offices)."""
    rows = Team.objects.visible_to(viewer).filter(archived_at__isnull=True)
    if office is not None:
        rows = rows.filter(offices=office)
    mine = (
        Exists(TeamMembership.objects.filter(team=OuterRef("pk"), person_id=viewer.pk))
        if viewer.is_authenticated
        else Value(False)
    )
    return (
        rows.annotate(member_count=Count("memberships", distinct=True))
        .annotate(is_mine=mine)
        .prefetch_related(Prefetch("offices", queryset=Organisation.objects.order_by("name")))
        .order_by("-is_mine", "name", "pk")
    )


def team_offices() -> QuerySet:
    """The organisations that are an office of some team (the list's filter)."""
    return Organisation.objects.filter(
        pk__in=Team.offices.through.objects.values("organisation_id")
    ).order_by("name")


def team_get_for(*, viewer, slug: str) -> Team:
    """The team ``viewer`` may see, or ``Team.DoesNotExist``."""
    return (
        Team.objects.visible_to(viewer)
        .select_related("organisation")
        .prefetch_related(Prefetch("offices", queryset=Organisation.objects.order_by("name")))
        .get(slug=slug)
    )


def membership_of(*, viewer, team: Team) -> TeamMembership | None:
    """The viewer's membership of ``team`` (cached on the team for the rules)."""
    if not viewer.is_authenticated:
        return None
    row = TeamMembership.objects.filter(team=team, person_id=viewer.pk).first()
    team._membership_cache = (viewer.pk, row)
    return row


def members_of(team: Team) -> QuerySet:
    """The members with their people and offices, leads first."""
    role_order = {role: i for i, role in enumerate(TeamRole.values)}
    return (
        TeamMembership.objects.filter(team=team)
        .select_related("person", "office")
        .annotate(
            role_order=Case(
                *[When(role=role, then=Value(i)) for role, i in role_order.items()],
                output_field=IntegerField(),
            )
        )
        .order_by("role_order", "person__full_name", "pk")
    )


def may_see_members(*, viewer, membership: TeamMembership | None) -> bool:
    return membership is not None or is_administrator(viewer) or is_change_coordinator(viewer)


def agreements_of(*, viewer, team: Team) -> QuerySet:
    return TeamAgreement.objects.visible_to(viewer).filter(team=team).select_related("author")


def sessions_of(*, viewer, team: Team) -> QuerySet:
    return (
        TeamSession.objects.visible_to(viewer)
        .filter(team=team)
        .select_related("author", "facilitator")
    )


def board_of(*, viewer, team: Team) -> list[dict]:
    """The improvement board: one column per stage with its cards (one query)."""
    cards = (
        Improvement.objects.visible_to(viewer)
        .filter(team=team)
        .select_related("owner")
        .order_by("order", "-stage_changed_at", "pk")
    )
    columns = {stage: [] for stage in BOARD_STAGES}
    for card in cards:
        columns[card.stage].append(card)
    return [
        {
            "stage": stage.value,
            "label": stage.label,
            "cards": columns[stage],
            "moves": [other for other in BOARD_STAGES if other != stage],
        }
        for stage in BOARD_STAGES
    ]


def item_get_for(*, viewer, model, team: Team, pk: int):
    """One item of ``team`` the viewer may see, or ``model.DoesNotExist``."""
    if pk > MAX_PK:
        raise model.DoesNotExist
    return model.objects.visible_to(viewer).select_related("team").get(team=team, pk=pk)


# --- Coaches and requests -----------------------------------------------------------------------


def coach_list(*, region=None, language: str = "", theme: str = "") -> QuerySet:
    rows = ChangeCoach.objects.filter(person__is_active=True).select_related("person", "region")
    if region is not None:
        rows = rows.filter(region=region)
    if language:
        # Codes separated by commas: match a whole code.
        code = language.strip().lower()
        rows = rows.filter(
            Q(languages__iexact=code)
            | Q(languages__istartswith=f"{code},")
            | Q(languages__iendswith=f",{code}")
            | Q(languages__iendswith=f", {code}")
            | Q(languages__icontains=f",{code},")
            | Q(languages__icontains=f", {code},")
        )
    if theme:
        rows = rows.filter(themes__icontains=theme.strip())
    return rows.order_by("-available", "person__full_name", "pk")


def requests_to(*, coach_person) -> QuerySet:
    """The coaching requests made to ``coach_person``, open ones first."""
    return (
        CoachingRequest.objects.filter(coach__person=coach_person)
        .select_related("team", "requested_by", "coach__person")
        .annotate(
            is_open=Case(
                When(status__in=OPEN_REQUEST_STATUSES, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            )
        )
        .order_by("-is_open", "-created", "-pk")
    )


def requests_of_team(team: Team) -> QuerySet:
    return (
        CoachingRequest.objects.filter(team=team)
        .select_related("coach__person", "requested_by")
        .order_by("-created", "-pk")
    )


def led_teams(viewer) -> QuerySet:
    """The teams ``viewer`` leads (for the coaching request form)."""
    if not viewer.is_authenticated:
        return Team.objects.none()
    return Team.objects.filter(
        memberships__person_id=viewer.pk, memberships__role=TeamRole.LEAD
    ).order_by("name")


def mentees_of(mentor) -> QuerySet:
    return (
        Mentorship.objects.filter(mentor=mentor)
        .select_related("mentee", "team")
        .order_by("-starts_on", "pk")
    )


def mentors_in_team(*, team: Team) -> QuerySet:
    return Mentorship.objects.filter(team=team).select_related("mentor", "mentee")


# --- Home ---------------------------------------------------------------------------------------


def _my_teams(*, person: int, limit: int) -> QuerySet[Team]:
    return (
        Team.objects.filter(memberships__person_id=person, archived_at__isnull=True)
        # One membership per team and person: the role comes from the filter's own join.
        .annotate(my_role=F("memberships__role"))
        .only("pk", "slug", "name", *translated_columns(Team, "name"))
        .order_by("name")[:limit]
    )


def my_teams(viewer, *, limit: int = 10) -> list[Team]:
    """The viewer's teams (not archived) with ``my_role``, by name: the columns a list shows
    (name and slug). A kept query (``kaiku.core.prepared``): the front page asks it."""
    return run(_my_teams, shape={"limit": limit}, person=viewer.pk)


def open_requests_for(viewer, *, limit: int = 5) -> list[CoachingRequest]:
    """Open coaching requests to the viewer as a coach and those of the teams they lead, with
    the columns the front page shows (the team's name and slug, the coach's name). A kept
    query (``kaiku.core.prepared``)."""
    return run(_open_requests, shape={"limit": limit}, person=viewer.pk)


def _open_requests(*, person: int, limit: int) -> QuerySet[CoachingRequest]:
    return (
        CoachingRequest.objects.filter(status__in=OPEN_REQUEST_STATUSES)
        .filter(
            Q(coach__person_id=person)
            | Q(team__memberships__person_id=person, team__memberships__role=TeamRole.LEAD)
        )
        .select_related("team", "coach__person")
        .only(
            "pk",
            "created",
            "status",
            "team__slug",
            "team__name",
            *(f"team__{column}" for column in translated_columns(Team, "name")),
            "coach__person__full_name",
            "coach__person__email",
            "coach__person__removed_at",
        )
        .distinct()
        .order_by("-created", "-pk")[:limit]
    )
