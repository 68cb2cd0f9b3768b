"""The change coach directory, coaching requests and mentorships."""

from __future__ import annotations

import datetime

import pytest
from django.utils import translation

from kaiku.notifications.models import Notification
from kaiku.organisations.tests.factories import RegionFactory

from ..models import ChangeCoach, CoachingRequest, CoachingRequestStatus, Mentorship
from .factories import CoachFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

ALL = ["anonymous", "staff", "member", "lead", "coordinator", "admin"]


@pytest.fixture(autouse=True)
def _english():
    translation.activate("en")
    yield


@pytest.fixture
def coach(db):
    return CoachFactory(
        person=UserFactory(full_name="Kalle Koutsi"), languages="fi, sv", themes="Lean, etätyö"
    )


@pytest.mark.parametrize("who", ALL)
def test_directory_is_for_signed_in_people(client, people, coach, who):
    if people[who] is not None:
        client.force_login(people[who])
    response = client.get("/en/teams/coaches/")
    if who == "anonymous":
        assert response.status_code == 302 and "/login/" in response["Location"]
        return
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kalle Koutsi" in html
    assert ("Add a change coach" in html) is (who in {"coordinator", "admin"})
    assert ("Ask for coaching" in html) is (who == "lead")


def test_directory_filters(client, people, coach):
    region = RegionFactory()
    other = CoachFactory(region=region, languages="en", themes="tiimisopimukset")
    client.force_login(people["staff"])

    def shown(query):
        return [c.pk for c in client.get(f"/en/teams/coaches/?{query}").context["coaches"]]

    assert shown("language=sv") == [coach.pk]
    assert shown("language=en") == [other.pk]
    assert shown(f"region={region.slug}") == [other.pk]
    assert shown("theme=lean") == [coach.pk]
    assert set(shown("region=nowhere&language=xx")) == {coach.pk, other.pk}  # bad: ignored


@pytest.mark.parametrize("who", ["staff", "member", "lead", "coordinator", "admin"])
def test_only_coordinators_and_administrators_keep_the_directory(client, people, who):
    person = UserFactory(full_name="Uusi Koutsi")
    client.force_login(people[who])
    response = client.post(
        "/en/teams/coaches/new/",
        {"person": person.pk, "languages": "FI, sv, fi", "themes": "Lean", "available": "on"},
    )
    created = ChangeCoach.objects.filter(person=person).first()
    if who in {"coordinator", "admin"}:
        assert response.status_code == 302
        assert created.languages == "fi, sv"
    else:
        assert response.status_code == 403 and created is None


def test_coach_form_refuses_bad_languages_and_a_second_entry(client, people, coach):
    client.force_login(people["coordinator"])
    response = client.post(
        "/en/teams/coaches/new/", {"person": UserFactory().pk, "languages": "suomi; ruotsi"}
    )
    assert response.status_code == 400
    response = client.post("/en/teams/coaches/new/", {"person": coach.person.pk})
    assert response.status_code == 400  # already in the directory: not offered


def test_the_coaching_request_flow(client, people, team, coach):
    # Only a lead asks, for a team they lead.
    client.force_login(people["member"])
    assert client.get(f"/en/teams/coaches/{coach.pk}/request/").status_code == 403
    client.force_login(people["lead"])
    response = client.post(
        f"/en/teams/coaches/{coach.pk}/request/",
        {"team": team.pk, "message": "Auttaisitko parannustaulun kanssa?"},
    )
    assert response.status_code == 302
    request = CoachingRequest.objects.get()
    assert request.status == CoachingRequestStatus.REQUESTED
    assert request.requested_by == people["lead"]
    assert Notification.objects.filter(user=coach.person, kind="coaching_requested").exists()
    # The team sees the status; others do not.
    client.force_login(people["member"])
    assert client.get(f"/en/teams/{team.slug}/").context["requests"] == [request]
    client.force_login(people["staff"])
    assert client.get(f"/en/teams/{team.slug}/").context["requests"] is None
    # Only the coach answers.
    answer = f"/en/teams/requests/{request.pk}/answer/"
    assert client.post(answer, {"status": "accepted"}).status_code == 404
    client.force_login(coach.person)
    page = client.get("/en/teams/coaches/requests/")
    assert [r.pk for r in page.context["requests"]] == [request.pk]
    assert client.post(answer, {"status": "accepted", "response": "Sopii!"}).status_code == 302
    request.refresh_from_db()
    assert request.status == "accepted" and request.response == "Sopii!"
    assert Notification.objects.filter(user=people["lead"], kind="coaching_answered").exists()
    # Accepting again is refused; marking done works once.
    client.post(answer, {"status": "accepted"})
    assert client.post(answer, {"status": "done", "response": "Valmis"}).status_code == 302
    request.refresh_from_db()
    assert request.status == "done"
    client.post(answer, {"status": "declined"})
    request.refresh_from_db()
    assert request.status == "done"
    assert client.post(answer, {"status": "nonsense"}).status_code == 302


def test_request_to_an_unavailable_coach_or_for_another_team_is_refused(
    client, people, team, coach
):
    client.force_login(people["lead"])
    from .factories import TeamFactory

    not_mine = TeamFactory()
    response = client.post(
        f"/en/teams/coaches/{coach.pk}/request/", {"team": not_mine.pk, "message": "Hei"}
    )
    assert response.status_code == 400
    ChangeCoach.objects.filter(pk=coach.pk).update(available=False)
    response = client.post(
        f"/en/teams/coaches/{coach.pk}/request/", {"team": team.pk, "message": "Hei"}
    )
    assert response.status_code == 400
    assert not CoachingRequest.objects.exists()


@pytest.mark.parametrize("who", ["staff", "member", "lead", "coordinator", "admin"])
def test_leads_coordinators_and_administrators_assign_mentors(client, people, team, who):
    newcomer = UserFactory(full_name="Noora Uusi")
    MembershipFactory(team=team, person=newcomer, role="new_member")
    client.force_login(people[who])
    response = client.post(
        f"/en/teams/{team.slug}/mentors/new/",
        {"mentee": newcomer.pk, "mentor": people["member"].pk, "starts_on": "2026-12-01"},
    )
    made = Mentorship.objects.filter(mentee=newcomer).first()
    if who in {"lead", "coordinator", "admin"}:
        assert response.status_code == 302
        assert made.mentor == people["member"] and made.assigned_by == people[who]
        assert Notification.objects.filter(user=people["member"], kind="mentorship_assigned")
        assert Notification.objects.filter(user=newcomer, kind="mentorship_assigned")
    else:
        assert response.status_code == 403 and made is None


def test_mentor_sees_mentees_and_mentee_sees_mentor(client, people, team):
    newcomer = UserFactory(full_name="Noora Uusi")
    MembershipFactory(team=team, person=newcomer, role="new_member")
    Mentorship.objects.create(
        team=team, mentor=people["member"], mentee=newcomer, starts_on=datetime.date(2026, 12, 1)
    )
    client.force_login(people["member"])
    html = client.get("/en/teams/mentees/").content.decode()
    assert "Noora Uusi" in html and team.name in html and "1.12.2026" in html
    client.force_login(newcomer)
    response = client.get(f"/en/teams/{team.slug}/")
    assert [m.mentor for m in response.context["my_mentors"]] == [people["member"]]
    assert "Your mentor" in response.content.decode()


def test_mentorship_bad_input(client, people, team):
    client.force_login(people["lead"])
    outsider = UserFactory()
    base = f"/en/teams/{team.slug}/mentors/new/"
    # The mentee must be in the team; nobody mentors themselves; the end is after the start.
    assert (
        client.post(
            base, {"mentee": outsider.pk, "mentor": people["lead"].pk, "starts_on": "2026-12-01"}
        ).status_code
        == 400
    )
    assert (
        client.post(
            base,
            {
                "mentee": people["member"].pk,
                "mentor": people["member"].pk,
                "starts_on": "2026-12-01",
            },
        ).status_code
        == 400
    )
    assert (
        client.post(
            base,
            {
                "mentee": people["member"].pk,
                "mentor": people["lead"].pk,
                "starts_on": "2026-12-01",
                "ends_on": "2026-01-01",
            },
        ).status_code
        == 400
    )
    assert not Mentorship.objects.exists()


def test_an_administrator_may_ask_for_any_team(client, people, team, coach):
    client.force_login(people["admin"])
    response = client.get(f"/en/teams/coaches/{coach.pk}/request/")
    assert response.status_code == 200
    assert list(response.context["form"].fields["team"].queryset) == [team]
    client.force_login(people["coordinator"])
    assert client.get(f"/en/teams/coaches/{coach.pk}/request/").status_code == 403
