"""The group's mandate and composition, maintained by its chair and secretary."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from .. import services
from ..models import Membership
from .factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def _url(name, group, **extra):
    return reverse(
        f"programme:{name}",
        kwargs={"programme_slug": group.programme.slug, "slug": group.slug, **extra},
    )


@pytest.mark.parametrize("who", ["staff", "other", "member"])
def test_without_the_permission_404(client, people, group, who):
    seat = Membership.objects.filter(group=group).first()
    client.force_login(people[who])
    for url in [
        _url("group_update", group),
        _url("membership_create", group),
        _url("membership_update", group, pk=seat.pk),
    ]:
        assert client.get(url).status_code == 404
        assert client.post(url, {"mandate": "x", "role": "chair"}).status_code == 404
    assert client.post(_url("membership_delete", group, pk=seat.pk)).status_code == 404
    assert Membership.objects.filter(pk=seat.pk).exists()


def test_secretary_edits_the_mandate(client, people, group):
    client.force_login(people["secretary"])
    response = client.post(
        _url("group_update", group), {"mandate": "Uusi **toimeksianto**.", "visibility": "public"}
    )
    assert response.status_code == 302
    group.refresh_from_db()
    assert group.mandate_fi == "Uusi **toimeksianto**."
    assert "<strong>toimeksianto</strong>" in client.get(group.get_absolute_url()).content.decode()


def test_secretary_edits_contact_persons_and_visibility(client, people, group):
    client.force_login(people["secretary"])
    page = client.get(_url("group_update", group)).content.decode()
    assert 'type="checkbox"' in page and "Maija Jäsen" in page
    assert "Tiina Työntekijä" not in page  # not a member: not offered
    response = client.post(
        _url("group_update", group),
        {
            "mandate": "Toimeksianto.",
            "visibility": "staff",
            "contact_persons": [people["member"].pk, people["secretary"].pk],
        },
    )
    assert response.status_code == 302
    group.refresh_from_db()
    assert group.visibility == "staff"
    assert set(group.contact_persons.all()) == {people["member"], people["secretary"]}
    page = client.get(group.get_absolute_url()).content.decode()
    contacts = page.split('id="contacts"')[1]
    assert "Maija Jäsen" in contacts and "Selina Sihteeri" in contacts
    assert group.get_visibility_display() in page.split("<h1")[1].split("</p>")[0]


def test_a_non_member_cannot_be_a_contact_person(client, people, group):
    client.force_login(people["secretary"])
    response = client.post(
        _url("group_update", group),
        {
            "mandate": "Muutettu.",
            "visibility": "group",
            "contact_persons": [people["member"].pk, people["staff"].pk],
        },
    )
    assert response.status_code == 400
    assert response.context["form"].errors["contact_persons"]
    group.refresh_from_db()
    assert (group.mandate_fi, group.visibility) != ("Muutettu.", "group")
    assert not group.contact_persons.exists()


def test_other_groups_secretary_cannot_edit_the_group(client, people, group):
    client.force_login(people["other"])
    url = _url("group_update", group)
    assert client.get(url).status_code == 404
    response = client.post(
        url, {"mandate": "x", "visibility": "group", "contact_persons": [people["other"].pk]}
    )
    assert response.status_code == 404
    group.refresh_from_db()
    assert group.visibility == "public" and not group.contact_persons.exists()


def test_anonymous_is_sent_to_the_login_page(client, people, group):
    url = _url("group_update", group)
    for response in [client.get(url), client.post(url, {"visibility": "members"})]:
        assert response.status_code == 302
        assert reverse("account_login") in response["Location"]
    group.refresh_from_db()
    assert group.visibility == "public"


def test_the_service_refuses_a_non_member_contact_person(people, group):
    with pytest.raises(ValidationError) as exc:
        services.group_update(
            actor=people["secretary"],
            group=group,
            mandate="Muutettu.",
            visibility="staff",
            contact_persons=[people["staff"]],
        )
    assert "contact_persons" in exc.value.error_dict
    group.refresh_from_db()
    assert group.visibility == "public" and not group.contact_persons.exists()


def test_secretary_adds_edits_and_removes_a_member(client, people, group):
    newcomer = UserFactory(email="uusi.jasen@kunta.example", full_name="Uusi Jäsen")
    organisation = OrganisationFactory(name="Kuntaliitto", slug="kuntaliitto")
    client.force_login(people["secretary"])
    response = client.post(
        _url("membership_create", group),
        {
            "email": "Uusi.Jasen@kunta.example",
            "role": "expert",
            "represents": organisation.pk,
            "term_start": "2025-01-01",
            "term_end": "2026-12-31",
        },
    )
    assert response.status_code == 302
    seat = Membership.objects.get(person=newcomer)
    assert (seat.role, seat.represents) == ("expert", organisation)
    page = client.get(group.get_absolute_url()).content.decode()
    assert "Uusi Jäsen" in page and "Kuntaliitto" in page
    response = client.post(
        _url("membership_update", group, pk=seat.pk),
        {"role": "member", "represents": "", "term_start": "2025-01-01", "term_end": ""},
    )
    assert response.status_code == 302
    seat.refresh_from_db()
    assert (seat.role, seat.represents, seat.term_end) == ("member", None, None)
    assert client.post(_url("membership_delete", group, pk=seat.pk)).status_code == 302
    assert not Membership.objects.filter(pk=seat.pk).exists()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"email": "ei.ole@example.fi", "role": "member"}, "email"),
        ({"email": "", "role": "member"}, "email"),
        ({"email": "huono", "role": "member"}, "email"),
        ({"email": "OK", "role": "puheenjohtaja"}, "role"),
        ({"email": "OK", "role": "member", "term_start": "2026-01-01", "term_end": "2025-01-01"},
         "term_end"),
        ({"email": "OK", "role": "member", "represents": "999999"}, "represents"),
        ({"email": "SAME", "role": "member"}, "role"),  # already a member
    ],
)  # fmt: skip
def test_bad_membership_input(client, people, group, data, field):
    person = UserFactory(email="ok.henkilo@example.fi")
    if data["email"] == "OK":
        data["email"] = person.email
    if data["email"] == "SAME":
        data["email"] = people["member"].email
    client.force_login(people["secretary"])
    before = Membership.objects.count()
    response = client.post(_url("membership_create", group), data)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert Membership.objects.count() == before


def test_removed_or_inactive_people_cannot_be_added(client, people, group):
    UserFactory(email="passiivi@example.fi", is_active=False)
    client.force_login(people["secretary"])
    response = client.post(
        _url("membership_create", group), {"email": "passiivi@example.fi", "role": "member"}
    )
    assert response.status_code == 400


def test_membership_of_another_group_is_404(client, people, group):
    foreign = MembershipFactory()
    client.force_login(people["secretary"])
    assert client.get(_url("membership_update", group, pk=foreign.pk)).status_code == 404
    assert client.post(_url("membership_delete", group, pk=foreign.pk)).status_code == 404
    assert client.get(_url("membership_update", group, pk=2**70)).status_code == 404
