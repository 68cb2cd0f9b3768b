"""The front page's programme panels written in Python (``kaiku.programme.home``'s rows) are
what the panels' template loops wrote: the whole panel rendered by the old templates (kept
here) and by the panels, in Finnish, Swedish and English, for a member, a chair/secretary and
a person in no group."""

from __future__ import annotations

import datetime

import pytest
from django.template import Context, Engine
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone, translation

from kaiku.core.content import Visibility
from kaiku.programme import home
from kaiku.programme.models import GroupDocument, MemberRole
from kaiku.programme.tests.factories import (
    MeetingFactory,
    MembershipFactory,
    MemoFactory,
    ProgrammeFactory,
    UserFactory,
    WorkingGroupFactory,
)

pytestmark = pytest.mark.django_db

# The panels' templates before their loops were written in Python.
_OLD_GROUPS = (
    "{% load i18n translated %}{% if data.groups %}\n"
    '<ul class="home-list">\n'
    "  {% for group in data.groups %}\n"
    '    <li><a href="{{ group.get_absolute_url }}">{% translated group "name" %}</a>'
    "\n"
    '      <span class="home-roles">{% for role in group.my_roles %}<span class="badg'
    'e">{{ role }}</span>{% if not forloop.last %} {% endif %}{% endfor %}</span>\n'
    '      <span class="muted home-meta">{% translated group.programme "name" %}</spa'
    "n></li>\n"
    "  {% endfor %}\n"
    "</ul>\n"
    '<h3 id="home-groups-new">{% translate "Latest in your groups" %}</h3>\n'
    "{% if data.new_items %}\n"
    '<ul class="home-list" aria-labelledby="home-groups-new">\n'
    "  {% for row in data.new_items %}\n"
    '    <li><span class="badge">{% if row.kind == "memo" %}{% translate "Memo" %}{% '
    'else %}{% translate "Document" %}{% endif %}</span>\n'
    '      <a href="{{ row.item.get_absolute_url }}">{% translated row.item "title" %'
    "}</a>\n"
    '      <span class="muted home-meta">{% translated row.group "name" %}, <time dat'
    'etime="{{ row.date|date:\'c\' }}">{{ row.date|date:"j.n.Y" }}</time></span></li>\n'
    "  {% endfor %}\n"
    "</ul>\n"
    "{% else %}\n"
    '<p class="muted">{% translate "Nothing has been published in your groups yet." %'
    "}</p>\n"
    "{% endif %}\n"
    "{% else %}\n"
    '<p>{% translate "You are not in any working group yet." %}</p>\n'
    "<p>{% blocktranslate trimmed %}A group's chair or secretary adds its members. Me"
    "anwhile you can browse the working groups and follow the ones that interest you,"
    " or follow a keyword in the news.{% endblocktranslate %}</p>\n"
    '<ul class="home-links">\n'
    '  <li><a href="{% url \'programme:list\' %}">{% translate "Browse working groups" '
    "%}</a></li>\n"
    '  <li><a href="{% url \'news:list\' %}">{% translate "Follow a keyword" %}</a></li'
    ">\n"
    "</ul>\n"
    "{% endif %}\n"
)
_OLD_MEETINGS = (
    "{% load i18n translated %}{% if data.meetings %}\n"
    '<ul class="home-list">\n'
    "  {% for meeting in data.meetings %}\n"
    '    <li class="home-meeting">\n'
    '      <a href="{{ meeting.get_absolute_url }}">{% translated meeting "title" %}<'
    "/a>\n"
    '      <span class="home-meta"><time datetime="{{ meeting.starts_at|date:\'c\' }}">'
    '{{ meeting.starts_at|date:"j.n.Y H:i" }}</time>{% if meeting.ends_at %}–<time da'
    'tetime="{{ meeting.ends_at|date:\'c\' }}">{{ meeting.ends_at|date:"H:i" }}</time>{'
    '% endif %}, {% translated meeting.group "name" %}</span>\n'
    '      {% if meeting.location %}<span class="muted home-meta">{% translate "Place'
    '" %}: {{ meeting.location }}</span>{% endif %}\n'
    '      {% if meeting.online_url %}<a class="home-meta" href="{{ meeting.online_ur'
    'l }}" rel="noopener noreferrer nofollow">{% translate "Join online" %}<span clas'
    's="visually-hidden">: {% translated meeting "title" %}</span></a>{% endif %}\n'
    "    </li>\n"
    "  {% endfor %}\n"
    "</ul>\n"
    "{% elif data.has_groups %}\n"
    '<p>{% translate "No meetings of your groups are coming up." %}</p>\n'
    "{% else %}\n"
    '<p>{% translate "When you join a working group, its meetings are listed here." %'
    "}</p>\n"
    "{% endif %}\n"
    "{% if data.calendars %}\n"
    '<h3 id="home-calendars">{% translate "In your calendar" %}</h3>\n'
    '<p class="muted">{% translate "Calendar feeds (iCal) list a group\'s public meeti'
    'ngs." %}</p>\n'
    '<ul class="home-links" aria-labelledby="home-calendars">\n'
    "  {% for calendar in data.calendars %}\n"
    '    <li><a href="{{ calendar.url }}">{% blocktranslate trimmed with group=calend'
    "ar.group.name %}Calendar feed: {{ group }}{% endblocktranslate %}</a></li>\n"
    "  {% endfor %}\n"
    "</ul>\n"
    "{% endif %}\n"
)


def _old(source: str, data: dict) -> str:
    engine = Engine.get_default()
    return engine.from_string(source).render(Context({"data": data}))


def _old_groups(person) -> dict:
    groups = home._groups_of(person)
    return {"groups": groups, "new_items": home._new_in_groups(person, groups)}


def _old_meetings(person) -> dict:
    groups = home._groups_of(person)
    calendars = [
        {
            "group": group,
            "url": reverse(
                "programme:group_meetings_ical",
                kwargs={"programme_slug": group.programme.slug, "slug": group.slug},
            ),
        }
        for group in groups
        if group.visibility == Visibility.PUBLIC
    ]
    return {
        "meetings": home._upcoming_meetings(person, groups),
        "calendars": calendars,
        "has_groups": bool(groups),
    }


def _new(build, person) -> tuple[str, dict]:
    request = RequestFactory().get("/")
    request.user = person
    panel = build(request)
    return render_to_string(panel.template, {"data": panel.context}), panel.context


@pytest.fixture
def people():
    programme = ProgrammeFactory(slug="te24", name_fi="Ohjelma & <muu>", name_sv="Program")
    public = WorkingGroupFactory(
        programme=programme, slug="avoin", name_fi="Avoin <ryhmä> & co", name_en="Open group"
    )
    closed = WorkingGroupFactory(
        programme=programme,
        slug="suljettu",
        name_fi="Suljettu ryhmä",
        name_sv="Stängd grupp",
        visibility=Visibility.MEMBERS,
    )
    member, chair, nobody = UserFactory(), UserFactory(), UserFactory()
    MembershipFactory(group=public, person=member, role=MemberRole.MEMBER)
    MembershipFactory(group=public, person=chair, role=MemberRole.CHAIR)
    MembershipFactory(group=public, person=chair, role=MemberRole.SECRETARY)
    MembershipFactory(group=closed, person=chair, role=MemberRole.SECRETARY)
    now = timezone.now()
    evening = (now + datetime.timedelta(days=3)).replace(hour=21, minute=5, second=7)
    MeetingFactory(
        group=public,
        title_fi='Kokous <1> & "lainaus"',
        title_sv="Möte 1",
        starts_at=evening,
        ends_at=evening + datetime.timedelta(hours=2, minutes=30),
        location="Sali <A> & B's",
        online_url="https://example.org/meet?a=1&b=<2>",
    )
    MeetingFactory(
        group=closed,
        title_fi="Toinen kokous",
        starts_at=now + datetime.timedelta(days=5, minutes=7),
        ends_at=None,
        location="",
        online_url="",
    )
    MemoFactory(group=public, title_fi="Muistio <b> & c", title_en="Memo b")
    MemoFactory(group=closed, title_fi="Suljetun muistio", visibility=Visibility.MEMBERS)
    GroupDocument.objects.create(
        group=closed,
        title="Asiakirja & <liite>",
        file="programme/documents/x.pdf",
        original_name="x.pdf",
        content_type="application/pdf",
        size=10,
    )
    return {"member": member, "chair": chair, "nobody": nobody}


@pytest.mark.parametrize("who", ["member", "chair", "nobody"])
def test_panels_are_the_template_loops(people, who):
    person = people[who]
    for language in ("fi", "sv", "en"):
        with translation.override(language), timezone.override("Europe/Helsinki"):
            html, _ = _new(home.groups_panel, person)
            assert html == _old(_OLD_GROUPS, _old_groups(person))
            html, _ = _new(home.meetings_panel, person)
            assert html == _old(_OLD_MEETINGS, _old_meetings(person))


def test_rows_escape_and_are_empty_without_rows():
    assert home.group_rows([]) == home.new_item_rows([]) == ""
    assert home.meeting_rows([]) == home.calendar_rows([]) == ""


def test_the_compared_panels_have_rows(people):
    with translation.override("sv"), timezone.override("Europe/Helsinki"):
        groups, _ = _new(home.groups_panel, people["chair"])
        meetings, _ = _new(home.meetings_panel, people["chair"])
    assert groups.count("<li>") == 5  # two groups, three new items
    assert '<span class="badge">' in groups and 'lang="fi"' in groups
    assert "&lt;liite&gt;" in groups
    assert meetings.count('<li class="home-meeting">') == 2
    assert "Sali &lt;A&gt; &amp; B&#x27;s" in meetings and "–<time" in meetings
    assert "a=1&amp;b=&lt;2&gt;" in meetings
    assert meetings.count('<li><a href="') == 1  # the public group's calendar feed


def test_add_a_meeting_links_are_the_reversed_addresses(people):
    request = RequestFactory().get("/")
    request.user = people["chair"]
    urls = sorted(action.url for action in home.meeting_actions(request))
    assert urls == sorted(
        reverse("programme:meeting_create", kwargs={"programme_slug": "te24", "slug": slug})
        for slug in ("avoin", "suljettu")
    )
