"""The signed-in front page's panels are kept per person (``kaiku.core.cache.cached_for_person``):
a repeat visit builds none of them again, yet what the person sees is never out of date after
a write: their own (a follow), anyone's to content (a new news item), and never another
person's panels or another language's."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kaiku.core.tests.page_cache import cache_on  # noqa: F401
from kaiku.news.tests.factories import KeywordFactory, NewsItemFactory
from kaiku.notifications.tests.factories import NotificationFactory
from kaiku.programme.models import MemberRole
from kaiku.programme.tests.factories import (
    MembershipFactory,
    ProgrammeFactory,
    UserFactory,
    WorkingGroupFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    group = WorkingGroupFactory(programme=ProgrammeFactory(), name="Avoin ryhmä", slug="avoin")
    maija, ville = UserFactory(full_name="Maija"), UserFactory(full_name="Ville")
    MembershipFactory(group=group, person=maija, role=MemberRole.MEMBER)
    return {"maija": maija, "ville": ville, "group": group}


def _queries(client, path="/en/") -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured), response.content.decode()


def test_a_repeat_visit_builds_no_kept_panel_again(client, people):
    client.force_login(people["maija"])
    first, html = _queries(client)
    again, html_again = _queries(client)
    assert "Avoin ryhmä" in html and "Avoin ryhmä" in html_again
    # The uncached panels (notifications, onboarding) and the page itself still read.
    assert again <= first - 8, (first, again)


def test_a_follow_by_the_person_shows_at_once(client, people):
    maija = people["maija"]
    keyword = KeywordFactory(name="Rahoitus", slug="rahoitus")
    item = NewsItemFactory(title="Rahoitusuutinen")
    item.keywords.add(keyword)
    client.force_login(maija)
    followed = client.get("/en/").content.decode().split('id="home-news-latest"')[0]
    assert "Rahoitusuutinen" not in followed
    response = client.post(
        "/en/notifications/follow/", {"kind": "news.keyword", "object_id": keyword.pk}
    )
    assert response.status_code == 302
    followed = client.get("/en/").content.decode().split('id="home-news-latest"')[0]
    assert "Rahoitusuutinen" in followed


def test_content_written_by_others_shows_at_once(client, people):
    client.force_login(people["maija"])
    client.get("/en/")
    NewsItemFactory(title="Tuore uutinen")
    assert "Tuore uutinen" in client.get("/en/").content.decode()


def test_never_another_persons_panels_nor_another_language(client, people):
    client.force_login(people["maija"])
    assert "Avoin ryhmä" in client.get("/en/").content.decode()
    finnish = client.get("/fi/").content.decode()
    assert "Työryhmäsi" in finnish or "työryhm" in finnish.lower()
    assert "Your working groups" not in finnish
    client.force_login(people["ville"])
    assert "Avoin ryhmä" not in client.get("/en/").content.decode()


def test_notifications_are_never_kept(client, people):
    maija = people["maija"]
    client.force_login(maija)
    client.get("/en/")
    NotificationFactory(user=maija, title="Uusi ilmoitus tuli")
    html = client.get("/en/").content.decode()
    panel = html[html.index('id="home-notifications"') :]
    assert "Uusi ilmoitus tuli" in panel[: panel.index("</section>")]
