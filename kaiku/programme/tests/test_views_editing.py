"""Memos, tasks and goals maintained by the group's chair and secretary (issue 3)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ..models import GroupGoal, GroupTask, Memo
from .factories import (
    GroupGoalFactory,
    GroupTaskFactory,
    MeetingFactory,
    MemoFactory,
)

pytestmark = pytest.mark.django_db


def _url(name, group, **extra):
    return reverse(
        f"programme:{name}",
        kwargs={"programme_slug": group.programme.slug, "slug": group.slug, **extra},
    )


def _group_url(group):
    return group.get_absolute_url()


def _all_urls(group):
    memo = MemoFactory(group=group, published_at=None)
    task = GroupTaskFactory(group=group)
    goal = GroupGoalFactory(group=group)
    get_urls = [
        _url("memo_create", group),
        _url("memo_update", group, pk=memo.pk),
        _url("task_create", group),
        _url("task_update", group, pk=task.pk),
        _url("goal_create", group),
        _url("goal_update", group, pk=goal.pk),
    ]
    post_urls = [
        _url("memo_publish", group, pk=memo.pk),
        _url("task_delete", group, pk=task.pk),
        _url("goal_delete", group, pk=goal.pk),
    ]
    return get_urls, post_urls


@pytest.mark.parametrize("who", ["staff", "other", "member"])
def test_people_without_the_permission_get_404(client, people, group, who):
    get_urls, post_urls = _all_urls(group)
    client.force_login(people[who])
    for url in get_urls:
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"title": "x"}).status_code == 404, url
    for url in post_urls:
        assert client.post(url).status_code == 404, url
        assert client.get(url).status_code == 405, url
    assert Memo.objects.get().published_at is None
    assert GroupTask.objects.count() == 1 and GroupGoal.objects.count() == 1


def test_anonymous_is_sent_to_login(client, group):
    get_urls, post_urls = _all_urls(group)
    for url in get_urls + post_urls:
        response = client.post(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url


def test_secretary_writes_a_draft_memo_and_publishes_it(client, people, group):
    meeting = MeetingFactory(group=group, title="Kokous 9.12.2022")
    client.force_login(people["secretary"])
    response = client.post(
        _url("memo_create", group),
        {
            "meeting": meeting.pk,
            "title": "Muistio 9.12.2022",
            "body": "Käsiteltiin **henkilökartoitusta**.",
            "decisions": "- Järjestetään tilaisuuksia",
            "visibility": "public",
        },
    )
    assert response.status_code == 302
    memo = Memo.objects.get()
    assert memo.published_at is None
    # A draft: the editor sees it, the public does not.
    page = client.get(_group_url(group)).content.decode()
    assert "Muistio 9.12.2022" in page and _url("memo_publish", group, pk=memo.pk) in page
    client.logout()
    assert "Muistio 9.12.2022" not in client.get(_group_url(group)).content.decode()
    client.force_login(people["secretary"])
    assert client.post(_url("memo_publish", group, pk=memo.pk)).status_code == 302
    client.logout()
    page = client.get(_group_url(group)).content.decode()
    assert "Muistio 9.12.2022" in page
    assert "<strong>henkilökartoitusta</strong>" in page


def test_memo_form_rejects_a_meeting_of_another_group_and_empty_title(client, people, group):
    client.force_login(people["secretary"])
    response = client.post(
        _url("memo_create", group),
        {"meeting": MeetingFactory().pk, "title": "", "visibility": "public"},
    )
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"meeting", "title_fi"}
    assert not Memo.objects.exists()


def test_memo_published_from_the_edit_form(client, people, group):
    memo = MemoFactory(group=group, published_at=None, title="Luonnos")
    client.force_login(people["secretary"])
    response = client.post(
        _url("memo_update", group, pk=memo.pk),
        {"title": "Valmis muistio", "visibility": "staff", "publish": "on"},
    )
    assert response.status_code == 302
    memo.refresh_from_db()
    assert memo.title == "Valmis muistio" and memo.published_at is not None


@pytest.mark.parametrize("kind", ["task", "goal"])
def test_chair_maintains_tasks_and_goals(client, people, group, kind):
    from ..models import MemberRole
    from .factories import MembershipFactory, UserFactory

    chair = UserFactory()
    MembershipFactory(group=group, person=chair, role=MemberRole.CHAIR)
    model = GroupTask if kind == "task" else GroupGoal
    client.force_login(chair)
    response = client.post(_url(f"{kind}_create", group), {"title": "Uusi", "order": 1})
    assert response.status_code == 302
    item = model.objects.get()
    response = client.get(_url(f"{kind}_update", group, pk=item.pk))
    assert _url(f"{kind}_delete", group, pk=item.pk) in response.content.decode()
    response = client.post(
        _url(f"{kind}_update", group, pk=item.pk), {"title": "Muutettu", "order": 2}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.title == "Muutettu"
    response = client.post(_url(f"{kind}_update", group, pk=item.pk), {"title": "", "order": -1})
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"title_fi", "order"}
    assert client.post(_url(f"{kind}_delete", group, pk=item.pk)).status_code == 302
    assert not model.objects.exists()


def test_items_of_another_group_are_404(client, people, group):
    client.force_login(people["secretary"])
    task = GroupTaskFactory()  # another group
    memo = MemoFactory()
    assert client.get(_url("task_update", group, pk=task.pk)).status_code == 404
    assert client.post(_url("task_delete", group, pk=task.pk)).status_code == 404
    assert client.get(_url("memo_update", group, pk=memo.pk)).status_code == 404
    assert GroupTask.objects.filter(pk=task.pk).exists()


def test_huge_ids_are_404_not_500(client, people, group):
    client.force_login(people["secretary"])
    huge = 2**70
    for name in ["meeting_update", "milestone_update", "memo_update", "task_update"]:
        assert client.get(_url(name, group, pk=huge)).status_code == 404, name
    for name in ["memo_publish", "goal_delete"]:
        assert client.post(_url(name, group, pk=huge)).status_code == 404, name


def test_an_empty_post_gives_field_errors(client, people, group):
    client.force_login(people["secretary"])
    response = client.post(_url("meeting_create", group))
    assert response.status_code == 400
    assert {"title_fi", "starts_at"} <= set(response.context["form"].errors)


def test_service_validation_errors_are_shown_not_500(client, people, group, monkeypatch):
    from django.core.exceptions import ValidationError

    from .. import services

    def refuse(**kwargs):
        # A field the form does not have: the error must still be shown, not crash.
        raise ValidationError({"group": ["Ryhmä on suljettu."]})

    monkeypatch.setattr(services, "task_create", refuse)
    client.force_login(people["secretary"])
    response = client.post(_url("task_create", group), {"title": "Uusi", "order": 1})
    assert response.status_code == 400
    assert "Ryhmä on suljettu." in response.content.decode()


def test_meeting_form_labels_start_with_a_capital(client, group, people):
    client.force_login(people["secretary"])
    html = client.get(_url("meeting_create", group)).content.decode()
    assert "Etäkokouksen linkki" in html
    assert "etäkokouksen linkki" not in html


CREATE_ACTIONS = (
    "meeting_create",
    "milestone_create",
    "memo_create",
    "membership_create",
    "task_create",
    "goal_create",
    "document_upload",
)


def test_secretary_has_one_edit_menu_and_the_actions(client, group, people):
    import re

    client.force_login(people["secretary"])
    html = client.get(group.get_absolute_url()).content.decode()
    # One disclosure, its summary the only primary button of the maintenance actions.
    assert html.count('<details class="edit-menu"') == 1
    menu = html.split('<details class="edit-menu"', 1)[1].split("</details>", 1)[0]
    assert "<summary" in menu and "Muokkaa ryhmää" in menu
    assert _url("group_update", group) in menu
    for action in CREATE_ACTIONS:
        url = _url(action, group)
        assert url in menu, action
        # Each add action also sits in its own section, as a link rather than a button.
        assert html.count(f'href="{url}"') == 2, action
        for tag in re.findall(rf'<a [^>]*href="{re.escape(url)}"[^>]*>', html):
            assert "button" not in tag, tag


def test_tasks_and_goals_are_not_all_bold(client, group, people):
    from .factories import GroupGoalFactory, GroupTaskFactory

    GroupTaskFactory(group=group, title="Selvitä palvelumalli")
    GroupGoalFactory(group=group, title="Sujuva siirtymä")
    html = client.get(group.get_absolute_url()).content.decode()
    assert "<strong>Selvitä palvelumalli</strong>" not in html
    assert "<strong>Sujuva siirtymä</strong>" not in html


@pytest.mark.parametrize("who", ["anonymous", "member", "other"])
def test_others_see_no_edit_menu(client, group, people, who):
    if people.get(who) is not None:
        client.force_login(people[who])
    html = client.get(group.get_absolute_url()).content.decode()
    assert 'class="edit-menu"' not in html
    for action in (*CREATE_ACTIONS, "group_update"):
        assert _url(action, group) not in html


def test_late_milestone_says_late_once_on_the_group_page(client, group):
    from ..models import MilestoneStatus
    from .factories import MilestoneFactory

    MilestoneFactory(group=group, title="Myöhästynyt", status=MilestoneStatus.LATE)
    html = client.get(group.get_absolute_url()).content.decode()
    row = html.split("Myöhästynyt", 1)[1].split("</tr>", 1)[0]
    assert row.count("Myöhässä") == 1
    assert "Määräaika ylitetty" not in row
