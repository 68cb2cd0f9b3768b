"""A signed-in person's own front page (``/``): their groups with their roles and what is new
in them, their next meetings, the news they follow and the latest news, their unread
notifications and quick actions by role. Never what they may not see, never someone else's,
never stored by a shared cache; a fixed number of queries however much there is."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kaiku.accounts.models import PlatformRole
from kaiku.core import home
from kaiku.core.content import Visibility
from kaiku.news.tests.factories import KeywordFactory, NewsItemFactory
from kaiku.notifications.tests.factories import FollowFactory, NotificationFactory
from kaiku.programme.models import GroupDocument, MeetingStatus, MemberRole
from kaiku.programme.tests.factories import (
    MeetingFactory,
    MembershipFactory,
    MemoFactory,
    ProgrammeFactory,
    RoleAssignmentFactory,
    UserFactory,
    WorkingGroupFactory,
)

pytestmark = pytest.mark.django_db

HOME = "/en/"


def _soon(days: int = 3) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(days=days)


@pytest.fixture
def programme():
    return ProgrammeFactory(slug="te24", name="TE24-ohjelma")


@pytest.fixture
def world(programme):
    """Maija is a member of a public group and of a members-only group; a third group is
    members-only and she is not in it."""
    maija = UserFactory(full_name="Maija Jäsen")
    public = WorkingGroupFactory(programme=programme, name="Avoin ryhmä", slug="avoin")
    closed = WorkingGroupFactory(
        programme=programme, name="Suljettu ryhmä", slug="suljettu", visibility=Visibility.MEMBERS
    )
    hidden = WorkingGroupFactory(
        programme=programme, name="Salainen ryhmä", slug="salainen", visibility=Visibility.MEMBERS
    )
    MembershipFactory(group=public, person=maija, role=MemberRole.MEMBER)
    MembershipFactory(group=closed, person=maija, role=MemberRole.SECRETARY)
    MembershipFactory(group=hidden, role=MemberRole.CHAIR)
    return {"maija": maija, "public": public, "closed": closed, "hidden": hidden}


def _get(client, user):
    client.force_login(user)
    return client.get(HOME)


def _panel(html: str, name: str) -> str:
    """The markup of one panel of the page."""
    start = html.index(f'id="home-{name}"')
    return html[start : html.index("</section>", start)]


# --- Who sees which page ---------------------------------------------------------------------


def test_anonymous_visitors_get_the_public_front_page(client, world):
    response = client.get(HOME)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="hero"' in html
    assert "home-panels" not in html
    assert "Your working groups" not in html


def test_signed_in_page_is_private_and_varies_by_cookie(client, world):
    response = _get(client, world["maija"])
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]
    assert "Cookie" in response["Vary"]
    assert 'class="hero"' not in response.content.decode()


# --- Groups and roles ------------------------------------------------------------------------


def test_member_sees_their_groups_with_roles_and_not_others(client, world):
    html = _get(client, world["maija"]).content.decode()
    assert "Welcome, Maija Jäsen" in html
    assert "Avoin ryhmä" in html
    assert "Suljettu ryhmä" in html
    assert ">Secretary<" in html and ">Member<" in html
    assert "Salainen ryhmä" not in html


def test_ended_membership_is_not_shown(client, world):
    person = UserFactory()
    MembershipFactory(
        group=world["public"],
        person=person,
        term_start=datetime.date(2020, 1, 1),
        term_end=datetime.date(2021, 1, 1),
    )
    html = _get(client, person).content.decode()
    assert "Avoin ryhmä" not in html
    assert "You are not in any working group yet." in html


def test_new_in_groups_lists_what_was_published_and_visible(client, world):
    MemoFactory(group=world["closed"], title="Suljetun muistio", visibility=Visibility.MEMBERS)
    MemoFactory(group=world["public"], title="Luonnosmuistio", published_at=None)
    MemoFactory(group=world["hidden"], title="Salaisen muistio", visibility=Visibility.PUBLIC)
    html = _get(client, world["maija"]).content.decode()
    assert "Suljetun muistio" in html
    assert "Luonnosmuistio" not in html
    assert "Salaisen muistio" not in html


def test_latest_in_groups_lists_documents_not_removed_ones(client, world):
    def document(group, title, **extra):
        return GroupDocument.objects.create(
            group=group,
            title=title,
            file="programme/documents/x.pdf",
            original_name="x.pdf",
            content_type="application/pdf",
            size=10,
            **extra,
        )

    document(world["closed"], "Jäsenten liite", visibility=Visibility.MEMBERS)
    document(world["public"], "Poistettu liite", removed_at=timezone.now())
    document(world["hidden"], "Salainen liite")
    latest = _panel(_get(client, world["maija"]).content.decode(), "groups")
    assert "Jäsenten liite" in latest
    assert "Poistettu liite" not in latest
    assert "Salainen liite" not in latest


# --- Meetings --------------------------------------------------------------------------------


def test_meetings_of_own_groups_only_and_never_hidden_ones(client, world):
    MeetingFactory(group=world["public"], title="Avoin kokous", starts_at=_soon(2))
    MeetingFactory(
        group=world["closed"],
        title="Suljettu kokous",
        starts_at=_soon(3),
        visibility=Visibility.MEMBERS,
        online_url="https://meet.example/suljettu",
    )
    MeetingFactory(group=world["hidden"], title="Salainen kokous", starts_at=_soon(1))
    MeetingFactory(group=WorkingGroupFactory(), title="Vieras kokous", starts_at=_soon(1))
    MeetingFactory(group=world["public"], title="Mennyt kokous", starts_at=_soon(-3))
    MeetingFactory(
        group=world["public"],
        title="Peruttu kokous",
        starts_at=_soon(4),
        status=MeetingStatus.CANCELLED,
    )
    html = _get(client, world["maija"]).content.decode()
    meetings = _panel(html, "meetings")
    assert meetings.index("Avoin kokous") < meetings.index("Suljettu kokous")
    assert "https://meet.example/suljettu" in meetings
    for title in ("Salainen kokous", "Vieras kokous", "Mennyt kokous", "Peruttu kokous"):
        assert title not in html


def test_at_most_five_meetings_next_first(client, world):
    for n in range(7):
        MeetingFactory(group=world["public"], title=f"Kokous numero {n}", starts_at=_soon(n + 1))
    meetings = _panel(_get(client, world["maija"]).content.decode(), "meetings")
    assert "Kokous numero 4" in meetings
    assert "Kokous numero 5" not in meetings


def test_online_link_of_a_meeting_the_member_no_longer_may_see_is_not_shown(client, world):
    """Staff-only meetings of a group are seen by members; a members-only meeting of a group
    the person left is not."""
    person = UserFactory()
    MembershipFactory(
        group=world["hidden"],
        person=person,
        term_start=datetime.date(2020, 1, 1),
        term_end=datetime.date(2021, 1, 1),
    )
    MeetingFactory(
        group=world["hidden"],
        starts_at=_soon(),
        visibility=Visibility.MEMBERS,
        online_url="https://meet.example/salainen",
    )
    html = _get(client, person).content.decode()
    assert "https://meet.example/salainen" not in html


def test_calendar_feeds_are_offered_for_public_groups_only(client, world):
    html = _get(client, world["maija"]).content.decode()
    assert "/programmes/te24/groups/avoin/meetings.ics" in html
    assert "/programmes/te24/groups/suljettu/meetings.ics" not in html


# --- Newcomers -------------------------------------------------------------------------------


def test_person_without_groups_gets_empty_states_that_say_what_to_do(client, world):
    html = _get(client, UserFactory()).content.decode()
    assert "You are not in any working group yet." in html
    assert 'href="/en/programmes/"' in html
    assert 'href="/en/news/"' in html
    assert "When you join a working group, its meetings are listed here." in html
    assert "You have no unread notifications." in html
    assert "Quick actions" not in html


# --- Notifications ---------------------------------------------------------------------------


def test_unread_notifications_count_and_latest_five_of_ones_own(client, world):
    maija = world["maija"]
    for n in range(7):
        NotificationFactory(user=maija, title=f"Ilmoitus {n}")
    NotificationFactory(user=maija, title="Luettu ilmoitus", read_at=timezone.now())
    NotificationFactory(title="Toisen ilmoitus")
    html = _get(client, maija).content.decode()
    assert "You have 7 unread notifications." in html
    assert "Ilmoitus 6" in html and "Ilmoitus 2" in html
    assert "Ilmoitus 1<" not in html
    assert "Luettu ilmoitus" not in html
    assert "Toisen ilmoitus" not in html
    assert 'href="/en/notifications/"' in html


def test_notification_about_something_hidden_shows_no_title(client, world):
    memo = MemoFactory(group=world["hidden"], title="Salainen muistio")
    NotificationFactory(user=world["maija"], title="Salainen muistio", about=memo)
    html = _get(client, world["maija"]).content.decode()
    assert "Salainen muistio" not in html
    assert "a memo you can no longer see" in html


# --- News ------------------------------------------------------------------------------------


def test_followed_news_and_latest_news(client, world):
    maija = world["maija"]
    keyword = KeywordFactory(name="Rahoitus", slug="rahoitus")
    FollowFactory(user=maija, target=keyword)
    FollowFactory(user=maija, target=world["public"])
    by_keyword = NewsItemFactory(title="Rahoitusuutinen")
    by_keyword.keywords.add(keyword)
    by_group = NewsItemFactory(title="Ryhmäuutinen", visibility=Visibility.STAFF)
    by_group.related_groups.add(world["public"])
    NewsItemFactory(title="Yleinen uutinen")
    NewsItemFactory(title="Luonnosuutinen", published_at=None)
    html = _get(client, maija).content.decode()
    followed, latest = html.split('id="home-news-latest"')
    assert "Rahoitusuutinen" in followed and "Ryhmäuutinen" in followed
    assert "Yleinen uutinen" in latest and "Rahoitusuutinen" not in latest
    assert "Luonnosuutinen" not in html


def test_follow_of_a_group_now_hidden_brings_no_news_of_it(client, world):
    maija = world["maija"]
    FollowFactory(user=maija, target=world["hidden"])
    item = NewsItemFactory(title="Salaisen ryhmän uutinen")
    item.related_groups.add(world["hidden"])
    html = _get(client, maija).content.decode()
    followed = html.split('id="home-news-latest"')[0]
    assert "Salaisen ryhmän uutinen" not in followed
    assert "Salainen ryhmä" not in html


# --- Quick actions ---------------------------------------------------------------------------


def test_secretary_may_add_a_meeting_in_their_group_only(client, world):
    html = _get(client, world["maija"]).content.decode()
    assert 'href="/en/programmes/te24/groups/suljettu/meetings/new/"' in html
    assert "/groups/avoin/meetings/new/" not in html
    assert "/en/news/new/" not in html


def test_communications_staff_may_write_news(client, world):
    person = UserFactory()
    RoleAssignmentFactory(user=person, role=PlatformRole.COMMUNICATIONS)
    html = _get(client, person).content.decode()
    assert 'href="/en/news/new/"' in html
    assert "meetings/new/" not in html


# --- The registry ----------------------------------------------------------------------------


def test_a_panel_shows_only_when_relevant(client, world, monkeypatch):
    monkeypatch.setattr(home, "_panels", dict(home._panels))
    home.register(
        home.HomePanel("surveys", lambda request: None, order=5),
    )
    home.register(
        home.HomePanel(
            "tasks",
            lambda request: home.Panel("Your tasks", "site/home/_actions.html", {"actions": []}),
            order=60,
        )
    )
    html = _get(client, world["maija"]).content.decode()
    assert 'id="home-surveys"' not in html
    assert 'id="home-tasks"' in html
    assert html.index('id="home-groups"') < html.index('id="home-tasks"')


# --- Query count -----------------------------------------------------------------------------


def _fill(person, programme, n: int) -> None:
    """``n`` groups the person sits in, each with meetings, memos, related followed news and
    notifications."""
    keyword = KeywordFactory()
    FollowFactory(user=person, target=keyword)
    for i in range(n):
        group = WorkingGroupFactory(
            programme=programme,
            visibility=[Visibility.PUBLIC, Visibility.MEMBERS][i % 2],
        )
        role = [MemberRole.SECRETARY, MemberRole.MEMBER, MemberRole.CHAIR][i % 3]
        MembershipFactory(group=group, person=person, role=role)
        FollowFactory(user=person, target=group)
        for j in range(2):
            MeetingFactory(group=group, starts_at=_soon(i + j + 1), online_url="https://m.example")
            MemoFactory(group=group)
        item = NewsItemFactory()
        item.related_groups.add(group)
        item.keywords.add(keyword)
        NotificationFactory(user=person)
        NotificationFactory(user=person, about=group)


def test_query_count_does_not_grow_with_groups_meetings_and_notifications(
    client, programme, django_assert_max_num_queries
):
    few, many = UserFactory(), UserFactory()
    _fill(few, programme, 3)
    _fill(many, programme, 12)
    counts = []
    for person in (few, many):
        client.force_login(person)
        client.get(HOME)  # warm the content type cache
        with CaptureQueriesContext(connection) as queries:
            assert client.get(HOME).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
    # A few queries per panel (questions and discussions joined in issue 8).
    # 24: the questions panels read their two parts with two indexes each (one OR scanned
    # every question on SQLite). 31 with issue 10: teams (the person's teams, mentees and
    # coaching requests), upcoming events and onboarding, one or a few queries each.
    # 28: the news panel's parts in one query (3 -> 1), the questions panel's (2 -> 1).
    with django_assert_max_num_queries(28):
        client.get(HOME)


def test_finnish_only_texts_on_a_swedish_page_are_marked_finnish(client, world):
    """The panels show official texts in the page's language and mark a Finnish fallback
    with lang="fi" (a screen reader reads it with Finnish rules)."""
    MeetingFactory(
        group=world["public"], title_fi="Avoin kokous", title_sv="Öppet möte", starts_at=_soon(2)
    )
    MeetingFactory(group=world["public"], title_fi="Vain suomeksi", starts_at=_soon(3))
    client.force_login(world["maija"])
    meetings = _panel(client.get("/sv/").content.decode(), "meetings")
    assert "Öppet möte" in meetings and "Avoin kokous" not in meetings
    assert '<span lang="fi">Vain suomeksi</span>' in meetings
    assert '<span lang="fi">Avoin ryhmä</span>' in meetings  # the group's name, no Swedish
