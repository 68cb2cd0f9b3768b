"""The improvement board: who moves cards, htmx and no-JS answers, timestamps, double submits,
and the columns' accessible structure."""

from __future__ import annotations

import pytest
from django.utils import translation

from kaiku.core.content import Visibility

from ..models import Improvement, ImprovementStage
from .factories import ImprovementFactory

pytestmark = pytest.mark.django_db

ALL = ["anonymous", "staff", "member", "lead", "coordinator", "admin"]
MAY_MOVE = {"member", "lead", "admin"}


@pytest.fixture(autouse=True)
def _english():
    translation.activate("en")
    yield


def move_url(card):
    return f"/en/teams/{card.team.slug}/improvements/{card.pk}/move/"


@pytest.mark.parametrize("who", ALL)
def test_members_move_cards_others_may_not(client, people, team, who):
    card = ImprovementFactory(team=team, title="Ryhmäinfo", visibility=Visibility.STAFF)
    if people[who] is not None:
        client.force_login(people[who])
    response = client.post(move_url(card), {"stage": "trying"})
    card.refresh_from_db()
    if who in MAY_MOVE:
        assert response.status_code == 302
        assert response["Location"].endswith(f"#card-{card.pk}")
        assert card.stage == ImprovementStage.TRYING and card.stage_changed_at is not None
    else:
        assert response.status_code in {302, 403, 404}
        if who == "anonymous":
            assert "/login/" in response["Location"]
        assert card.stage == ImprovementStage.IDEA


def test_a_card_moves_through_the_stages_and_keeps_the_time_of_each_change(client, people, team):
    card = ImprovementFactory(team=team)
    client.force_login(people["member"])
    times = []
    for stage in ["trying", "adopted"]:
        client.post(move_url(card), {"stage": stage})
        card.refresh_from_db()
        assert card.stage == stage
        times.append(card.stage_changed_at)
    assert times[0] < times[1]
    # The same move again (a double submit) changes nothing, not even the time.
    client.post(move_url(card), {"stage": "adopted"})
    card.refresh_from_db()
    assert card.stage_changed_at == times[1]


def test_bad_stage_and_get_are_refused(client, people, team):
    card = ImprovementFactory(team=team)
    client.force_login(people["member"])
    assert client.post(move_url(card), {"stage": "done"}).status_code == 400
    assert client.post(move_url(card), {}).status_code == 400
    assert client.get(move_url(card)).status_code == 405
    card.refresh_from_db()
    assert card.stage == ImprovementStage.IDEA


def test_htmx_move_answers_the_board_with_a_status_message(client, people, team):
    card = ImprovementFactory(team=team, title="Yhteinen kalenteri")
    client.force_login(people["member"])
    response = client.post(move_url(card), {"stage": "trying"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.startswith('<div id="board-columns"')
    assert 'role="status"' in html and "moved to Trying" in html
    assert "<!doctype" not in html.lower()


def test_members_only_card_cannot_be_moved_by_others(client, people, team):
    card = ImprovementFactory(team=team, visibility=Visibility.MEMBERS)
    client.force_login(people["coordinator"])
    assert client.post(move_url(card), {"stage": "trying"}).status_code == 404


def test_board_columns_are_sections_with_headings_and_counts(client, people, team):
    ImprovementFactory(team=team, title="Idea 1")
    ImprovementFactory(team=team, title="Idea 2")
    ImprovementFactory(team=team, title="Kokeilu", stage=ImprovementStage.TRYING)
    client.force_login(people["member"])
    response = client.get(f"/en/teams/{team.slug}/")
    board = {column["stage"]: column for column in response.context["board"]}
    assert [c.title for c in board["idea"]["cards"]] == ["Idea 1", "Idea 2"]
    assert len(board["trying"]["cards"]) == 1 and board["adopted"]["cards"] == []
    html = response.content.decode()
    for stage in ["idea", "trying", "adopted", "dropped"]:
        assert f'aria-labelledby="board-{stage}"' in html
        assert f'<h3 id="board-{stage}">' in html
    assert "Move to Trying<span" in html
    # A signed-in non-member sees the cards but no buttons.
    client.force_login(people["staff"])
    html = client.get(f"/en/teams/{team.slug}/").content.decode()
    assert "Idea 1" in html and "Move to Trying" not in html


def test_new_improvement_starts_as_an_idea(client, people, team):
    client.force_login(people["lead"])
    response = client.post(
        f"/en/teams/{team.slug}/improvements/new/",
        {"title": "Verkkoajanvaraus", "owner": people["member"].pk, "visibility": "staff"},
    )
    assert response.status_code == 302
    card = Improvement.objects.get(title="Verkkoajanvaraus")
    assert card.stage == ImprovementStage.IDEA and card.owner == people["member"]
    assert card.stage_changed_at is not None


def test_adopted_improvements_are_new_on_the_front_page_for_those_who_may_see_them(
    client, people, team
):
    from django.utils import timezone

    from kaiku.core.whatsnew import latest

    shown = ImprovementFactory(
        team=team, title="Ryhmäinfo", stage="adopted", stage_changed_at=timezone.now()
    )
    ImprovementFactory(
        team=team,
        title="Salainen",
        stage="adopted",
        stage_changed_at=timezone.now(),
        visibility=Visibility.MEMBERS,
    )
    ImprovementFactory(team=team, title="Idea", stage_changed_at=timezone.now())

    def titles(who):
        return [i.title for i in latest(viewer=people[who] or _anonymous(), limit=10)]

    assert titles("staff") == [f"{team.name}: Ryhmäinfo"]
    assert set(titles("member")) == {f"{team.name}: Ryhmäinfo", f"{team.name}: Salainen"}
    assert titles("anonymous") == []  # a staff team
    assert shown.get_absolute_url().endswith(f"#card-{shown.pk}")


def _anonymous():
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()


def test_column_counts_are_read_with_the_right_plural(client, people, team):
    """Screen readers heard "1 korttia" (the partitive plural after one) in Finnish."""
    ImprovementFactory(team=team, title="Idea 1")
    ImprovementFactory(team=team, title="Kokeilu", stage=ImprovementStage.TRYING)
    ImprovementFactory(team=team, title="Kokeilu 2", stage=ImprovementStage.TRYING)
    client.force_login(people["member"])
    html = client.get(f"/fi/teams/{team.slug}/").content.decode()
    assert '<span class="visually-hidden">1 kortti</span>' in html
    assert '<span class="visually-hidden">2 korttia</span>' in html
    assert '<span class="visually-hidden">0 korttia</span>' in html
