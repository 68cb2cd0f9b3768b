"""The demo teams load, are idempotent and hold what the brief asks for."""

from __future__ import annotations

import pytest

from kaiku.accounts.demo import load_demo_people
from kaiku.organisations.demo import load_demo_organisations

from ..demo import load_demo_teams
from ..models import (
    ChangeCoach,
    CoachingRequest,
    Improvement,
    Mentorship,
    Team,
    TeamAgreement,
    TeamMembership,
    TeamRole,
    TeamSession,
)

pytestmark = pytest.mark.django_db

MODELS = [
    Team,
    TeamMembership,
    TeamAgreement,
    TeamSession,
    Improvement,
    ChangeCoach,
    CoachingRequest,
    Mentorship,
]


def test_demo_teams_load_and_are_idempotent():
    load_demo_organisations()
    load_demo_people()
    load_demo_teams()
    counts = {model: model._default_manager.count() for model in MODELS}
    assert counts[Team] == 3
    load_demo_teams()
    assert {model: model._default_manager.count() for model in MODELS} == counts

    youth = Team.objects.get(slug="nuorten-palvelujen-tiimi")
    tiina = TeamMembership.objects.filter(person__email__startswith="tiina.tiimilainen@")
    assert [m.role for m in tiina] == [TeamRole.MEMBER]  # a member of one, lead of none
    assert tiina.get().team == youth
    assert youth.offices.count() == 3
    assert {i.stage for i in Improvement.objects.filter(team=youth)} == {
        "idea",
        "trying",
        "adopted",
        "dropped",
    }
    assert set(CoachingRequest.objects.values_list("status", flat=True)) == {
        "requested",
        "accepted",
        "declined",
        "done",
    }
    assert ChangeCoach.objects.count() == 3
    assert Mentorship.objects.filter(mentor__email__startswith="tiina.tiimilainen@").exists()
    for team in Team.objects.all():
        assert team.memberships.filter(role=TeamRole.LEAD).count() == 1
    assert all(a.body_html for a in TeamAgreement.objects.all())
