"""A group's content after it is written: the error summary and preview of the edit forms,
warnings for past dates, and unpublish / archive / delete / restore."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.admin.sites import site
from django.test import RequestFactory
from django.utils import timezone

from kaiku.accounts.models import PlatformRole
from kaiku.core.lifecycle import restore
from kaiku.core.models import AuditAction, AuditEvent

from .. import selectors
from ..models import Meeting, Memo, WorkingGroup
from .factories import MeetingFactory, MemoFactory, MilestoneFactory, WorkingGroupFactory

pytestmark = pytest.mark.django_db

VIEWERS = ["anonymous", "staff", "member", "other", "communications", "secretary", "admin"]
EDITORS = {"secretary", "admin"}


@pytest.fixture
def people(people):
    from kaiku.accounts.tests.factories import RoleAssignmentFactory, UserFactory

    communications = UserFactory(full_name="Selina Viestijä")
    RoleAssignmentFactory(user=communications, role=PlatformRole.COMMUNICATIONS)
    return {**people, "communications": communications}


def _login(client, people, who):
    if people[who] is not None:
        client.force_login(people[who])


def _url(group, tail=""):
    return f"/en/programmes/{group.programme.slug}/groups/{group.slug}/{tail}"


# --- Forms ---------------------------------------------------------------------------------------


def test_empty_meeting_form_has_an_error_summary(client, people, group):
    client.force_login(people["secretary"])
    response = client.post(_url(group, "meetings/new/"), {})
    assert response.status_code == 400
    html = response.content.decode()
    assert "data-error-summary" in html
    assert "<title>Error: " in html
    assert 'href="#id_starts_at"' in html


def test_meeting_agenda_preview_without_javascript(client, people, group):
    client.force_login(people["secretary"])
    html = client.get(_url(group, "meetings/new/")).content.decode()
    assert 'name="preview"' in html
    name = "agenda_fi" if 'name="agenda_fi"' in html else "agenda"
    response = client.post(_url(group, "meetings/new/"), {name: "- **kohta**", "preview": name})
    assert response.status_code == 200
    assert "<strong>kohta</strong>" in response.content.decode()
    assert not Meeting.objects.filter(group=group).exists()


def test_new_meeting_in_the_past_is_saved_with_a_warning(client, people, group):
    client.force_login(people["secretary"])
    html = client.get(_url(group, "meetings/new/")).content.decode()
    title = "title_fi" if 'name="title_fi"' in html else "title"
    when = timezone.localtime() - datetime.timedelta(days=2)
    data = {
        title: "Mennyt kokous",
        "starts_at": when.strftime("%Y-%m-%dT%H:%M"),
        "status": "planned",
        "visibility": "public",
    }
    response = client.post(_url(group, "meetings/new/"), data, follow=True)
    assert Meeting.objects.filter(group=group).count() == 1
    assert "starts in the past" in response.content.decode()


# --- Delete a meeting, memo or milestone --------------------------------------------------------


@pytest.mark.parametrize("who", VIEWERS)
def test_who_may_delete_a_meeting(client, people, group, who):
    meeting = MeetingFactory(group=group)
    _login(client, people, who)
    url = _url(group, f"meetings/{meeting.pk}/delete/")
    page = client.get(url)
    response = client.post(url)
    deleted = Meeting.all_objects.get(pk=meeting.pk).deleted_at is not None
    if who in EDITORS:
        assert page.status_code == 200
        assert response.status_code == 302
        assert deleted
    else:
        assert response.status_code in (302, 404)
        if who == "anonymous":
            assert "/login/" in response["Location"]
        else:
            assert response.status_code == 404
        assert not deleted


@pytest.mark.parametrize("kind", ["meeting", "memo", "milestone"])
def test_deleted_item_disappears_for_everyone(client, people, group, kind):
    factory = {"meeting": MeetingFactory, "memo": MemoFactory, "milestone": MilestoneFactory}
    item = factory[kind](group=group, title="Poistettava")
    client.force_login(people["secretary"])
    response = client.post(_url(group, f"{kind}s/{item.pk}/delete/"))
    assert response.status_code == 302
    for who in ("anonymous", "member", "admin"):
        client.logout()
        _login(client, people, who)
        assert "Poistettava" not in client.get(_url(group)).content.decode()
    client.logout()
    assert "Poistettava" not in client.get(_url(group, "meetings.ics")).content.decode()
    assert (
        "Poistettava"
        not in client.get(f"/en/programmes/{group.programme.slug}/timeline/").content.decode()
    )
    api = client.get("/api/v1/meetings/")
    assert api.status_code == 200
    assert "Poistettava" not in api.content.decode()
    event = AuditEvent.objects.get(action=AuditAction.CONTENT_DELETED)
    assert event.target_id == str(item.pk)


def test_double_submit_of_delete_is_harmless(client, people, group):
    meeting = MeetingFactory(group=group)
    client.force_login(people["secretary"])
    url = _url(group, f"meetings/{meeting.pk}/delete/")
    assert client.post(url).status_code == 302
    assert client.post(url).status_code == 302
    assert AuditEvent.objects.filter(action=AuditAction.CONTENT_DELETED).count() == 1


def test_administrator_restores_a_meeting_in_the_admin(client, people, group):
    meeting = MeetingFactory(group=group, title="Palautettava")
    client.force_login(people["secretary"])
    client.post(_url(group, f"meetings/{meeting.pk}/delete/"))
    admin_user = people["admin"]
    admin_user.is_staff = admin_user.is_superuser = True
    admin_user.save()
    model_admin = site._registry[Meeting]
    request = RequestFactory().get("/", {"deleted": "yes"})
    request.user = admin_user
    listed = model_admin.get_queryset(request).filter(deleted_at__isnull=False)
    assert [m.pk for m in listed] == [meeting.pk]
    assert "restore_selected" in model_admin.get_actions(request)
    restore(listed.get(), actor=admin_user)
    assert meeting in selectors.meeting_list(viewer=None)
    assert AuditEvent.objects.filter(action=AuditAction.CONTENT_RESTORED).count() == 1


# --- Memos: unpublish ---------------------------------------------------------------------------


@pytest.mark.parametrize("who", VIEWERS)
def test_who_may_unpublish_a_memo(client, people, group, who):
    memo = MemoFactory(group=group, published_at=timezone.now())
    _login(client, people, who)
    client.post(_url(group, f"memos/{memo.pk}/unpublish/"))
    unpublished = Memo.objects.get(pk=memo.pk).published_at is None
    assert unpublished == (who in EDITORS)
    audited = AuditEvent.objects.filter(action=AuditAction.CONTENT_UNPUBLISHED).exists()
    assert audited == (who in EDITORS)


# --- Groups: archive and delete ------------------------------------------------------------------


@pytest.mark.parametrize("who", VIEWERS)
def test_who_may_archive_a_group(client, people, group, who):
    _login(client, people, who)
    client.post(_url(group, "archive/"), {"archive": "1"})
    archived = WorkingGroup.objects.get(pk=group.pk).archived_at is not None
    assert archived == (who in EDITORS)


def test_archived_group_stays_readable_and_is_listed_apart(client, people, group):
    client.force_login(people["secretary"])
    client.post(_url(group, "archive/"), {"archive": "1"})
    client.logout()
    page = client.get(_url(group))
    assert page.status_code == 200
    assert "badge--archived" in page.content.decode()
    listing = client.get(f"/en/programmes/{group.programme.slug}/")
    assert listing.context["groups"] == []
    assert [g.pk for g in listing.context["archived_groups"]] == [group.pk]
    client.force_login(people["secretary"])
    client.post(_url(group, "archive/"), {"archive": "0"})
    assert WorkingGroup.objects.get(pk=group.pk).archived_at is None
    actions = list(
        AuditEvent.objects.filter(action__startswith="content_")
        .values_list("action", flat=True)
        .order_by("pk")
    )
    assert actions == [AuditAction.CONTENT_ARCHIVED, AuditAction.CONTENT_UNARCHIVED]


@pytest.mark.parametrize("who", VIEWERS)
def test_who_may_delete_a_group(client, people, group, who):
    _login(client, people, who)
    client.post(_url(group, "delete/"))
    deleted = WorkingGroup.all_objects.get(pk=group.pk).deleted_at is not None
    assert deleted == (who in EDITORS)


def test_deleted_group_hides_everything_within_it_also_from_administrators(client, people, group):
    MeetingFactory(group=group, title="Ryhmän kokous")
    sibling = WorkingGroupFactory(programme=group.programme, name="Toinen ryhmä")
    client.force_login(people["secretary"])
    first = client.post(_url(group, "delete/"))
    second = client.post(_url(group, "delete/"))
    assert first.status_code == second.status_code == 302
    assert AuditEvent.objects.filter(action=AuditAction.CONTENT_DELETED).count() == 1
    for who in ("anonymous", "admin"):
        viewer = people[who]
        assert list(selectors.group_list(viewer=viewer)) == [sibling] or group not in list(
            selectors.group_list(viewer=viewer)
        )
        assert not selectors.meeting_list(viewer=viewer).filter(group_id=group.pk).exists()
    client.force_login(people["admin"])
    assert client.get(_url(group)).status_code == 404
    assert client.get(_url(group, "meetings.ics")).status_code == 404
