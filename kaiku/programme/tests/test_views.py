from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from kaiku.core.content import Visibility

from ..models import Meeting, Milestone, MilestoneStatus
from .factories import (
    MeetingFactory,
    MembershipFactory,
    MemoFactory,
    MilestoneFactory,
    ProgrammeFactory,
    UserFactory,
    WorkingGroupFactory,
)
from .test_selectors import EXPECTED

pytestmark = pytest.mark.django_db

XSS = [
    "<script>alert('xss')</script>",
    '<img src=x onerror="alert(1)">',
    "[klikkaa](javascript:alert(1))",
    "![kuva](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '<iframe src="https://evil.example"></iframe>',
]


def _login(client, people, who):
    if people[who] is not None:
        client.force_login(people[who])


def _group_url(group):
    return f"/fi/programmes/{group.programme.slug}/groups/{group.slug}/"


def test_programme_list_and_detail_for_anonymous(client, group):
    WorkingGroupFactory(programme=group.programme, name="Salainen ryhmä", visibility="members")
    WorkingGroupFactory(programme=group.programme, name="Henkilöstön ryhmä", visibility="staff")
    response = client.get("/fi/programmes/")
    assert response.status_code == 200
    assert group.programme.name in response.content.decode()
    response = client.get("/fi/programmes/te24/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Muutosvalmennuksen ohjausryhmä" in html
    assert "Salainen ryhmä" not in html
    assert "Henkilöstön ryhmä" not in html


def test_programme_detail_for_staff_and_member(client, people, group):
    WorkingGroupFactory(programme=group.programme, name="Salainen ryhmä", visibility="members")
    WorkingGroupFactory(programme=group.programme, name="Henkilöstön ryhmä", visibility="staff")
    client.force_login(people["staff"])
    html = client.get("/fi/programmes/te24/").content.decode()
    assert "Henkilöstön ryhmä" in html
    assert "Salainen ryhmä" not in html
    client.force_login(people["admin"])
    assert "Salainen ryhmä" in client.get("/fi/programmes/te24/").content.decode()


def test_unknown_programme_is_404(client):
    assert client.get("/fi/programmes/nope/").status_code == 404


@pytest.mark.parametrize("who", EXPECTED)
def test_group_page_shows_exactly_what_the_viewer_may_see(client, people, items, group, who):
    _login(client, people, who)
    response = client.get(_group_url(group))
    assert response.status_code == 200
    html = response.content.decode()
    for visibility in Visibility.values:
        for title in ("Kokous", "Muistio", "Virstanpylväs"):
            shown = f"{title} {visibility}" in html
            assert shown is (visibility in EXPECTED[who]), (who, title, visibility)


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 404),
        ("staff", 404),
        ("other", 404),
        ("member", 200),
        ("secretary", 200),
        ("admin", 200),
    ],
)
def test_group_only_group_page_is_404_for_outsiders(client, people, group, who, status):
    group.visibility = Visibility.MEMBERS
    group.save()
    _login(client, people, who)
    assert client.get(_group_url(group)).status_code == status


def test_group_page_content(client, people, group):
    past = MeetingFactory(
        group=group,
        title="Ohjausryhmän kokous 9.12.2022",
        starts_at=timezone.now() - datetime.timedelta(days=30),
        status="held",
    )
    MemoFactory(group=group, meeting=past, title="Muistio 9.12.2022", decisions="Hyväksyttiin.")
    MilestoneFactory(
        group=group,
        title="Myöhästynyt",
        due_on=timezone.localdate() - datetime.timedelta(days=3),
        status=MilestoneStatus.IN_PROGRESS,
    )
    MilestoneFactory(group=group, title="Valmis", status=MilestoneStatus.DONE)
    MembershipFactory(group=group, person=UserFactory(full_name="Pia Puheenjohtaja"), role="chair")
    group.contact_persons.add(UserFactory(full_name="Kalle Yhteyshenkilö"))
    sub = WorkingGroupFactory(programme=group.programme, parent=group, name="Alaryhmä A")
    response = client.get(_group_url(group))
    html = response.content.decode()
    assert html.count("<h1") == 1
    for text in [
        "Ohjausryhmän kokous 9.12.2022",
        "Muistio 9.12.2022",
        "Hyväksyttiin.",
        "Pia Puheenjohtaja",
        "Kalle Yhteyshenkilö",
        sub.get_absolute_url(),
        "<strong>ohjaa</strong>",  # the mandate's Markdown
        '<th scope="col">',
        "<caption>",
    ]:
        assert text in html, text
    # Overdue milestones are marked with text, not colour alone; once only here.
    assert html.count('class="is-overdue"') == 1
    assert "/meetings/new/" not in html


@pytest.mark.parametrize("payload", XSS)
def test_markdown_fields_are_rendered_safe(client, group, payload):
    group.mandate = payload
    group.save()
    MeetingFactory(group=group, agenda=payload)
    MemoFactory(group=group, body=payload, decisions=payload)
    main = client.get(_group_url(group)).content.decode().split("<main", 1)[1]
    for dangerous in ["<script", "<img", "<iframe", "javascript:", "data:text/html"]:
        assert dangerous not in main.lower(), dangerous
    # Event handlers may survive only as escaped text, never inside a tag.
    assert not re.search(r"<[^>]*\bon\w+=", main)


def test_group_page_query_count_is_constant(client, people, group, django_assert_max_num_queries):
    client.force_login(people["member"])

    grown = []

    def grow(n):
        for _ in range(n):
            meeting = MeetingFactory(group=group)
            memo = MemoFactory(group=group, meeting=meeting)
            milestone = MilestoneFactory(group=group)
            person = MembershipFactory(group=group).person
            grown.append((meeting.title, memo.title, milestone.title, person.display_name))

    def assert_shows_window(response):
        # The meetings (all upcoming, a week ahead), memos and milestones in windows of five,
        # the whole composition.
        assert response.status_code == 200
        html = response.content.decode()
        window = min(len(grown), 5)
        assert html.count('<article class="card" id="meeting-') == window
        assert html.count('<article id="memo-') == window
        assert html.count('<tr id="milestone-') == window
        for meeting, _memo, milestone, _person in grown[:window]:
            assert f">{meeting}</h4>" in html and f"{milestone} " in html
        for _meeting, memo, _milestone, _person in grown[-window:]:
            assert f">{memo}</h3>" in html
        for *_items, person in grown:
            assert f">{person}</th>" in html

    grow(2)
    with django_assert_max_num_queries(25) as small:
        response = client.get(_group_url(group))
    assert_shows_window(response)
    grow(20)
    # Two more at most, each asked only when needed (never while every meeting is on the
    # page with its memo among the latest): the memos of meetings whose memo is not among the
    # latest, and whether the latest memos' meetings off the page may be seen.
    with django_assert_max_num_queries(len(small.captured_queries) + 2):
        response = client.get(_group_url(group))
    assert_shows_window(response)


def test_programme_page_query_count_is_constant(client, group, django_assert_max_num_queries):
    groups = [group, *WorkingGroupFactory.create_batch(2, programme=group.programme, parent=group)]
    programmes = [group.programme]

    def assert_shows_all(detail_response, listing_response):
        assert detail_response.status_code == listing_response.status_code == 200
        html = detail_response.content.decode()
        assert html.count("<h3><a href=") == len(groups)
        assert all(f">{g.name}</a></h3>" in html for g in groups)
        html = listing_response.content.decode()
        assert html.count("<h2><a href=") == len(programmes)
        assert all(f">{p.name}</a></h2>" in html for p in programmes)

    with django_assert_max_num_queries(30) as detail:
        detail_response = client.get("/fi/programmes/te24/")
    with django_assert_max_num_queries(30) as listing:
        listing_response = client.get("/fi/programmes/")
    assert_shows_all(detail_response, listing_response)
    groups += WorkingGroupFactory.create_batch(20, programme=group.programme, parent=group)
    programmes += ProgrammeFactory.create_batch(5)
    with django_assert_max_num_queries(len(detail.captured_queries)):
        detail_response = client.get("/fi/programmes/te24/")
    with django_assert_max_num_queries(len(listing.captured_queries)):
        listing_response = client.get("/fi/programmes/")
    assert_shows_all(detail_response, listing_response)


def test_front_page_lists_visible_memos_and_meetings(client, people, items, group):
    html = client.get("/fi/").content.decode()
    assert "Muistio public" in html
    assert "Muistio staff" not in html
    assert "Kokous members" not in html
    client.force_login(people["member"])
    html = client.get("/fi/").content.decode()
    assert "Kokous members" in html


def test_navigation_has_the_programme_item(client):
    html = client.get("/fi/").content.decode()
    assert 'href="/fi/programmes/"' in html


# --- Editing -------------------------------------------------------------------------------


def _edit_urls(group, meeting, milestone):
    kwargs = {"programme_slug": group.programme.slug, "slug": group.slug}
    return [
        reverse("programme:meeting_create", kwargs=kwargs),
        reverse("programme:meeting_update", kwargs={**kwargs, "pk": meeting.pk}),
        reverse("programme:milestone_create", kwargs=kwargs),
        reverse("programme:milestone_update", kwargs={**kwargs, "pk": milestone.pk}),
    ]


@pytest.mark.parametrize(
    ("who", "status"),
    [("staff", 404), ("other", 404), ("member", 404), ("secretary", 200), ("admin", 200)],
)
def test_edit_pages_are_404_without_the_permission(client, people, group, who, status):
    urls = _edit_urls(group, MeetingFactory(group=group), MilestoneFactory(group=group))
    _login(client, people, who)
    for url in urls:
        assert client.get(url).status_code == status, url
        if status == 404:
            assert client.post(url, {"title": "x"}).status_code == 404


def test_edit_pages_send_anonymous_to_login(client, group):
    for url in _edit_urls(group, MeetingFactory(group=group), MilestoneFactory(group=group)):
        response = client.get(url)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


def test_secretary_of_another_group_gets_404(client, group):
    outsider = UserFactory()
    MembershipFactory(person=outsider, role="secretary")  # another group
    client.force_login(outsider)
    for url in _edit_urls(group, MeetingFactory(group=group), MilestoneFactory(group=group)):
        assert client.get(url).status_code == 404


def test_secretary_adds_and_edits_a_meeting(client, people, group):
    client.force_login(people["secretary"])
    kwargs = {"programme_slug": "te24", "slug": group.slug}
    response = client.post(
        reverse("programme:meeting_create", kwargs=kwargs),
        {
            "title": "Ohjausryhmän kokous 13.1.2023",
            "starts_at": "2030-01-13T09:00",
            "ends_at": "2030-01-13T11:00",
            "location": "Teams",
            "agenda": "1. Muutosvalmennuksen käynnistäminen\n2. Kilpailutus",
            "status": "planned",
            "visibility": "public",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == _group_url(group)
    meeting = Meeting.objects.get(group=group)
    assert meeting.title == "Ohjausryhmän kokous 13.1.2023"
    page = client.get(_group_url(group)).content.decode()
    assert "Ohjausryhmän kokous 13.1.2023" in page
    assert "Muutosvalmennuksen käynnistäminen" in page
    response = client.post(
        reverse("programme:meeting_update", kwargs={**kwargs, "pk": meeting.pk}),
        {
            "title": "Siirretty kokous",
            "starts_at": "2030-01-20T09:00",
            "status": "planned",
            "visibility": "staff",
        },
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.title == "Siirretty kokous"
    assert meeting.visibility == "staff"
    assert meeting.ends_at is None


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"title": "", "starts_at": "2030-01-13T09:00"}, "title_fi"),
        ({"title": "K", "starts_at": "2030-01-13T09:00", "ends_at": "2030-01-13T08:00"}, "ends_at"),
        ({"title": "K", "starts_at": "ei päivä"}, "starts_at"),
        (
            {"title": "K", "starts_at": "2030-01-13T09:00", "online_url": "javascript:x"},
            "online_url",
        ),
        ({"title": "K", "starts_at": "2030-01-13T09:00", "visibility": "kaikki"}, "visibility"),
    ],
)
def test_bad_meeting_input_gives_finnish_field_errors(client, people, group, data, field):
    client.force_login(people["secretary"])
    url = reverse("programme:meeting_create", kwargs={"programme_slug": "te24", "slug": group.slug})
    response = client.post(url, {"status": "planned", "visibility": "public", **data})
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert "field--error" in response.content.decode()
    assert not Meeting.objects.exists()


def test_finnish_error_message_for_missing_title(client, people, group):
    client.force_login(people["secretary"])
    url = reverse("programme:meeting_create", kwargs={"programme_slug": "te24", "slug": group.slug})
    response = client.post(url, {"title": "", "starts_at": "", "status": "planned"})
    assert "Tämä kenttä vaaditaan" in response.content.decode()


def test_secretary_adds_and_updates_a_milestone(client, people, group):
    client.force_login(people["secretary"])
    kwargs = {"programme_slug": "te24", "slug": group.slug}
    response = client.post(
        reverse("programme:milestone_create", kwargs=kwargs),
        {"title": "Toimeenpano-ohjelma valmis", "due_on": "2023-03-31", "status": "planned",
         "visibility": "public"},
    )  # fmt: skip
    assert response.status_code == 302
    milestone = Milestone.objects.get()
    response = client.post(
        reverse("programme:milestone_update", kwargs={**kwargs, "pk": milestone.pk}),
        {"title": "Toimeenpano-ohjelma valmis", "due_on": "2023-03-31", "status": "done",
         "visibility": "public"},
    )  # fmt: skip
    assert response.status_code == 302
    milestone.refresh_from_db()
    assert milestone.status == "done"
    response = client.post(
        reverse("programme:milestone_create", kwargs=kwargs),
        {"title": "", "due_on": "31.13.2023", "status": "x", "visibility": "public"},
    )
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"title_fi", "due_on", "status"}
    assert Milestone.objects.count() == 1


def test_editing_an_item_of_another_group_is_404(client, people, group):
    client.force_login(people["secretary"])
    foreign = MeetingFactory()  # another group
    url = reverse(
        "programme:meeting_update",
        kwargs={"programme_slug": "te24", "slug": group.slug, "pk": foreign.pk},
    )
    assert client.get(url).status_code == 404


def test_editor_sees_edit_links(client, people, group):
    MeetingFactory(group=group)
    client.force_login(people["secretary"])
    html = client.get(_group_url(group)).content.decode()
    assert "/meetings/new/" in html
    assert "/edit/" in html


def test_hidden_parent_and_hidden_meeting_do_not_leak(client, group):
    group.visibility = Visibility.MEMBERS
    group.name = "Salainen emoryhmä"
    group.save()
    child = WorkingGroupFactory(programme=group.programme, parent=group, name="Julkinen alaryhmä")
    hidden_meeting = MeetingFactory(
        group=child, title="Suljettu kokous", visibility=Visibility.STAFF
    )
    MemoFactory(group=child, meeting=hidden_meeting, title="Julkinen muistio")
    for url in [_group_url(child), "/fi/programmes/te24/"]:
        html = client.get(url).content.decode()
        assert "Julkinen alaryhmä" in html
        assert "Salainen emoryhmä" not in html, url
        assert "Suljettu kokous" not in html, url
    assert "Julkinen muistio" in client.get(_group_url(child)).content.decode()
    data = APIClient().get(f"/api/v1/working-groups/{child.pk}/").json()
    assert data["parent"] is None
    assert data["memos"][0]["meeting"] is None
