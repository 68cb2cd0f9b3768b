"""Who may and may not use each team page, members-only items never leaking, bad input,
double submits and query counts."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from kaiku.core.content import Visibility
from kaiku.core.models import AuditEvent
from kaiku.notifications.models import Notification

from ..models import Improvement, Team, TeamAgreement, TeamMembership, TeamRole, TeamSession
from .factories import (
    AgreementFactory,
    ImprovementFactory,
    MembershipFactory,
    OrganisationFactory,
    TeamFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

ALL = ["anonymous", "staff", "member", "lead", "coordinator", "admin"]
SIGNED_IN = [who for who in ALL if who != "anonymous"]
MEMBERS_SEE = {"member", "lead", "admin"}
MANAGERS = {"lead", "admin"}


@pytest.fixture(autouse=True)
def _english():
    translation.activate("en")
    yield


def _login(client, people, who):
    if people[who] is not None:
        client.force_login(people[who])


def url(team=None, rest=""):
    return "/en/teams/" if team is None else f"/en/teams/{team.slug}/{rest}"


# --- Reading --------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ALL)
def test_list_shows_the_teams_each_viewer_may_see_theirs_first(client, people, team, who):
    public = TeamFactory(name="A-tiimi", slug="a-tiimi", visibility=Visibility.PUBLIC)
    hidden = TeamFactory(name="B-tiimi", slug="b-tiimi", visibility=Visibility.MEMBERS)
    MembershipFactory(team=hidden, person=people["lead"], role=TeamRole.LEAD)
    _login(client, people, who)
    response = client.get(url())
    assert response.status_code == 200
    shown = [t.slug for t in response.context["teams"]]
    assert "a-tiimi" in shown
    assert ("nuoret" in shown) is (who != "anonymous")
    assert ("b-tiimi" in shown) is (who in {"lead", "admin"})
    if who == "member":
        assert shown[0] == "nuoret"  # theirs first, though "A-tiimi" sorts before
    if who == "lead":
        assert set(shown[:2]) == {"nuoret", "b-tiimi"}
    assert public.name in response.content.decode()
    assert "B-tiimi" not in response.content.decode() or who in {"lead", "admin"}


def test_list_filters_by_office_and_refuses_a_bad_one(client, people, team):
    lahti = OrganisationFactory(name="Lahti", slug="lahti")
    other = TeamFactory(name="Lahden tiimi", slug="lahden", visibility=Visibility.PUBLIC)
    other.offices.set([lahti])
    client.force_login(people["staff"])
    response = client.get(url() + "?office=lahti")
    assert [t.slug for t in response.context["teams"]] == ["lahden"]
    response = client.get(url() + "?office=nonsense")
    assert response.status_code == 200
    assert len(response.context["teams"]) == 2  # an unknown office filters nothing


@pytest.mark.parametrize("who", ALL)
def test_team_page_shows_items_by_visibility(client, people, team, items, who):
    _login(client, people, who)
    response = client.get(url(team))
    if who == "anonymous":
        assert response.status_code == 404  # a staff team
        return
    assert response.status_code == 200
    html = response.content.decode()
    for kind in ("Sopimus", "Sessio", "Kortti"):
        assert f"{kind} public" in html
        assert f"{kind} staff" in html
        assert (f"{kind} members" in html) is (who in MEMBERS_SEE)
    # The member list is for members (and coordinators and administrators).
    assert ("Matti Jäsen" in html) is (who in MEMBERS_SEE | {"coordinator"})


def test_anonymous_sees_a_public_team_and_only_public_items(client, people, team, items):
    Team.objects.filter(pk=team.pk).update(visibility=Visibility.PUBLIC)
    html = client.get(url(team)).content.decode()
    assert "Sopimus public" in html and "Kortti public" in html
    assert "Sopimus staff" not in html and "Kortti members" not in html
    assert "Matti Jäsen" not in html


def test_a_members_only_team_is_404_for_others_on_every_page(client, people, team, items):
    Team.objects.filter(pk=team.pk).update(visibility=Visibility.MEMBERS)
    card = items["card-public"]
    client.force_login(people["staff"])
    for path in [
        url(team),
        url(team, "edit/"),
        url(team, "members/add/"),
        url(team, "agreements/new/"),
        url(team, f"improvements/{card.pk}/edit/"),
    ]:
        assert client.get(path).status_code == 404, path
    assert (
        client.post(url(team, f"improvements/{card.pk}/move/"), {"stage": "trying"}).status_code
        == 404
    )
    client.force_login(people["member"])
    assert client.get(url(team)).status_code == 200


def test_unknown_team_item_kind_and_huge_ids_are_404(client, people, team):
    client.force_login(people["lead"])
    assert client.get("/en/teams/nothing-here/").status_code == 404
    assert client.get(url(team, "recipes/new/")).status_code == 404
    assert client.get(url(team, "agreements/99999999999999999999/edit/")).status_code == 404
    assert client.get(url(team, "members/99999999999999999999/")).status_code == 404


def test_team_page_and_list_take_a_constant_number_of_queries(client, people, team):
    client.force_login(people["member"])
    client.get(url(team))  # warm caches (content types, sessions)

    def count(path):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(path).status_code == 200
        return len(ctx.captured_queries)

    few_page, few_list = count(url(team)), count(url())
    office = OrganisationFactory()
    for i in range(6):
        person = UserFactory()
        MembershipFactory(team=team, person=person, office=office)
        AgreementFactory(team=team, author=person)
        ImprovementFactory(team=team, owner=person, stage=["idea", "trying", "adopted"][i % 3])
        other = TeamFactory(visibility=Visibility.STAFF)
        other.offices.set([office])
        MembershipFactory(team=other, person=person)
    assert count(url(team)) == few_page
    assert count(url()) == few_list


# --- Creating and managing a team -----------------------------------------------------------


@pytest.mark.parametrize("who", ALL)
def test_any_signed_in_person_creates_a_team_and_becomes_its_lead(client, people, who):
    _login(client, people, who)
    response = client.get(url() + "new/")
    if who == "anonymous":
        assert response.status_code == 302 and "/login/" in response["Location"]
        return
    assert response.status_code == 200
    token = response.context["form"]["form_token"].value()
    hml = OrganisationFactory(name="Hämeenlinna")
    data = {
        "name": f"Uusi tiimi {who}",
        "purpose": "Teemme **yhdessä**.",
        "visibility": "staff",
        "offices": [hml.pk],
        "form_token": token,
    }
    response = client.post(url() + "new/", data)
    assert response.status_code == 302
    created = Team.objects.get(name_fi=f"Uusi tiimi {who}")
    assert "<strong>yhdessä</strong>" in created.purpose_html
    assert list(created.offices.all()) == [hml]
    assert created.memberships.get().person == people[who]
    assert created.memberships.get().role == TeamRole.LEAD
    # Sent again (a double click): nothing more is created.
    response = client.post(url() + "new/", data)
    assert response.status_code == 302
    assert Team.objects.filter(name_fi=f"Uusi tiimi {who}").count() == 1


def test_create_refuses_bad_input_and_reserved_slugs(client, people):
    client.force_login(people["staff"])
    response = client.post(url() + "new/", {"name": "", "visibility": "everyone"})
    assert response.status_code == 400
    assert set(response.context["form"].errors) >= {"name_fi", "visibility"}
    response = client.post(url() + "new/", {"name": "Coaches", "visibility": "public"})
    assert response.status_code == 302
    assert Team.objects.get(name_fi="Coaches").slug == "coaches-2"


@pytest.mark.parametrize("who", SIGNED_IN)
def test_only_leads_and_administrators_edit_the_team(client, people, team, who):
    _login(client, people, who)
    response = client.post(
        url(team, "edit/"), {"name": "Nuoret", "purpose": "Uusi", "visibility": "public"}
    )
    team.refresh_from_db()
    if who in MANAGERS:
        assert response.status_code == 302
        assert team.name == "Nuoret" and team.visibility == "public"
    else:
        assert response.status_code == 403
        assert team.name == "Nuorten palvelujen tiimi"


def test_preview_of_the_purpose_saves_nothing(client, people, team):
    client.force_login(people["lead"])
    response = client.post(
        url(team, "edit/"),
        {"name": "X", "purpose": "*kursiivi*", "visibility": "public", "preview": "purpose"},
    )
    assert response.status_code == 200
    assert "<em>kursiivi</em>" in response.content.decode()
    team.refresh_from_db()
    assert team.name == "Nuorten palvelujen tiimi"


@pytest.mark.parametrize("who", SIGNED_IN)
def test_only_leads_and_administrators_add_members(client, people, team, who):
    newcomer = UserFactory(full_name="Uusi Jäsen")
    _login(client, people, who)
    response = client.post(url(team, "members/add/"), {"person": newcomer.pk, "role": "new_member"})
    added = TeamMembership.objects.filter(team=team, person=newcomer).first()
    if who in MANAGERS:
        assert response.status_code == 302
        assert added.role == TeamRole.NEW_MEMBER
        assert Notification.objects.filter(user=newcomer, kind="team_member_added").exists()
        event = AuditEvent.objects.filter(data__change="member_added").latest("pk")
        assert event.data["person"] == newcomer.pk
    else:
        assert response.status_code == 403
        assert added is None


def test_adding_a_member_twice_or_a_nobody_is_refused(client, people, team):
    client.force_login(people["lead"])
    response = client.post(
        url(team, "members/add/"), {"person": people["member"].pk, "role": "member"}
    )
    assert response.status_code == 400  # not offered: members are left out of the choice
    response = client.post(url(team, "members/add/"), {"person": 99999999999999, "role": "member"})
    assert response.status_code == 400
    response = client.post(url(team, "members/add/"), {"person": "x", "role": "boss"})
    assert response.status_code == 400
    assert team.memberships.count() == 2


def test_lead_changes_roles_and_removes_members_with_audit(client, people, team):
    client.force_login(people["lead"])
    membership = TeamMembership.objects.get(team=team, person=people["member"])
    response = client.post(url(team, f"members/{membership.pk}/"), {"role": "coach"})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.role == TeamRole.COACH
    event = AuditEvent.objects.filter(data__change="role_changed").latest("pk")
    assert event.data["old_role"] == "member" and event.data["role"] == "coach"
    response = client.post(url(team, f"members/{membership.pk}/remove/"))
    assert response.status_code == 302
    assert not TeamMembership.objects.filter(pk=membership.pk).exists()
    assert AuditEvent.objects.filter(data__change="member_removed").exists()
    # Removed again (a double submit): nothing happens, no error.
    assert client.post(url(team, f"members/{membership.pk}/remove/")).status_code == 302


def test_the_last_lead_cannot_leave_or_stop_being_lead(client, people, team):
    client.force_login(people["lead"])
    own = TeamMembership.objects.get(team=team, person=people["lead"])
    response = client.post(url(team, f"members/{own.pk}/"), {"role": "member"})
    assert response.status_code == 400
    client.post(url(team, f"members/{own.pk}/remove/"))
    own.refresh_from_db()
    assert own.role == TeamRole.LEAD


def test_a_member_cannot_manage_members(client, people, team):
    client.force_login(people["member"])
    own = TeamMembership.objects.get(team=team, person=people["member"])
    assert client.get(url(team, f"members/{own.pk}/")).status_code == 403
    assert client.post(url(team, f"members/{own.pk}/remove/")).status_code == 403


# --- Agreements and sessions ----------------------------------------------------------------


@pytest.mark.parametrize("who", SIGNED_IN)
@pytest.mark.parametrize("kind", ["agreements", "sessions", "improvements"])
def test_members_write_items(client, people, team, who, kind):
    _login(client, people, who)
    data = {"title": f"Uusi {kind}", "body": "Teksti", "visibility": "members"}
    if kind == "agreements":
        data["order"] = "1"
    if kind == "sessions":
        data["held_on"] = "2026-11-30"
    response = client.post(url(team, f"{kind}/new/"), data)
    model = {"agreements": TeamAgreement, "sessions": TeamSession, "improvements": Improvement}[
        kind
    ]
    created = model.objects.filter(title=f"Uusi {kind}").first()
    if who in MEMBERS_SEE:
        assert response.status_code == 302, response.content
        assert created.author == people[who] and created.body_html == "<p>Teksti</p>"
    else:
        assert response.status_code == 403
        assert created is None


def test_item_form_refuses_bad_input_and_previews(client, people, team):
    client.force_login(people["member"])
    response = client.post(
        url(team, "sessions/new/"), {"title": "", "held_on": "3000-01-01", "visibility": "x"}
    )
    assert response.status_code == 400
    assert {"title", "held_on", "visibility"} <= set(response.context["form"].errors)
    response = client.post(
        url(team, "agreements/new/"),
        {"title": "T", "body": "**lihava**", "visibility": "members", "preview": "body"},
    )
    assert response.status_code == 200 and "<strong>lihava</strong>" in response.content.decode()
    assert not TeamAgreement.objects.exists()
    # An owner who is not a member of the team is refused.
    outsider = UserFactory()
    response = client.post(
        url(team, "improvements/new/"),
        {"title": "T", "owner": outsider.pk, "visibility": "members"},
    )
    assert response.status_code == 400


def test_item_double_submit_creates_one(client, people, team):
    client.force_login(people["member"])
    token = client.get(url(team, "agreements/new/")).context["form"]["form_token"].value()
    data = {"title": "Kerran", "visibility": "members", "form_token": token}
    client.post(url(team, "agreements/new/"), data)
    client.post(url(team, "agreements/new/"), data)
    assert TeamAgreement.objects.filter(title="Kerran").count() == 1


def test_members_edit_items_and_author_or_lead_deletes(client, people, team):
    agreement = AgreementFactory(team=team, author=people["member"], visibility="members")
    other_member = UserFactory()
    MembershipFactory(team=team, person=other_member)
    client.force_login(other_member)
    path = url(team, f"agreements/{agreement.pk}/")
    response = client.post(path + "edit/", {"title": "Muutettu", "visibility": "staff"})
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.title == "Muutettu" and agreement.visibility == "staff"
    assert client.post(path + "delete/").status_code == 403  # neither author nor lead
    client.force_login(people["staff"])
    assert client.post(path + "edit/", {"title": "X", "visibility": "public"}).status_code == 403
    client.force_login(people["lead"])
    assert client.get(path + "delete/").status_code == 200
    assert client.post(path + "delete/").status_code == 302
    assert not TeamAgreement.objects.filter(pk=agreement.pk).exists()
    assert TeamAgreement.all_objects.get(pk=agreement.pk).deleted_by == people["lead"]
    assert client.get(path + "edit/").status_code == 404  # deleted


def test_author_deletes_own_item(client, people, team):
    agreement = AgreementFactory(team=team, author=people["member"])
    client.force_login(people["member"])
    assert client.post(url(team, f"agreements/{agreement.pk}/delete/")).status_code == 302
    assert not TeamAgreement.objects.filter(pk=agreement.pk).exists()


def test_an_item_of_another_team_is_404(client, people, team):
    other = TeamFactory(visibility=Visibility.PUBLIC)
    agreement = AgreementFactory(team=other)
    client.force_login(people["lead"])
    assert client.get(url(team, f"agreements/{agreement.pk}/edit/")).status_code == 404


# --- Home, search and notifications ---------------------------------------------------------


def test_home_panel_lists_the_viewers_teams(client, people, team):
    client.force_login(people["member"])
    html = client.get("/en/").content.decode()
    assert "Your teams" in html and team.name in html
    client.force_login(people["staff"])
    assert "Your teams" not in client.get("/en/").content.decode()


def test_search_never_shows_members_only_items(client, people, team, items):
    from kaiku.search.indexing import rebuild

    rebuild()
    staff_item, members_item = items["agreement-staff"], items["agreement-members"]

    def hrefs(who):
        client.force_login(people[who])
        response = client.get("/en/search/?q=sopimus")
        assert response.status_code == 200
        return set(_hit_urls(response))

    def _hit_urls(response):
        html = response.content.decode()
        return [
            obj.get_absolute_url()
            for obj in (staff_item, members_item)
            if f'href="{obj.get_absolute_url()}"' in html
        ]

    assert hrefs("staff") == {staff_item.get_absolute_url()}
    assert hrefs("coordinator") == {staff_item.get_absolute_url()}
    assert hrefs("member") == {staff_item.get_absolute_url(), members_item.get_absolute_url()}
