from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from kaiku.accounts.demo import load_demo_people

from .. import selectors
from ..demo import load_demo_programme
from ..models import Meeting, Membership, Memo, Milestone, WorkingGroup
from .factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_demo_programme_is_idempotent_and_tolerates_missing_people():
    programme = load_demo_programme()  # no people, no organisations yet
    assert programme.name == "TE-palvelut 2024 -uudistus"
    assert WorkingGroup.objects.count() == 9
    assert not Membership.objects.exists()

    OrganisationFactory(name="Työ- ja elinkeinoministeriö", slug="tyo-ja-elinkeinoministerio")
    load_demo_people()
    load_demo_programme()
    counts = [m.objects.count() for m in (WorkingGroup, Membership, Meeting, Memo, Milestone)]
    load_demo_programme()
    assert counts == [
        m.objects.count() for m in (WorkingGroup, Membership, Meeting, Memo, Milestone)
    ]

    secretary = Membership.objects.get(
        group__slug="muutosvalmennuksen-ohjausryhma", person__full_name="Selina Sassila"
    )
    assert secretary.role == "secretary"
    assert secretary.represents.slug == "tyo-ja-elinkeinoministerio"
    assert secretary.person.has_perm("programme.change_workinggroup", secretary.group)


def test_demo_group_page_for_anonymous(client):
    load_demo_people()
    load_demo_programme()
    response = client.get("/fi/programmes/te-palvelut-2024/groups/muutosvalmennuksen-ohjausryhma/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "linjata ja ohjata valtion sekä kuntien" in html
    assert "työnohjauksen tarve" in html
    assert "Perehdytysohjelman valmistelun käynnistäminen" in html
    assert "Selina Sassila" in html
    # Staff-only and group-only items stay hidden from anonymous visitors.
    assert "Henkilöstökyselyn tulosten analyysi" not in html
    assert "palautteen käsittely" not in html
    assert "Perehdytysohjelman valmisteluryhmä" not in html
    groups = selectors.group_list(viewer=AnonymousUser())
    assert "perehdytysohjelma" not in {g.slug for g in groups}


def test_demo_reload_after_a_memo_was_renamed():
    load_demo_programme()
    count = Memo.objects.count()
    Memo.objects.update(title="Vanha otsikko")
    load_demo_programme()
    assert Memo.objects.count() == count
    assert not Memo.objects.filter(title="Vanha otsikko").exists()
    assert Memo.objects.filter(title__endswith="9.12.2022").count() == 1


def test_demo_logins_tell_who_chairs_and_who_is_secretary(capsys):
    from django.core.management import call_command

    from kaiku.accounts.demo import KEY_PEOPLE, load_demo_people

    from ..models import MemberRole
    from .factories import MembershipFactory, WorkingGroupFactory

    people = load_demo_people()
    by_email = {u.email: u for u in people}
    chair, secretary = (by_email[p.email] for p in KEY_PEOPLE[1:3])
    group = WorkingGroupFactory(name="Ohjausryhmä")
    MembershipFactory(group=group, person=chair, role=MemberRole.CHAIR)
    MembershipFactory(group=group, person=secretary, role=MemberRole.SECRETARY)
    call_command("demo_logins")
    lines = capsys.readouterr().out.splitlines()
    chair_line = next(line for line in lines if chair.email in line)
    secretary_line = next(line for line in lines if secretary.email in line)
    assert "chair: Ohjausryhmä" in chair_line
    assert "secretary: Ohjausryhmä" in secretary_line
    assert len(lines) <= len(KEY_PEOPLE) + 5
