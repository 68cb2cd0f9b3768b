"""Editing news: the error summary, the contact persons and related groups offered, the
Markdown preview, the messages after saving, and unpublish / archive / delete / restore."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.admin.sites import site
from django.test import RequestFactory
from django.utils import timezone, translation

from kaiku.core.lifecycle import restore
from kaiku.core.models import AuditAction, AuditEvent
from kaiku.programme.models import MemberRole
from kaiku.programme.tests.factories import MembershipFactory

from .. import selectors
from ..models import NewsItem
from .factories import NewsItemFactory, UserFactory

pytestmark = pytest.mark.django_db

NEW = "/en/news/new/"
VIEWERS = ["anonymous", "staff", "other", "communications", "admin"]
MANAGERS = {"communications", "admin"}


def _login(client, people, who):
    if people[who] is not None:
        client.force_login(people[who])


def _form_data(**extra):
    data = {"kind": "news", "title": "Otsikko", "visibility": "public"}
    data.update(extra)
    return data


# --- The form ------------------------------------------------------------------------------------


def test_empty_form_has_an_error_summary_and_an_error_title(client, people):
    client.force_login(people["communications"])
    response = client.post(NEW, {})
    assert response.status_code == 400
    html = response.content.decode()
    assert "data-error-summary" in html
    assert 'href="#id_title' in html
    assert "<title>Error: " in html
    assert 'aria-invalid="true"' in html


def test_related_groups_are_checkboxes_of_visible_groups_only(client, people, group, hidden_group):
    client.force_login(people["communications"])
    html = client.get(NEW).content.decode()
    assert 'type="checkbox" name="related_groups"' in html
    assert f'value="{group.pk}"' in html
    assert "Salainen ryhmä" not in html


def test_contact_persons_are_chosen_from_people(client, people, group):
    member = UserFactory(full_name="Kaisa Kokoonkutsuja")
    MembershipFactory(group=group, person=member, role=MemberRole.MEMBER)
    outsider = UserFactory(full_name="Ulla Ulkopuolinen")
    client.force_login(people["communications"])
    html = client.get(NEW).content.decode()
    assert 'name="contact_persons"' in html
    assert "Kaisa Kokoonkutsuja" in html
    assert "Ulla Ulkopuolinen" not in html
    # Someone not offered cannot be posted either (server-side validation).
    response = client.post(NEW, _form_data(contact_persons=[outsider.pk]))
    assert response.status_code == 400
    assert not NewsItem.objects.exists()
    response = client.post(NEW, _form_data(contact_persons=[member.pk]))
    assert response.status_code == 302
    assert list(NewsItem.objects.get().contact_persons.all()) == [member]


def test_preview_without_javascript_renders_the_body_and_saves_nothing(client, people):
    client.force_login(people["communications"])
    response = client.post(NEW, _form_data(title="", body="**vahva**", preview="body_fi"))
    if response.status_code == 400:  # the body field has no language suffix (yet)
        response = client.post(NEW, _form_data(title="", body="**vahva**", preview="body"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<strong>vahva</strong>" in html
    assert "data-error-summary" not in html
    assert not NewsItem.objects.exists()


# --- Messages after saving -----------------------------------------------------------------------


def test_publishing_says_published(client, people):
    client.force_login(people["communications"])
    response = client.post(NEW, _form_data(publish_now="on"), follow=True)
    assert "The news item was published." in response.content.decode()


def test_a_future_date_says_scheduled(client, people):
    client.force_login(people["communications"])
    when = timezone.localtime() + datetime.timedelta(days=3)
    data = _form_data(published_at=when.strftime("%Y-%m-%dT%H:%M"))
    html = client.post(NEW, data, follow=True).content.decode()
    assert "scheduled for" in html


def test_a_past_date_warns_but_saves(client, people):
    client.force_login(people["communications"])
    when = timezone.localtime() - datetime.timedelta(days=30)
    data = _form_data(published_at=when.strftime("%Y-%m-%dT%H:%M"))
    html = client.post(NEW, data, follow=True).content.decode()
    assert NewsItem.objects.get().is_published
    assert "is in the past" in html


def test_a_draft_says_draft_saved(client, people):
    client.force_login(people["communications"])
    html = client.post(NEW, _form_data(), follow=True).content.decode()
    assert "The draft was saved." in html


# --- Unpublish, archive, delete ------------------------------------------------------------------


def _actions(slug):
    return {
        "unpublish": f"/en/news/{slug}/unpublish/",
        "archive": f"/en/news/{slug}/archive/",
        "delete": f"/en/news/{slug}/delete/",
    }


@pytest.mark.parametrize("who", VIEWERS)
@pytest.mark.parametrize("action", ["unpublish", "archive", "delete"])
def test_who_may_change_the_lifecycle(client, people, who, action):
    item = NewsItemFactory(slug="uutinen")
    _login(client, people, who)
    response = client.post(_actions(item.slug)[action])
    item = NewsItem.all_objects.get(pk=item.pk)
    changed = {
        "unpublish": item.published_at is None,
        "archive": item.archived_at is not None,
        "delete": item.deleted_at is not None,
    }[action]
    if who in MANAGERS:
        assert response.status_code == 302
        assert changed
    else:
        assert response.status_code in (302, 404)
        if who == "anonymous":
            assert "/login/" in response["Location"]
        assert not changed
        assert not AuditEvent.objects.filter(action__startswith="content_").exists()


def test_unpublish_makes_a_draft_and_is_audited(client, people, items):
    client.force_login(people["communications"])
    client.post(_actions("julkinen")["unpublish"])
    item = NewsItem.objects.get(pk=items["public"].pk)
    assert item.published_at is None
    assert item not in selectors.news_list(viewer=people["staff"])
    assert AuditEvent.objects.filter(
        action=AuditAction.CONTENT_UNPUBLISHED, target_id=str(item.pk)
    ).exists()


def test_archived_item_stays_readable_but_leaves_the_list(client, people, items):
    client.force_login(people["communications"])
    client.post(_actions("julkinen")["archive"])
    item = NewsItem.objects.get(pk=items["public"].pk)
    assert item.archived_at is not None
    assert item not in selectors.news_list(viewer=None)
    client.logout()
    with translation.override("en"):
        response = client.get(item.get_absolute_url())
    assert response.status_code == 200
    assert "badge--archived" in response.content.decode()
    assert AuditEvent.objects.filter(action=AuditAction.CONTENT_ARCHIVED).count() == 1


def test_delete_asks_for_confirmation_first(client, people, items):
    client.force_login(people["communications"])
    response = client.get(_actions("julkinen")["delete"])
    assert response.status_code == 200
    assert "csrfmiddlewaretoken" in response.content.decode()
    assert NewsItem.objects.filter(pk=items["public"].pk).exists()


def test_deleted_item_disappears_everywhere(client, people, items):
    client.force_login(people["communications"])
    response = client.post(_actions("julkinen")["delete"])
    assert response.status_code == 302
    item = NewsItem.all_objects.get(pk=items["public"].pk)
    assert item.deleted_by == people["communications"]
    for who in ("anonymous", "staff", "admin"):
        assert item not in selectors.news_list(viewer=people[who])
    assert client.get(item.get_absolute_url()).status_code == 404
    client.force_login(people["admin"])
    assert client.get(item.get_absolute_url()).status_code == 404
    assert "Julkinen uutinen" not in client.get("/en/news/feed/rss/").content.decode()
    api = client.get("/api/v1/news/")
    assert api.status_code == 200
    assert "julkinen" not in api.content.decode()


def test_double_submit_of_delete_is_harmless(client, people, items):
    client.force_login(people["communications"])
    first = client.post(_actions("julkinen")["delete"])
    second = client.post(_actions("julkinen")["delete"])
    assert first.status_code == second.status_code == 302
    assert AuditEvent.objects.filter(action=AuditAction.CONTENT_DELETED).count() == 1


def test_administrator_restores_in_the_admin(client, people, items):
    client.force_login(people["communications"])
    client.post(_actions("julkinen")["delete"])
    admin_user = people["admin"]
    admin_user.is_staff = True
    admin_user.is_superuser = True
    admin_user.save()
    model_admin = site._registry[NewsItem]
    request = RequestFactory().get("/")
    request.user = admin_user
    deleted = model_admin.get_queryset(request).filter(deleted_at__isnull=False)
    assert [i.pk for i in deleted] == [items["public"].pk]
    assert "restore_selected" in model_admin.get_actions(request)
    restore(deleted.get(), actor=admin_user)
    item = NewsItem.objects.get(pk=items["public"].pk)
    assert item in selectors.news_list(viewer=None)
    assert AuditEvent.objects.filter(action=AuditAction.CONTENT_RESTORED).count() == 1


def test_slug_of_a_deleted_item_is_not_reused(people, items):
    from .. import services

    services.news_delete(actor=people["communications"], item=items["public"])
    assert services.unique_slug("julkinen") == "julkinen-2"
