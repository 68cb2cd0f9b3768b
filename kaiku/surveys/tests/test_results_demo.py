"""The results page and API on the demo survey (two rounds, hundreds of responses)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kaiku.accounts.models import PlatformRole
from kaiku.organisations.models import OrganisationType
from kaiku.organisations.tests.factories import OrganisationFactory, RegionFactory

from ..demo import load_demo_surveys
from ..results import results_for
from .factories import RoleAssignmentFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    regions = [RegionFactory(code=f"{i:02}", slug=f"r{i}") for i in range(1, 4)]
    for i, kind in enumerate(
        [
            OrganisationType.TE_OFFICE,
            OrganisationType.TE_OFFICE,
            OrganisationType.ELY_CENTRE,
            OrganisationType.ELY_CENTRE,
            OrganisationType.KEHA_CENTRE,
            OrganisationType.MUNICIPAL_PILOT,
            OrganisationType.MUNICIPAL_PILOT,
        ]
    ):
        OrganisationFactory(type=kind, region=regions[i % 3])
    return load_demo_surveys()


@pytest.fixture
def coordinator(db):
    user = UserFactory()
    RoleAssignmentFactory(user=user, role=PlatformRole.CHANGE_COORDINATOR)
    return user


def test_demo_results_page_with_every_breakdown_and_the_trend(client, demo, coordinator):
    client.force_login(coordinator)
    url = reverse("surveys:results", kwargs={"pk": demo["second"].pk})
    for by in ("", "type", "region", "organisation"):
        page = client.get(url, {"by": by} if by else {})
        assert page.status_code == 200, by
        html = page.content.decode()
        assert 'role="img"' in html and "<title id=" in html
    assert "Compared with round 1" in html
    data = results_for(demo["second"])
    assert data["respondents"] > 300
    assert data["trend"]


def test_analysing_open_answers_stores_themes_shown_on_the_page_and_in_the_api(
    client, demo, coordinator
):
    first = demo["first"]
    client.force_login(coordinator)
    page = client.post(reverse("surveys:results_analyse", kwargs={"pk": first.pk}))
    assert page.status_code == 302
    page = client.get(reverse("surveys:results", kwargs={"pk": first.pk}))
    assert "Themes in the answers" in page.content.decode()
    body = client.get(f"/api/v1/surveys/{first.pk}/results/").json()
    themes = next(q["themes"] for q in body["questions"] if q["kind"] == "long_text")
    assert themes and set(themes[0]) >= {"label", "keywords", "size", "answers"}
    assert len(themes[0]["answers"]) == min(themes[0]["size"], 50)
