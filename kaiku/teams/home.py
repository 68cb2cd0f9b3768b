"""The teams panel on a signed-in person's front page (``kaiku.core.home``): their teams with
their role, their mentees, and the open coaching requests to them as a coach or of the teams
they lead. One kept query (``kaiku.core.prepared``) whatever the numbers: the three lists as
the parts of a ``UNION ALL``, each row with its place in its list."""

from __future__ import annotations

from types import SimpleNamespace

from django.db.models import CharField, DateTimeField, F, IntegerField, Q, QuerySet, Value, Window
from django.db.models.functions import Cast, RowNumber
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname, get_language

from kaiku.accounts.models import User
from kaiku.core.home import HomePanel, Panel, register
from kaiku.core.links import reverse_cached
from kaiku.core.prepared import run
from kaiku.core.translations import pick_value, translated_columns

from .models import (
    CoachingRequest,
    CoachingRequestStatus,
    Mentorship,
    Team,
    TeamMembership,
    TeamRole,
)
from .selectors import OPEN_REQUEST_STATUSES

#: Which list a row belongs to (its ``part`` column).
_TEAMS, _MENTEES, _REQUESTS = 0, 1, 2

_NAME_COLUMNS = translated_columns(Team, "name")
#: The columns of every part, in this order.
_NAMES = (
    "part",
    "place",
    "row_pk",
    "team_slug",
    *(f"team_{column}" for column in _NAME_COLUMNS),
    "label",
    "person_pk",
    "full_name",
    "email",
    "removed_at",
)


def _columns(
    part: int, *, order, team: str, label, person, user: str | None, row_pk: str = "pk"
) -> dict:
    """A part's columns, the same in each: the row's list and place in it, the team's slug
    and names (through ``team``), a label (role or status) and a person (id and name)."""
    nothing = Cast(Value(None), output_field=CharField())
    return {
        "part": Value(part, output_field=IntegerField()),
        "place": Window(RowNumber(), order_by=order),
        "row_pk": F(row_pk),
        "team_slug": F(f"{team}slug"),
        **{f"team_{column}": F(f"{team}{column}") for column in _NAME_COLUMNS},
        "label": label,
        "person_pk": person,
        "full_name": F(f"{user}full_name") if user is not None else nothing,
        "email": F(f"{user}email") if user is not None else nothing,
        "removed_at": (
            F(f"{user}removed_at")
            if user is not None
            else Cast(Value(None), output_field=DateTimeField())
        ),
    }


def _panel_rows(*, person: int, teams: int, mentees: int, requests: int) -> QuerySet:
    # The teams by name in the page's language, as ``order_by("name")`` sorts them.
    by_name = F(build_localized_fieldname("name", get_language()))
    first_teams = (
        Team.objects.filter(memberships__person_id=person, archived_at__isnull=True)
        .order_by(by_name.asc(), "pk")
        .values("pk")[:teams]
    )
    team_rows = (
        # From the memberships: a translated model's ``values()`` orders its columns anew.
        TeamMembership.objects.filter(person_id=person, team_id__in=first_teams)
        .order_by()
        .annotate(
            **_columns(
                _TEAMS,
                order=[F(f"team__{by_name.name}").asc(), F("team_id").asc()],
                team="team__",
                label=F("role"),
                person=F("person_id"),
                user=None,
                row_pk="team_id",
            )
        )
        .values(*_NAMES)
    )
    first_mentees = (
        Mentorship.objects.filter(mentor=person).order_by("-starts_on", "pk").values("pk")[:mentees]
    )
    mentee_rows = (
        Mentorship.objects.filter(pk__in=first_mentees)
        .order_by()
        .annotate(
            **_columns(
                _MENTEES,
                order=[F("starts_on").desc(), F("pk").asc()],
                team="team__",
                label=Cast(Value(None), output_field=CharField()),
                person=F("mentee_id"),
                user="mentee__",
            )
        )
        .values(*_NAMES)
    )
    led = TeamMembership.objects.filter(person_id=person, role=TeamRole.LEAD).values("team_id")
    first_requests = (
        CoachingRequest.objects.filter(status__in=OPEN_REQUEST_STATUSES)
        .filter(Q(coach__person_id=person) | Q(team_id__in=led))
        .order_by("-created", "-pk")
        .values("pk")[:requests]
    )
    request_rows = (
        CoachingRequest.objects.filter(pk__in=first_requests)
        .order_by()
        .annotate(
            **_columns(
                _REQUESTS,
                order=[F("created").desc(), F("pk").desc()],
                team="team__",
                label=F("status"),
                person=F("coach__person_id"),
                user="coach__person__",
            )
        )
        .values(*_NAMES)
    )
    return team_rows.union(mentee_rows, request_rows, all=True)


def _team(row: dict) -> dict | None:
    """What the template reads of a row's team: its name in the page's language and page."""
    if row["team_slug"] is None:
        return None
    return {
        "name": pick_value(row, Team, "name", prefix="team_")[0],
        "get_absolute_url": reverse_cached("teams:detail", slug=row["team_slug"]),
    }


def _person_name(row: dict) -> str:
    return User.display_name.fget(
        SimpleNamespace(
            removed_at=row["removed_at"], full_name=row["full_name"], email=row["email"]
        )
    )


def teams_panel(request: HttpRequest) -> Panel | None:
    user = request.user
    rows = run(_panel_rows, shape={"teams": 10, "mentees": 5, "requests": 5}, person=user.pk)
    if not rows:
        return None
    rows = sorted(rows, key=lambda row: (row["part"], row["place"]))
    statuses = dict(CoachingRequestStatus.choices)
    teams, mentees, requests = [], [], []
    for row in rows:
        team = _team(row)
        if row["part"] == _TEAMS:
            teams.append({**team, "my_role": row["label"]})
        elif row["part"] == _MENTEES:
            mentees.append({"mentee": {"display_name": _person_name(row)}, "team": team})
        else:
            person = {"display_name": _person_name(row)}
            requests.append(
                {
                    "pk": row["row_pk"],
                    "team": team,
                    "coach": {"person_id": row["person_pk"], "person": person},
                    "get_status_display": statuses.get(row["label"], row["label"]),
                }
            )
    return Panel(
        title=_("Your teams"),
        template="teams/home/_teams.html",
        context={"teams": teams, "mentees": mentees, "requests": requests, "viewer_id": user.pk},
    )


def register_home() -> None:
    register(HomePanel("teams", teams_panel, order=25))
