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

from .factories import (
    GroupGoalFactory,
    GroupTaskFactory,
    MeetingFactory,
    MemoFactory,
    MilestoneFactory,
)

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


# group_detail.html's main column up to the documents and its last sections, as they were
# before they were written in Python (cards.group_sections, cards.group_page_end).
SECTIONS_TEMPLATE = "{% load i18n translated %}" + (
    '<div class="two-columns">\n'
    "<div>\n"
    "{% if group.mandate %}\n"
    '<section aria-labelledby="mandate">\n'
    '  <h2 id="mandate">{% translate "Mandate" %}</h2>\n'
    '  {% translated_markdown group "mandate" %}\n'
    "</section>\n"
    "{% endif %}\n"
    "\n"
    "{% if tasks or can_edit %}\n"
    '<section aria-labelledby="tasks">\n'
    '  <h2 id="tasks">{% translate "Tasks" %}</h2>\n'
    '  {% if tasks %}<ul class="item-list">{{ task_rows }}</ul>{% endif %}\n'
    '  {% if counts.task_count > tasks|length %}<p class="more-link"><a href="{{ list_urls.tasks }}">{{ count_texts.tasks_all }}</a></p>{% endif %}\n'
    '  {% if can_edit %}<p class="section-action"><a href="{% url \'programme:task_create\' programme_slug=programme.slug slug=group.slug %}">{% translate "Add a task" %}</a></p>{% endif %}\n'
    "</section>\n"
    "{% endif %}\n"
    "\n"
    "{% if goals or can_edit %}\n"
    '<section aria-labelledby="goals">\n'
    '  <h2 id="goals">{% translate "Goals" %}</h2>\n'
    '  {% if goals %}<ul class="item-list">{{ goal_rows }}</ul>{% endif %}\n'
    '  {% if counts.goal_count > goals|length %}<p class="more-link"><a href="{{ list_urls.goals }}">{{ count_texts.goals_all }}</a></p>{% endif %}\n'
    '  {% if can_edit %}<p class="section-action"><a href="{% url \'programme:goal_create\' programme_slug=programme.slug slug=group.slug %}">{% translate "Add a goal" %}</a></p>{% endif %}\n'
    "</section>\n"
    "{% endif %}\n"
    "\n"
    '<section aria-labelledby="composition">\n'
    '  <h2 id="composition">{% translate "Composition" %}</h2>\n'
    '  {% if can_edit %}<p class="section-action"><a href="{% url \'programme:membership_create\' programme_slug=programme.slug slug=group.slug %}">{% translate "Add a member" %}</a></p>{% endif %}\n'
    "  {% if members %}\n"
    '  <div class="table-wrapper">\n'
    "    <table>\n"
    "      <caption>{% blocktranslate count counter=members|length with group=group.name %}{{ group }}: {{ counter }} member{% plural %}{{ group }}: {{ counter }} members{% endblocktranslate %}</caption>\n"
    '      <thead><tr><th scope="col">{% translate "Member" %}</th><th scope="col">{% translate "Role" %}</th><th scope="col">{% translate "Organisation represented" %}</th><th scope="col">{% translate "Term" %}</th>{% if can_edit %}<th scope="col"><span class="visually-hidden">{% translate "Actions" %}</span></th>{% endif %}</tr></thead>\n'
    "      <tbody>\n"
    "      {{ member_rows }}\n"
    "      </tbody>\n"
    "    </table>\n"
    "  </div>\n"
    "  {% else %}\n"
    '  <p>{% translate "No members have been recorded." %}</p>\n'
    "  {% endif %}\n"
    "</section>\n"
    "\n"
    '<section aria-labelledby="meetings">\n'
    '  <h2 id="meetings">{% translate "Meetings" %}</h2>\n'
    '  {% if can_edit %}<p class="section-action"><a href="{% url \'programme:meeting_create\' programme_slug=programme.slug slug=group.slug %}">{% translate "Add a meeting" %}</a></p>{% endif %}\n'
    '  {% if group.visibility == "public" %}<p><a href="{{ links.ical }}">{% translate "Subscribe to the public meetings (iCal)" %}</a></p>{% endif %}\n'
    '  <p class="muted" id="meeting-count">{{ count_texts.meetings }}{% if counts.upcoming_count %}, {{ count_texts.upcoming }}{% endif %}</p>\n'
    '  <h3>{% translate "Upcoming meetings" %}</h3>\n'
    '  {% if upcoming_meetings %}{{ upcoming_cards }}{% else %}<p>{% translate "No upcoming meetings." %}</p>{% endif %}\n'
    '  <h3>{% translate "Recent past meetings" %}</h3>\n'
    '  {% if past_meetings %}{{ past_cards }}{% else %}<p>{% translate "No past meetings." %}</p>{% endif %}\n'
    '  {% if counts.meeting_count %}<p class="more-link"><a href="{{ list_urls.meetings }}">{{ count_texts.meetings_all }}</a></p>{% endif %}\n'
    "</section>\n"
    "\n"
    '<section aria-labelledby="milestones">\n'
    '  <h2 id="milestones">{% translate "Milestones" %}</h2>\n'
    '  {% if can_edit %}<p class="section-action"><a href="{% url \'programme:milestone_create\' programme_slug=programme.slug slug=group.slug %}">{% translate "Add a milestone" %}</a></p>{% endif %}\n'
    '  {% if counts.milestone_count %}<p class="muted">{{ count_texts.milestones }}, {{ count_texts.open_milestones }}</p>{% endif %}\n'
    "  {% if milestones %}\n"
    '  <div class="table-wrapper">\n'
    "    <table>\n"
    "      <caption>{% blocktranslate with group=group.name %}Next open milestones and deadlines of {{ group }}{% endblocktranslate %}</caption>\n"
    '      <thead><tr><th scope="col">{% translate "Milestone" %}</th><th scope="col">{% translate "Due date" %}</th><th scope="col">{% translate "Status" %}</th>{% if can_edit %}<th scope="col"><span class="visually-hidden">{% translate "Actions" %}</span></th>{% endif %}</tr></thead>\n'
    "      <tbody>\n"
    "      {{ milestone_rows }}\n"
    "      </tbody>\n"
    "    </table>\n"
    "  </div>\n"
    "  {% elif counts.milestone_count %}\n"
    '  <p>{% translate "No open milestones." %}</p>\n'
    "  {% else %}\n"
    '  <p>{% translate "No milestones have been published." %}</p>\n'
    "  {% endif %}\n"
    '  {% if counts.milestone_count %}<p class="more-link"><a href="{{ links.timeline }}?group={{ group.slug }}&amp;kind=milestone">{% translate "All milestones of the group on the timeline" %}</a></p>{% endif %}\n'
    "</section>\n"
    "\n"
    '<section aria-labelledby="memos">\n'
    '  <h2 id="memos">{% translate "Memos and decisions" %}</h2>\n'
    '  {% if can_edit %}<p class="section-action"><a href="{% url \'programme:memo_create\' programme_slug=programme.slug slug=group.slug %}">{% translate "Add a memo" %}</a></p>{% endif %}\n'
    '  {% if counts.memo_count %}<p class="muted">{{ count_texts.memos }}</p>{% endif %}\n'
    "  {% if memos %}{{ memo_cards }}{% else %}\n"
    '  <p>{% translate "No memos have been published." %}</p>\n'
    "  {% endif %}\n"
    '  {% if counts.memo_count > memos|length %}<p class="more-link"><a href="{{ list_urls.memos }}">{{ count_texts.memos_all }}</a></p>{% endif %}\n'
    "</section>\n"
    "\n"
)
PAGE_END_TEMPLATE = "{% load i18n %}" + (
    '<section aria-labelledby="group-discussions">\n'
    '  <h2 id="group-discussions">{% translate "Discussions" %}</h2>\n'
    '  <p><a href="{{ links.discussions }}">{% translate "The group\'s discussion threads" %}</a></p>\n'
    "</section>\n"
    '<section aria-labelledby="group-questions">\n'
    '  <h2 id="group-questions">{% translate "Questions" %}</h2>\n'
    '  <p><a href="{{ links.ask }}?group={{ group.pk }}">{% translate "Ask this group a question" %}</a></p>\n'
    "</section>\n"
)


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
@pytest.mark.parametrize("who", ["anonymous", "secretary"])
@pytest.mark.parametrize("filled", [False, True])
def test_group_sections_are_the_template_html(client, people, group, language, who, filled):
    if filled:
        group.mandate_sv = "Gruppen *leder*."
        group.name_en = "Group <&> name"
        group.save()
        now = timezone.now()
        for i in range(12):
            GroupTaskFactory(group=group, title=f"Tehtävä {i} <&>", order=i)
        GroupGoalFactory(group=group, title="Tavoite", description="*Kuvaus*")
        for days in (-3, -2, 2, 3):
            MeetingFactory(group=group, starts_at=now + datetime.timedelta(days=days))
        for i in range(7):
            MemoFactory(group=group, published_at=now - datetime.timedelta(days=i + 1))
        MilestoneFactory(group=group, status="done")
        MilestoneFactory(group=group, due_on=timezone.localdate() - datetime.timedelta(days=3))
    else:
        group.mandate = ""
        # Not public for a signed-in viewer (no iCal link); anonymous visitors see it public.
        group.visibility = Visibility.PUBLIC if who == "anonymous" else Visibility.STAFF
        group.save()
        MilestoneFactory(group=group, status="done")
    if who != "anonymous":
        client.force_login(people[who])
    url = f"/{language}/programmes/{group.programme.slug}/groups/{group.slug}/"
    response = client.get(url)
    context = next(c for c in response.context if "sections" in c).flatten()
    with translation.override(language):
        engine = engines["django"]
        assert context["sections"] == engine.from_string(SECTIONS_TEMPLATE).render(context)
        assert context["page_end"] == engine.from_string(PAGE_END_TEMPLATE).render(context)
