"""The teams panel of a signed-in person's front page: the same HTML as with the whole rows
that it read before (the former queries kept here as the reference), in one query."""

from __future__ import annotations

import datetime

import pytest
from django.db.models import OuterRef, Q, Subquery
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation

from kaiku.accounts.tests.factories import UserFactory

from ..home import teams_panel
from ..models import CoachingRequest, Mentorship, Team, TeamMembership, TeamRole
from ..selectors import OPEN_REQUEST_STATUSES
from .factories import CoachFactory, MembershipFactory, TeamFactory


def _reference_context(user):
    teams = list(
        Team.objects.filter(memberships__person_id=user.pk, archived_at__isnull=True)
        .annotate(
            my_role=Subquery(
                TeamMembership.objects.filter(team=OuterRef("pk"), person_id=user.pk).values(
                    "role"
                )[:1]
            )
        )
        .order_by("name")[:10]
    )
    mentees = list(
        Mentorship.objects.filter(mentor=user)
        .select_related("mentee", "team")
        .order_by("-starts_on", "pk")[:5]
    )
    requests = list(
        CoachingRequest.objects.filter(status__in=OPEN_REQUEST_STATUSES)
        .filter(
            Q(coach__person_id=user.pk)
            | Q(team__memberships__person_id=user.pk, team__memberships__role=TeamRole.LEAD)
        )
        .select_related("team", "coach__person")
        .distinct()
        .order_by("-created", "-pk")[:5]
    )
    return {"teams": teams, "mentees": mentees, "requests": requests, "viewer_id": user.pk}


@pytest.fixture
def lead(db):
    lead = UserFactory(full_name="Liisa Vetäjä")
    as_coach = CoachFactory(person=lead)
    other_coach = CoachFactory(person=UserFactory(full_name="Kalle Valmentaja"))
    led = TeamFactory(name_fi="Asiakaspalvelu", name_sv="Kundtjänst", slug="asiakaspalvelu")
    member_of = TeamFactory(name_fi="Yritystiimi", slug="yritystiimi")
    archived = TeamFactory(name_fi="Vanha tiimi", slug="vanha")
    archived.archived_at = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    archived.save()
    MembershipFactory(team=led, person=lead, role=TeamRole.LEAD)
    MembershipFactory(team=member_of, person=lead)
    MembershipFactory(team=archived, person=lead)
    MembershipFactory(team=led, person=UserFactory())
    removed = UserFactory(full_name="Poistettu", email="poistettu@example.fi")
    removed.removed_at = datetime.datetime(2026, 2, 1, tzinfo=datetime.UTC)
    removed.save()
    for n, (mentee, team) in enumerate(
        [(UserFactory(full_name=""), led), (removed, None), (UserFactory(), member_of)]
    ):
        Mentorship.objects.create(
            mentor=lead, mentee=mentee, team=team, starts_on=datetime.date(2026, 3, 1 + n)
        )
    for team, coach, status in [
        (member_of, as_coach, "requested"),
        (led, other_coach, "accepted"),
        (led, as_coach, "requested"),
        (member_of, other_coach, "requested"),  # not theirs: they do not lead the team
        (led, other_coach, "declined"),
    ]:
        CoachingRequest.objects.create(team=team, coach=coach, message="Apua", status=status)
    return lead


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_same_html_as_with_whole_rows(lead, language):
    request = RequestFactory().get("/")
    request.user = lead
    with translation.override(language):
        panel = teams_panel(request)
        html = render_to_string(panel.template, {"data": panel.context})
        expected = render_to_string(panel.template, {"data": _reference_context(lead)})
    assert html == expected
    assert "Kundtjänst" in html or language != "sv"
    assert "Kalle Valmentaja" in html and "Vanha tiimi" not in html


def test_one_query_and_no_more_for_the_rows(lead, django_assert_num_queries):
    request = RequestFactory().get("/")
    request.user = lead
    with django_assert_num_queries(1):
        panel = teams_panel(request)
        render_to_string(panel.template, {"data": panel.context})


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_the_same_html_past_every_list_s_limit(db, language):
    person = UserFactory(full_name="Monen tiimin jäsen")
    coach = CoachFactory(person=person)
    teams = []
    for n in range(12):
        # Names out of creation order, some without a Swedish one.
        team = TeamFactory(
            name_fi=f"Tiimi {(n * 7) % 12:02d}",
            name_sv=f"Team {(n * 5) % 12:02d}" if n % 3 else "",
            slug=f"tiimi-{n}",
        )
        MembershipFactory(
            team=team, person=person, role=TeamRole.LEAD if n % 2 else TeamRole.MEMBER
        )
        teams.append(team)
    for n in range(7):
        Mentorship.objects.create(
            mentor=person,
            mentee=UserFactory(),
            team=teams[n] if n % 2 else None,
            starts_on=datetime.date(2026, 3, 1 + (n * 3) % 7),
        )
    for n in range(7):
        CoachingRequest.objects.create(
            team=teams[n], coach=coach, message="Apua", status="requested" if n % 2 else "accepted"
        )
    request = RequestFactory().get("/")
    request.user = person
    with translation.override(language):
        panel = teams_panel(request)
        html = render_to_string(panel.template, {"data": panel.context})
        expected = render_to_string(panel.template, {"data": _reference_context(person)})
    assert html == expected
    assert html.count("<li>") == 10 + 5 + 5
