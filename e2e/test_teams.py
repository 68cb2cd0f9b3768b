"""A team uses its space in the browser, at a phone's width (375 px): the team's lead adds an
idea to the improvement board, moves it to "trying" and then to "adopted" (with htmx, the
board is answered in place), and the card ends in the adopted column. axe-core runs on the
team page at each step. Selectors are structural (ids, names, addresses), so the test holds
whatever the interface language's wording."""

from __future__ import annotations

import pytest

from .conftest import signed_in_context

pytestmark = pytest.mark.e2e

PHONE = {"width": 375, "height": 800}


@pytest.fixture
def team_data(transactional_db, make_user):
    from kaiku.core.content import Visibility
    from kaiku.teams.models import TeamRole
    from kaiku.teams.tests.factories import MembershipFactory, TeamFactory

    team = TeamFactory(
        name="Nuorten palvelujen tiimi",
        slug="nuorten-palvelujen-tiimi",
        visibility=Visibility.STAFF,
        purpose="Alle 30-vuotiaiden työnhakijoiden palvelut.",
    )
    lead = make_user(full_name="Sari Heinonen")
    member = make_user(full_name="Tiina Tiimiläinen")
    MembershipFactory(team=team, person=lead, role=TeamRole.LEAD)
    MembershipFactory(team=team, person=member, role=TeamRole.MEMBER)
    return {"team": team, "lead": lead, "member": member}


def test_lead_adds_an_idea_and_moves_it_to_trying_and_adopted(
    browser, live_url, assert_accessible, team_data
):
    from kaiku.teams.models import Improvement

    team = team_data["team"]
    context = signed_in_context(browser, live_url, team_data["lead"], viewport=PHONE)
    page = context.new_page()
    team_url = f"{live_url}/fi/teams/{team.slug}/"

    page.goto(team_url)
    assert page.locator("html").get_attribute("lang") == "fi"
    assert_accessible(page)
    # The columns stack on a phone: no horizontal scrolling.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    page.locator(f"a[href='/fi/teams/{team.slug}/improvements/new/']").first.click()
    page.locator("#id_title").fill("Ryhmäinfo uusille asiakkaille")
    page.locator("#id_body").fill("Kerran viikossa **etäinfo** uusille nuorille.")
    page.locator("#id_owner").select_option(
        label=f"Tiina Tiimiläinen ({team_data['member'].email})"
    )
    page.locator("form.form button[type=submit]:not([name=preview])").first.click()
    page.wait_for_url(f"**/fi/teams/{team.slug}/#board")

    card = Improvement.objects.get(title="Ryhmäinfo uusille asiakkaille")
    assert card.stage == "idea"
    idea = page.locator("section[aria-labelledby=board-idea]")
    assert idea.locator(f"#card-{card.pk}").count() == 1
    assert idea.locator("h3 .badge").inner_text().startswith("1")
    assert_accessible(page)

    for stage in ["trying", "adopted"]:
        button = page.locator(f"#card-{card.pk} form:has(input[value={stage}]) button")
        button.click()
        column = page.locator(f"section[aria-labelledby=board-{stage}]")
        column.locator(f"#card-{card.pk}").wait_for()
        assert page.locator("#board-columns [role=status]").count() == 1
        card.refresh_from_db()
        assert card.stage == stage
        assert page.url.startswith(team_url)  # htmx: the page itself did not change
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        assert_accessible(page)

    assert page.locator("section[aria-labelledby=board-idea] .team-card").count() == 0
    context.close()
