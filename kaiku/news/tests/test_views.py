from __future__ import annotations

import pytest
from django.urls import reverse

from ..models import NewsItem, NewsKind
from .factories import NewsItemFactory, UserFactory, WorkingGroupFactory

pytestmark = pytest.mark.django_db

LIST = "/fi/news/"
VIEWERS = ["anonymous", "staff", "other", "communications", "admin"]
# Which published items each viewer sees in lists and on pages.
SEES = {
    "anonymous": {"public"},
    "staff": {"public", "staff"},
    "other": {"public", "staff"},
    "communications": {"public", "staff"},
    "admin": {"public", "staff"},
}
MANAGERS = {"communications", "admin"}


def _login(client, people, who):
    if people[who] is not None:
        client.force_login(people[who])


@pytest.mark.parametrize("who", VIEWERS)
def test_list_shows_published_items_the_viewer_may_see(client, people, items, who):
    _login(client, people, who)
    response = client.get(LIST)
    assert response.status_code == 200
    shown = {item.pk for item in response.context["news"]}
    assert shown == {items[name].pk for name in SEES[who]}
    # Drafts and scheduled items are listed apart, for the people who manage news.
    drafts = {item.pk for item in response.context["drafts"]}
    if who in MANAGERS:
        assert drafts == {items["draft"].pk, items["scheduled"].pk}
    else:
        assert drafts == set()
        assert "Luonnos" not in response.content.decode()


@pytest.mark.parametrize("who", VIEWERS)
@pytest.mark.parametrize("name", ["public", "staff", "draft", "scheduled"])
def test_detail_access(client, people, items, who, name):
    _login(client, people, who)
    response = client.get(items[name].get_absolute_url())
    if name in SEES[who] or who in MANAGERS:
        assert response.status_code == 200
        assert items[name].title in response.content.decode()
    else:
        assert response.status_code == 404


def test_author_previews_own_draft_only(client, items):
    author = UserFactory()
    own = NewsItemFactory(slug="oma-luonnos", published_at=None, author=author)
    client.force_login(author)
    assert client.get(own.get_absolute_url()).status_code == 200
    assert client.get(items["draft"].get_absolute_url()).status_code == 404


def test_missing_item_is_404(client, db):
    assert client.get("/fi/news/ei-ole/").status_code == 404


def test_detail_shows_keywords_contacts_and_only_visible_groups(
    client, people, items, group, hidden_group
):
    item = items["public"]
    item.related_groups.add(hidden_group)
    item.contact_persons.add(people["communications"])
    item.contact_info = "Lisätietoja: Tanja Ståhlberg"
    item.save()
    content = client.get(item.get_absolute_url()).content.decode()
    assert group.name in content and group.get_absolute_url() in content
    assert hidden_group.name not in content
    assert "Selina Viestijä" in content and "Tanja Ståhlberg" in content
    assert f"{LIST}?keyword=te2024" in content


def test_list_filters(client, items, keyword, group, db):
    other = NewsItemFactory(title="Toinen aihe", slug="toinen", body="KOTO2024 etenee")
    assert {i.pk for i in client.get(LIST, {"keyword": "te2024"}).context["news"]} == {
        items["public"].pk
    }
    assert {i.pk for i in client.get(LIST, {"group": group.pk}).context["news"]} == {
        items["public"].pk
    }
    assert {i.pk for i in client.get(LIST, {"q": "koto2024"}).context["news"]} == {other.pk}


def test_bad_filters_are_reported_not_fatal(client, items, hidden_group):
    for params in ({"keyword": "nope"}, {"group": "abc"}, {"group": hidden_group.pk},
                   {"group": "99999999999999999999"}, {"page": "x"}):  # fmt: skip
        response = client.get(LIST, params)
        assert response.status_code == 200, params
        assert {i.pk for i in response.context["news"]} == {items["public"].pk}


def test_pinned_first_and_marked(client, items):
    pinned = NewsItemFactory(title="Kiinnitetty", slug="kiinnitetty", pinned=True)
    pinned.published_at = items["public"].published_at.replace(year=2020)
    pinned.save()
    response = client.get(LIST)
    assert list(response.context["news"])[0] == pinned
    assert "Kiinnitetty" in response.content.decode()
    assert "card--pinned" in response.content.decode()


def test_htmx_gets_the_results_partial(client, items):
    response = client.get(LIST, {"q": "Julkinen"}, headers={"HX-Request": "true"})
    content = response.content.decode()
    assert "Julkinen uutinen" in content
    assert "<html" not in content


def test_list_has_feed_autodiscovery(client, items):
    content = client.get(LIST).content.decode()
    assert 'rel="alternate" type="application/rss+xml"' in content
    assert 'href="/fi/news/feed/atom/"' in content


def test_list_query_count_is_constant(
    client, people, keyword, group, django_assert_max_num_queries
):
    client.force_login(people["staff"])

    added = []

    def add(n):
        for _ in range(n):
            item = NewsItemFactory()
            item.keywords.add(keyword)
            item.related_groups.add(group, WorkingGroupFactory())
            item.contact_persons.add(UserFactory())
            added.append(item)

    def assert_shows_all(response):
        assert response.status_code == 200
        body = response.content.decode()
        assert body.count('<h2 class="card__title">') == len(added)
        assert all(f">{item.title}</a>" in body for item in added)
        assert body.count(f">{keyword.name}</a>") == len(added)

    add(2)
    with django_assert_max_num_queries(30) as few:
        response = client.get(LIST)
    assert_shows_all(response)
    add(15)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(LIST)
    assert_shows_all(response)


XSS = (
    '<script>alert("x")</script> [klik](javascript:alert(1)) '
    "<img src=x onerror=alert(1)> [data](data:text/html;base64,PHNjcmlwdD4=)"
)


def test_xss_in_every_displayed_field_is_rendered_safe(client, people, items):
    item = items["public"]
    item.title = '<script>alert("t")</script>'
    item.summary = '<script>alert("s")</script>'
    item.body = XSS
    item.contact_info = "<b onmouseover=alert(1)>x</b>"
    item.save()
    for url in (item.get_absolute_url(), LIST):
        content = client.get(url).content.decode()
        assert "<script>alert" not in content
        assert "javascript:" not in content
        assert "onerror=alert" not in content.replace("&lt;img src=x onerror=alert(1)&gt;", "")
        assert "data:text/html" not in content
        assert "<b onmouseover" not in content


# --- Writing ------------------------------------------------------------------------------


def _valid(**extra):
    return {
        "kind": NewsKind.NEWS,
        "title": "Uusi tiedote",
        "slug": "",
        "summary": "Tiivistelmä",
        "body": "Tekstiä",
        "visibility": "public",
        **extra,
    }


@pytest.mark.parametrize("who", VIEWERS)
def test_create_permissions(client, people, who):
    _login(client, people, who)
    url = reverse("news:create")
    get = client.get(url)
    post = client.post(url, _valid(publish_now="on"))
    if who == "anonymous":
        assert get.status_code == 302 and "/accounts/login/" in get["Location"]
        assert post.status_code == 302 and "/accounts/login/" in post["Location"]
        assert not NewsItem.objects.exists()
    elif who in MANAGERS:
        assert get.status_code == 200
        assert post.status_code == 302
        item = NewsItem.objects.get()
        assert post["Location"] == item.get_absolute_url() == "/fi/news/uusi-tiedote/"
        assert item.author == people[who] and item.is_published
    else:
        assert get.status_code == 403 and post.status_code == 403
        assert not NewsItem.objects.exists()


def test_create_a_scheduled_item_with_contacts(client, people, keyword, group):
    client.force_login(people["communications"])
    response = client.post(
        reverse("news:create"),
        _valid(
            published_at="2099-01-01T09:00",
            keywords=[keyword.pk],
            related_groups=[group.pk],
            contact_persons=[people["communications"].pk],
        ),
    )
    assert response.status_code == 302
    item = NewsItem.objects.get()
    assert item.is_scheduled
    assert list(item.keywords.all()) == [keyword]
    assert list(item.related_groups.all()) == [group]
    assert list(item.contact_persons.all()) == [people["communications"]]
    # Not visible to others before its time.
    client.logout()
    assert client.get(item.get_absolute_url()).status_code == 404


@pytest.mark.parametrize(
    "data, field",
    [
        # The Finnish title is sent as ``title``; its errors are the form's ``title_fi``.
        ({}, "title_fi"),
        (_valid(title=""), "title_fi"),
        (_valid(kind="nope"), "kind"),
        (_valid(visibility="group"), "visibility"),
        (_valid(published_at="eilen"), "published_at"),
        (_valid(contact_persons=["999999"]), "contact_persons"),
        (_valid(slug="välilyönti ja ä"), "slug"),
        (_valid(title="x" * 301), "title_fi"),
    ],
)
def test_bad_input_gives_field_errors_and_saves_nothing(client, people, data, field):
    client.force_login(people["communications"])
    response = client.post(reverse("news:create"), data)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not NewsItem.objects.exists()


def test_duplicate_slug_is_a_field_error(client, people, items):
    client.force_login(people["communications"])
    response = client.post(reverse("news:create"), _valid(slug="julkinen"))
    assert response.status_code == 400
    assert "slug" in response.context["form"].errors
    assert NewsItem.objects.count() == 4


@pytest.mark.parametrize("who", VIEWERS)
def test_update_permissions(client, people, items, who):
    _login(client, people, who)
    item = items["draft"]
    url = reverse("news:update", kwargs={"slug": item.slug})
    response = client.post(url, _valid(title="Muokattu", slug=item.slug))
    item.refresh_from_db()
    if who == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    elif who in MANAGERS:
        assert client.get(url).status_code == 200
        assert response.status_code == 302
        assert item.title == "Muokattu"
        assert item.published_at is None  # still a draft
        return
    else:
        assert response.status_code == 404
    assert item.title == "Luonnos"


def test_update_bad_input_keeps_the_item(client, people, items):
    client.force_login(people["communications"])
    item = items["public"]
    url = reverse("news:update", kwargs={"slug": item.slug})
    response = client.post(url, _valid(title="", slug=item.slug))
    assert response.status_code == 400
    item.refresh_from_db()
    assert item.title == "Julkinen uutinen"


@pytest.mark.parametrize("who", VIEWERS)
def test_publish_permissions(client, people, items, who):
    _login(client, people, who)
    item = items["draft"]
    url = reverse("news:publish", kwargs={"slug": item.slug})
    assert client.get(url).status_code in (302, 405)
    response = client.post(url)
    item.refresh_from_db()
    if who in MANAGERS:
        assert response.status_code == 302
        assert item.is_published
    else:
        assert response.status_code in (302, 404)
        assert item.published_at is None


def test_missing_item_edit_is_404(client, people, db):
    client.force_login(people["communications"])
    assert client.get("/fi/news/ei-ole/edit/").status_code == 404
    assert client.post("/fi/news/ei-ole/publish/").status_code == 404
