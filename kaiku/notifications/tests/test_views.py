from __future__ import annotations

import json

import pytest
from django.urls import reverse
from django.utils import translation

from kaiku.accounts.services import personal_data_export
from kaiku.core.content import Visibility, hidden_label
from kaiku.news.tests.factories import KeywordFactory
from kaiku.programme.models import WorkingGroup

from .. import services
from ..models import Follow, Frequency, NotificationPreference
from .factories import FollowFactory, NotificationFactory, UserFactory, WorkingGroupFactory

pytestmark = pytest.mark.django_db

LIST = "/fi/notifications/"
SETTINGS = "/fi/notifications/settings/"
FOLLOW = "/fi/notifications/follow/"
UNFOLLOW = "/fi/notifications/unfollow/"


def _group_url(group):
    return f"/fi/programmes/{group.programme.slug}/groups/{group.slug}/"


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("get", LIST),
        ("get", SETTINGS),
        ("post", FOLLOW),
        ("post", UNFOLLOW),
        ("post", f"{LIST}read/"),
    ],
)
def test_anonymous_visitors_are_sent_to_log_in(client, method, url):
    response = getattr(client, method)(url)
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_follow_and_unfollow_a_group_without_js(client, user, group):
    client.force_login(user)
    response = client.post(
        FOLLOW, {"kind": "programme.workinggroup", "object_id": group.pk, "next": _group_url(group)}
    )
    assert response.status_code == 302 and response["Location"] == _group_url(group)
    assert Follow.objects.filter(user=user, object_id=group.pk).exists()
    page = client.get(_group_url(group)).content.decode()
    assert "notifications/unfollow/" in page  # the button now offers to stop following
    client.post(UNFOLLOW, {"kind": "programme.workinggroup", "object_id": group.pk})
    assert not Follow.objects.filter(user=user).exists()


def test_follow_with_htmx_gets_the_button_back(client, user, group):
    client.force_login(user)
    response = client.post(
        FOLLOW,
        {"kind": "programme.programme", "object_id": group.programme.pk},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert 'class="follow-button"' in body and "<html" not in body
    assert "notifications/unfollow/" in body


def test_an_unsafe_next_is_ignored(client, user, group):
    client.force_login(user)
    response = client.post(
        FOLLOW,
        {"kind": "programme.workinggroup", "object_id": group.pk, "next": "https://evil.example/"},
    )
    assert response["Location"] == group.get_absolute_url()


def test_a_group_one_may_not_see_cannot_be_followed(client, user):
    hidden = WorkingGroupFactory(visibility=Visibility.MEMBERS)
    client.force_login(user)
    assert (
        client.post(FOLLOW, {"kind": "programme.workinggroup", "object_id": hidden.pk}).status_code
        == 404
    )
    assert (
        client.post(FOLLOW, {"kind": "programme.workinggroup", "object_id": 2**40}).status_code
        == 400
    )
    assert client.post(FOLLOW, {}).status_code == 400
    assert client.post(FOLLOW, {"kind": "accounts.user", "object_id": hidden.pk}).status_code == 400
    assert not Follow.objects.exists()


def test_follow_a_keyword_from_its_news_list(client, user):
    keyword = KeywordFactory(name="KOTO", slug="koto")
    client.force_login(user)
    page = client.get(f"/fi/news/?keyword={keyword.slug}").content.decode()
    assert 'name="kind" value="news.keyword"' in page
    client.post(FOLLOW, {"kind": "news.keyword", "object_id": keyword.pk})
    assert Follow.objects.get(user=user).target == keyword


def _hide(group):
    group.visibility = Visibility.MEMBERS
    group.save()


def test_a_group_made_members_only_is_not_named_to_a_former_follower(client, user, group):
    """A follower who may no longer see a group sees neither its name in their settings,
    notifications or data export, and can still stop following it."""
    FollowFactory(user=user, target=group)
    NotificationFactory(user=user, about=group, title="Ohjausryhmän kokous", context=group.name)
    group.name = "Salainen uusi nimi"
    _hide(group)
    client.force_login(user)
    with translation.override("fi"):
        hidden = str(hidden_label(WorkingGroup))  # "työryhmä, jota et enää näe"
    settings_page = client.get(SETTINGS).content.decode()
    assert "Salainen uusi nimi" not in settings_page
    assert hidden in settings_page.lower()
    listing = client.get(LIST).content.decode()
    assert "Salainen uusi nimi" not in listing and "Ohjausryhmän kokous" not in listing
    assert hidden in listing
    export = json.dumps(personal_data_export(user=user))
    assert "Salainen uusi nimi" not in export and "Ohjausryhmän kokous" not in export
    follow = Follow.objects.get(user=user)
    response = client.post(UNFOLLOW, {"follow": follow.pk})
    assert response.status_code == 302
    assert not Follow.objects.filter(user=user).exists()


def test_one_cannot_unfollow_someone_elses_follow(client, user, group):
    other = FollowFactory(target=group)
    client.force_login(user)
    client.post(UNFOLLOW, {"follow": other.pk})
    assert Follow.objects.filter(pk=other.pk).exists()


def test_unfollow_by_target_works_for_a_hidden_group(client, user, group):
    FollowFactory(user=user, target=group)
    _hide(group)
    client.force_login(user)
    response = client.post(UNFOLLOW, {"kind": "programme.workinggroup", "object_id": group.pk})
    assert response.status_code in (302, 404)
    # By its follow id it always works (the settings page uses that).
    client.post(UNFOLLOW, {"follow": Follow.objects.get(user=user).pk})
    assert not Follow.objects.filter(user=user).exists()


def test_group_and_programme_pages_show_the_button(client, user, group):
    page = client.get(_group_url(group)).content.decode()
    assert "Log in to follow" in page or "Kirjaudu" in page
    client.force_login(user)
    for url in (_group_url(group), f"/fi/programmes/{group.programme.slug}/"):
        assert 'action="/fi/notifications/follow/"' in client.get(url).content.decode()


def test_the_list_shows_only_ones_own(client, user):
    NotificationFactory(user=user, title="Minun kokoukseni")
    NotificationFactory(title="Toisen kokous")
    client.force_login(user)
    body = client.get(LIST).content.decode()
    assert "Minun kokoukseni" in body and "Toisen kokous" not in body


def test_list_query_count_is_constant(client, user, group, django_assert_max_num_queries):
    client.force_login(user)
    first = NotificationFactory(user=user, about=group)
    with django_assert_max_num_queries(15) as small:
        response = client.get(LIST)
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count('<li class="card') == 1 and f">{first.title}</a>" in body
    other = WorkingGroupFactory()
    about_other = NotificationFactory.create_batch(20, user=user, about=other)
    plain = NotificationFactory.create_batch(5, user=user)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(LIST)
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count('<li class="card') == 25  # one full page, the newest first
    assert all(f">{n.title}</a>" in body for n in about_other + plain)


def test_list_is_paginated(client, user):
    NotificationFactory.create_batch(30, user=user)
    client.force_login(user)
    assert client.get(LIST, {"page": 2}).status_code == 200
    assert client.get(LIST, {"page": "x"}).status_code == 200


def test_mark_one_and_all_read(client, user):
    first, second = NotificationFactory(user=user), NotificationFactory(user=user)
    theirs = NotificationFactory()
    client.force_login(user)
    assert client.get(f"{LIST}{first.pk}/read/").status_code == 405
    assert client.post(f"{LIST}{first.pk}/read/").status_code == 302
    assert client.post(f"{LIST}{first.pk}/read/").status_code == 302  # already read: fine
    assert client.post(f"{LIST}{theirs.pk}/read/").status_code == 404
    assert client.post(f"{LIST}{2**40}/read/").status_code == 404
    first.refresh_from_db()
    assert first.read_at is not None
    client.post(f"{LIST}read/")
    second.refresh_from_db()
    theirs.refresh_from_db()
    assert second.read_at is not None and theirs.read_at is None


def test_header_shows_the_unread_count(client, user, django_assert_max_num_queries):
    NotificationFactory.create_batch(3, user=user)
    client.force_login(user)
    body = client.get("/fi/").content.decode()
    assert 'href="/fi/notifications/">' in body
    assert '<span class="badge">3<span' in body
    services.mark_read(user=user)
    assert '<span class="badge">' not in client.get(LIST).content.decode().split("</header>")[0]


def test_settings_change_the_frequency_and_list_follows(client, user, group):
    FollowFactory(user=user, target=group)
    client.force_login(user)
    page = client.get(SETTINGS).content.decode()
    assert group.name in page
    response = client.post(SETTINGS, {"email_frequency": Frequency.WEEKLY})
    assert response.status_code == 302
    assert NotificationPreference.objects.get(user=user).email_frequency == Frequency.WEEKLY
    assert client.post(SETTINGS, {"email_frequency": "hourly"}).status_code == 200


def test_unsubscribe_needs_no_login_and_asks_first(client, user):
    preference = services.preference_for(user=user)
    url = f"/fi/notifications/unsubscribe/{preference.unsubscribe_token}/"
    assert reverse("notifications:unsubscribe", args=[preference.unsubscribe_token]) == url
    response = client.get(url)
    assert response.status_code == 200 and b'method="post"' in response.content
    preference.refresh_from_db()
    assert preference.email_frequency == Frequency.DAILY  # a GET (a link scanner) changes nothing
    assert client.post(url).status_code == 200
    preference.refresh_from_db()
    assert preference.email_frequency == Frequency.NEVER


def test_one_click_unsubscribe_works_without_a_csrf_token(user):
    from django.test import Client

    preference = services.preference_for(user=user)
    csrf_client = Client(enforce_csrf_checks=True)
    url = f"/fi/notifications/unsubscribe/{preference.unsubscribe_token}/"
    assert csrf_client.post(url, {"List-Unsubscribe": "One-Click"}).status_code == 200
    preference.refresh_from_db()
    assert preference.email_frequency == Frequency.NEVER


def test_an_unknown_token_is_404(client, db):
    assert (
        client.get("/fi/notifications/unsubscribe/not-a-real-token-at-all-xx/").status_code == 404
    )
    assert client.post("/fi/notifications/unsubscribe/x/").status_code == 404


def test_other_users_follows_are_not_shown(client, user, group):
    FollowFactory(user=UserFactory(), target=group)
    client.force_login(user)
    assert group.name not in client.get(SETTINGS).content.decode().split("<main")[1]


def test_settings_query_count_does_not_grow_with_the_follows(
    client, user, group, django_assert_max_num_queries
):
    """One query per kind of followed content (the targets and their visibility), whatever
    the number of follows; hidden ones included."""
    FollowFactory(user=user, target=group)
    client.force_login(user)
    with django_assert_max_num_queries(20) as small:
        response = client.get(SETTINGS)
    assert response.status_code == 200
    groups = WorkingGroupFactory.create_batch(15, programme=group.programme)
    for other in groups:
        FollowFactory(user=user, target=other)
    hidden = WorkingGroupFactory(programme=group.programme, visibility=Visibility.MEMBERS)
    FollowFactory(user=user, target=hidden)
    keyword = KeywordFactory(name="KOTO")
    FollowFactory(user=user, target=keyword)
    FollowFactory(user=user, target=group.programme)
    # Two more kinds of content (keyword, programme): at most two queries each.
    with django_assert_max_num_queries(len(small.captured_queries) + 4):
        response = client.get(SETTINGS)
    assert response.status_code == 200
    body = response.content.decode()
    assert all(f">{g.name}</a>" in body for g in [group, *groups])
    assert "KOTO" in body and hidden.name not in body
    assert body.count('name="follow"') == 19


def test_unread_count_and_the_newest_unread(user):
    from django.utils import timezone

    from ..selectors import latest_unread, unread_count

    assert unread_count(user=user) == 0
    assert latest_unread(user=user) == {"count": 0, "rows": []}
    rows = NotificationFactory.create_batch(7, user=user)
    NotificationFactory(user=user, read_at=timezone.now())
    NotificationFactory()  # someone else's
    assert unread_count(user=user) == 7
    newest = latest_unread(user=user, limit=5)
    assert newest["count"] == 7
    assert [row.pk for row in newest["rows"]] == [row.pk for row in rows[::-1][:5]]
    assert latest_unread(user=user, limit=10)["count"] == 7


def test_is_following_one_target_of_one_person(user, group):
    from django.contrib.auth.models import AnonymousUser

    from ..selectors import is_following

    other_group, someone = WorkingGroupFactory(), UserFactory()
    FollowFactory(user=user, target=group)
    assert is_following(user=user, target=group)
    assert not is_following(user=user, target=other_group)
    assert not is_following(user=someone, target=group)
    assert not is_following(user=AnonymousUser(), target=group)
