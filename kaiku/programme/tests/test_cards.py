# ruff: noqa: E501 - the reference templates are kept line for line as they were
"""The meeting and memo cards written in Python (kaiku/programme/cards.py) are the HTML of
the template includes they replaced, in every language and card state."""

from __future__ import annotations

import datetime

import pytest
from django.template import engines
from django.utils import timezone, translation

from kaiku.core.content import Visibility
from kaiku.programme import cards
from kaiku.programme.models import Meeting, Memo

from .factories import MeetingFactory, MemoFactory

pytestmark = pytest.mark.django_db

# programme/includes/_meeting.html as it was before the cards were written in Python.
MEETING_TEMPLATE = (
    '{% load i18n kaiku translated %}<article class="card" id="meeting-{{ meeting.pk }}" aria-labelledby="meeting-{{ meeting.pk }}-title">\n'
    '  <h{{ heading|default:4 }} id="meeting-{{ meeting.pk }}-title">{% translated meeting "title" %}</h{{ heading|default:4 }}>\n'
    '  <p><time datetime="{{ meeting.starts_at|date:\'c\' }}">{{ meeting.starts_at|date:"j.n.Y H:i" }}</time>{% if meeting.ends_at %}–<time datetime="{{ meeting.ends_at|date:\'c\' }}">{{ meeting.ends_at|date:"H:i" }}</time>{% endif %}\n'
    '    <span class="badge">{{ meeting.get_status_display }}</span>\n'
    '    {% if meeting.visibility != "public" %}{% visibility_badge meeting %}{% endif %}</p>\n'
    '  {% if meeting.location %}<p>{% translate "Place" %}: {{ meeting.location }}</p>{% endif %}\n'
    '  {% if meeting.online_url %}<p><a href="{{ meeting.online_url }}" rel="noopener noreferrer nofollow">{% translate "Join online" %}<span class="visually-hidden">: {{ meeting.title }}</span></a></p>{% endif %}\n'
    '  {% if meeting.agenda %}<details><summary>{% translate "Agenda" %}</summary>{% translated_markdown meeting "agenda" %}</details>{% endif %}\n'
    '  {% if meeting.memo %}<p><a href="{{ meeting.memo_href }}">{% translate "Memo" %}: {% translated meeting.memo "title" %}</a></p>{% endif %}\n'
    '  <p><a href="{{ meeting.comments_url }}">{% translate "Comments" %}<span class="visually-hidden">: {{ meeting.title }}</span></a></p>\n'
    '  {% if can_edit %}<p><a href="{% url \'programme:meeting_update\' programme_slug=programme.slug slug=group.slug pk=meeting.pk %}">{% translate "Edit" %}<span class="visually-hidden">: {{ meeting.title }}</span></a></p>{% endif %}\n'
    "</article>\n"
)

# programme/includes/_memo.html as it was before the cards were written in Python.
MEMO_TEMPLATE = (
    '{% load i18n translated %}<article id="memo-{{ memo.pk }}" aria-labelledby="memo-{{ memo.pk }}-title">\n'
    '  <h{{ heading }} id="memo-{{ memo.pk }}-title">{% translated memo "title" %}</h{{ heading }}>\n'
    '  <p class="muted">{% translate "Published" %} <time datetime="{{ memo.published_at|date:\'c\' }}">{{ memo.published_at|date:"j.n.Y" }}</time>{% if memo.meeting_href %} · {% translate "Meeting" %}: <a href="{{ memo.meeting_href }}">{% translated memo.meeting "title" %}</a>{% endif %}</p>\n'
    '  {% translated_markdown memo "body" %}\n'
    '  {% if memo.decisions %}<h{{ heading|add:1 }}>{% translate "Decisions" %}</h{{ heading|add:1 }}>{% translated_markdown memo "decisions" %}{% endif %}\n'
    '  {% if can_edit %}<p><a href="{% url \'programme:memo_update\' programme_slug=programme.slug slug=group.slug pk=memo.pk %}">{% translate "Edit" %}<span class="visually-hidden">: {{ memo.title }}</span></a></p>{% endif %}\n'
    "</article>\n"
)


@pytest.fixture
def meetings(group):
    now = timezone.now().replace(microsecond=0)
    linked = MemoFactory(group=group, title="Muistio <1>", title_sv="Promemoria & 1")
    fallback = MemoFactory(group=group, title="Vain suomeksi")
    rows = [
        MeetingFactory(
            group=group,
            title="Kokous & <b>",
            title_sv="Möte & <b>",
            starts_at=now + datetime.timedelta(days=3),
            ends_at=now + datetime.timedelta(days=3, hours=2),
            location="Sali <A> & B",
            online_url="https://example.org/join?a=1&b=2",
            agenda="1. **Avaus**\n2. <script>x</script>",
            agenda_sv="1. Öppning",
        ),
        MeetingFactory(
            group=group,
            title="Henkilöstön kokous",
            starts_at=now - datetime.timedelta(days=40, minutes=7),
            location="",
            agenda="",
            visibility=Visibility.STAFF,
            status="held",
        ),
        MeetingFactory(
            group=group,
            title="Jäsenten kokous",
            title_en="Members' meeting",
            starts_at=now - datetime.timedelta(days=200),
            visibility=Visibility.MEMBERS,
            status="cancelled",
        ),
    ]
    meetings = list(Meeting.objects.filter(pk__in=[m.pk for m in rows]).order_by("-starts_at"))
    meetings[0].memo, meetings[0].memo_href = linked, "#memo-1"
    meetings[1].memo, meetings[1].memo_href = fallback, "/fi/x/?show=2#memo-2"
    meetings[2].memo = None
    for meeting in meetings[:2]:
        meeting.comments_url = f"/fi/comments/programme.meeting/{meeting.pk}/?a=1&b=2"
    return meetings


@pytest.fixture
def memos(group):
    meeting = MeetingFactory(group=group, title="Kokous", title_sv="Möte <1>")
    other = MeetingFactory(group=group, title="Toinen & kokous", title_en="Second")
    rows = [
        MemoFactory(
            group=group,
            title="Muistio & päätös",
            title_sv="Promemoria",
            body="Käsiteltiin **asiaa** <i>x</i>",
            body_en="Discussed",
            decisions="Päätettiin & jatkettiin.",
            meeting=meeting,
        ),
        MemoFactory(
            group=group,
            title="Ilman päätöksiä",
            body="",
            decisions="",
            visibility=Visibility.STAFF,
            meeting=other,
        ),
        MemoFactory(group=group, title="Kolmas", decisions="", meeting=None),
    ]
    memos = list(
        Memo.objects.filter(pk__in=[m.pk for m in rows]).select_related("meeting").order_by("pk")
    )
    memos[0].meeting_href = "#meeting-1"
    memos[1].meeting_href = "/fi/x/?show=3&y=1#meeting-3"
    memos[2].meeting_href = None
    return memos


def _reference(template, name, objects, **context):
    compiled = engines["django"].from_string(template)
    return "".join(compiled.render({name: obj, **context}) for obj in objects)


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
@pytest.mark.parametrize("can_edit", [False, True])
@pytest.mark.parametrize("heading", [None, 2])
def test_meeting_cards_are_the_include_html(group, meetings, language, can_edit, heading):
    extra = {} if heading is None else {"heading": heading}
    with translation.override(language):
        expected = _reference(
            MEETING_TEMPLATE,
            "meeting",
            meetings,
            can_edit=can_edit,
            programme=group.programme,
            group=group,
            **extra,
        )
        written = cards.meeting_cards(
            meetings,
            can_edit=can_edit,
            programme_slug=group.programme.slug,
            group_slug=group.slug,
            **extra,
        )
    assert written == expected


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
@pytest.mark.parametrize("can_edit", [False, True])
@pytest.mark.parametrize("heading", [2, 3])
def test_memo_cards_are_the_include_html(group, memos, language, can_edit, heading):
    with translation.override(language):
        expected = _reference(
            MEMO_TEMPLATE,
            "memo",
            memos,
            can_edit=can_edit,
            programme=group.programme,
            group=group,
            heading=heading,
        )
        written = cards.memo_cards(
            memos,
            heading=heading,
            can_edit=can_edit,
            programme_slug=group.programme.slug,
            group_slug=group.slug,
        )
    assert written == expected


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_group_breadcrumbs_are_the_include_html(group, language):
    group.name_sv = ""  # a fallback in Swedish: the name in <span lang>
    group.programme.name = 'Ohjelma <&> "x"'
    with translation.override(language):
        expected = (
            engines["django"]
            .from_string('{% include "programme/includes/_breadcrumbs.html" %}')
            .render({"programme": group.programme, "group": group})
        )
        assert cards.group_breadcrumbs(group.programme, group) == expected


COUNTS_TEMPLATE = (
    "{% load i18n %}"
    "{% blocktranslate count counter=c.task_count %}Show all {{ counter }} task{% plural %}Show all {{ counter }} tasks{% endblocktranslate %}|"
    "{% blocktranslate count counter=c.goal_count %}Show all {{ counter }} goal{% plural %}Show all {{ counter }} goals{% endblocktranslate %}|"
    "{% blocktranslate count counter=c.meeting_count %}{{ counter }} meeting{% plural %}{{ counter }} meetings{% endblocktranslate %}|"
    "{% blocktranslate count counter=c.upcoming_count %}{{ counter }} upcoming{% plural %}{{ counter }} upcoming{% endblocktranslate %}|"
    "{% blocktranslate count counter=c.meeting_count %}All {{ counter }} meeting{% plural %}All {{ counter }} meetings{% endblocktranslate %}|"
    "{% blocktranslate count counter=c.milestone_count %}{{ counter }} milestone{% plural %}{{ counter }} milestones{% endblocktranslate %}|"
    "{% blocktranslate count counter=c.open_milestone_count %}{{ counter }} open{% plural %}{{ counter }} open{% endblocktranslate %}|"
    "{% blocktranslate count counter=c.memo_count %}{{ counter }} memo{% plural %}{{ counter }} memos{% endblocktranslate %}|"
    "{% blocktranslate count counter=c.memo_count %}All {{ counter }} memo{% plural %}All {{ counter }} memos{% endblocktranslate %}"
)


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
@pytest.mark.parametrize("number", [0, 1, 2, 1234])
def test_group_page_count_texts_are_the_blocktranslate_html(language, number):
    from kaiku.programme.cards import count_texts

    names = ("task", "goal", "meeting", "upcoming", "milestone", "open_milestone", "memo")
    counts = {f"{name}_count": number for name in names}
    with translation.override(language):
        expected = engines["django"].from_string(COUNTS_TEMPLATE).render({"c": counts})
        assert "|".join(count_texts(counts).values()) == expected
