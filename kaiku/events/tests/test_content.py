"""Who sees an event: the audience kinds of ``content.py``."""

from __future__ import annotations

import pytest

from kaiku.core.content import may_see
from kaiku.organisations.models import OrganisationType

from ..models import AudienceKind, Event
from .factories import EventFactory

pytestmark = pytest.mark.django_db


def _visible(viewer):
    return set(Event.objects.visible_to(viewer).values_list("title", flat=True))


def test_types_audience(people, event):
    assert event.title in _visible(people["member"])
    assert event.title not in _visible(people["staff"])
    assert event.title not in _visible(people["anonymous"])
    assert event.title in _visible(people["organiser"])
    assert event.title in _visible(people["admin"])
    assert may_see(people["member"], event)
    assert not may_see(people["staff"], event)


def test_types_audience_matches_whole_values(people):
    EventFactory(
        title="Muut",
        audience=AudienceKind.ORGANISATION_TYPES,
        audience_types=f"{OrganisationType.KEHA_CENTRE},{OrganisationType.MINISTRY}",
        visibility="members",
    )
    assert "Muut" in _visible(people["staff"])
    assert "Muut" not in _visible(people["member"])


def test_region_and_organisation_audiences(people, region, te_office, keha):
    by_region = EventFactory(title="Alue", audience=AudienceKind.REGIONS, visibility="members")
    by_region.audience_regions.set([region])
    by_org = EventFactory(
        title="Virasto", audience=AudienceKind.ORGANISATIONS, visibility="members"
    )
    by_org.audience_organisations.set([keha])
    assert _visible(people["member"]) >= {"Alue"}
    assert "Virasto" not in _visible(people["member"])
    assert "Virasto" in _visible(people["staff"])
    assert "Alue" not in _visible(people["staff"])


def test_public_and_staff(people):
    EventFactory(title="Julkinen", visibility="public")
    EventFactory(title="Henkilöstö", visibility="staff")
    assert _visible(people["anonymous"]) == {"Julkinen"}
    assert {"Julkinen", "Henkilöstö"} <= _visible(people["staff"])
