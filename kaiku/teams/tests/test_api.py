"""The read-only teams API: visibility as on the site, member lists for members only."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from kaiku.core.content import Visibility

from ..models import Team
from .factories import TeamFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


@pytest.mark.parametrize("who", ["anonymous", "staff", "member", "admin"])
def test_list_gives_the_teams_the_viewer_may_see(api, people, team, who):
    TeamFactory(slug="julkinen", visibility=Visibility.PUBLIC)
    TeamFactory(slug="salainen", visibility=Visibility.MEMBERS)
    if people[who] is not None:
        api.force_authenticate(people[who])
    response = api.get("/api/v1/teams/")
    assert response.status_code == 200
    rows = response.json()["results"]
    slugs = {row["slug"] for row in rows}
    assert "julkinen" in slugs and "salainen" not in slugs or who == "admin"
    assert ("nuoret" in slugs) is (who != "anonymous")
    nuoret = next((row for row in rows if row["slug"] == "nuoret"), None)
    if nuoret:
        assert nuoret["member_count"] == 2 and "members" not in nuoret


@pytest.mark.parametrize("who", ["staff", "member", "coordinator", "admin"])
def test_detail_respects_item_visibility_and_members(api, people, team, items, who):
    api.force_authenticate(people[who])
    data = api.get(f"/api/v1/teams/{team.slug}/").json()
    titles = {a["title"] for a in data["agreements"]} | {i["title"] for i in data["improvements"]}
    titles |= {s["title"] for s in data["sessions"]}
    assert "Sopimus staff" in titles and "Kortti public" in titles
    members_only = {"Sopimus members", "Sessio members", "Kortti members"}
    assert (members_only <= titles) is (who in {"member", "admin"})
    assert not (members_only & titles) or who in {"member", "admin"}
    if who in {"member", "admin", "coordinator"}:
        assert {m["name"] for m in data["members"]} == {"Liisa Vetäjä", "Matti Jäsen"}
    else:
        assert data["members"] is None


def test_hidden_team_is_404_and_the_api_is_read_only(api, people, team):
    assert api.get(f"/api/v1/teams/{team.slug}/").status_code == 404  # staff team, anonymous
    Team.objects.filter(pk=team.pk).update(visibility=Visibility.MEMBERS)
    api.force_authenticate(people["staff"])
    assert api.get(f"/api/v1/teams/{team.slug}/").status_code == 404
    api.force_authenticate(people["lead"])
    assert api.get(f"/api/v1/teams/{team.slug}/").status_code == 200
    assert api.post("/api/v1/teams/", {"name": "x"}).status_code == 405
    assert api.delete(f"/api/v1/teams/{team.slug}/").status_code == 405
