# ruff: noqa: E501 - the reference templates are kept line for line as they were
"""The rows of the group page's lists and tables written in Python (kaiku/programme/cards.py)
are the HTML of the template loops they replaced, in every language and row state."""

from __future__ import annotations

import datetime

import pytest
from django.template import engines
from django.utils import timezone, translation

from kaiku.core.content import Visibility
from kaiku.core.paging import TOTAL
from kaiku.programme import cards, selectors
from kaiku.programme.models import GroupGoal, GroupTask, Membership, Milestone

from .factories import (
    GroupGoalFactory,
    GroupTaskFactory,
    MembershipFactory,
    MilestoneFactory,
    OrganisationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

# The loops of programme/group_detail.html as they were before the rows were written in Python.
TASKS = '{% load i18n translated %}{% for task in tasks %}<li>{% translated task "title" %}{% if can_edit %} <a href="{% url \'programme:task_update\' programme_slug=programme.slug slug=group.slug pk=task.pk %}">{% translate "Edit" %}<span class="visually-hidden">: {{ task.title }}</span></a>{% endif %}{% translated_markdown task "description" "prose muted" %}</li>{% endfor %}'
GOALS = '{% load i18n translated %}{% for goal in goals %}<li>{% translated goal "title" %}{% if can_edit %} <a href="{% url \'programme:goal_update\' programme_slug=programme.slug slug=group.slug pk=goal.pk %}">{% translate "Edit" %}<span class="visually-hidden">: {{ goal.title }}</span></a>{% endif %}{% translated_markdown goal "description" "prose muted" %}</li>{% endfor %}'
MEMBERS = (
    "{% load i18n %}{% for membership in members %}\n"
    "        <tr>\n"
    '          <th scope="row">{{ membership.person.display_name }}</th>\n'
    "          <td>{{ membership.get_role_display }}</td>\n"
    '          <td>{% if membership.represents %}<a href="{{ membership.represents.get_absolute_url }}">{{ membership.represents.name }}</a>{% endif %}</td>\n'
    '          <td>{% include "programme/includes/_period.html" with start=membership.term_start end=membership.term_end %}</td>\n'
    '          {% if can_edit %}<td><a href="{% url \'programme:membership_update\' programme_slug=programme.slug slug=group.slug pk=membership.pk %}">{% translate "Edit" %}<span class="visually-hidden">: {{ membership.person.display_name }}</span></a></td>{% endif %}\n'
    "        </tr>\n"
    "      {% endfor %}"
)
MILESTONES = (
    "{% load i18n kaiku translated %}{% for milestone in milestones %}\n"
    '        <tr id="milestone-{{ milestone.pk }}"{% if milestone.is_overdue %} class="is-overdue"{% endif %}>\n'
    '          <th scope="row">{% translated milestone "title" %} {% if milestone.visibility != "public" %}{% visibility_badge milestone %}{% endif %}</th>\n'
    '          <td><time datetime="{{ milestone.due_on|date:\'Y-m-d\' }}">{{ milestone.due_on|date:"j.n.Y" }}</time></td>\n'
    '          <td>{{ milestone.get_status_display }}{% if milestone.is_overdue and milestone.status != "late" %} <strong class="badge">⚠ {% translate "Overdue" %}</strong>{% endif %}</td>\n'
    '          {% if can_edit %}<td><a href="{% url \'programme:milestone_update\' programme_slug=programme.slug slug=group.slug pk=milestone.pk %}">{% translate "Edit" %}<span class="visually-hidden">: {{ milestone.title }}</span></a></td>{% endif %}\n'
    "        </tr>\n"
    "      {% endfor %}"
)


def _render(template, **context):
    return engines["django"].from_string(template).render(context)


@pytest.fixture
def items(group):
    for factory in (GroupTaskFactory, GroupGoalFactory):
        factory(
            group=group,
            title="Tehtävä & <b>",
            title_sv="Uppgift <1>",
            description="**Kuvaus** & <i>x</i>",
            description_en="In English",
        )
        factory(group=group, title="Vain suomeksi", description="")
        factory(
            group=group,
            title="Ilman kuvausta",
            title_en="No & description",
            description="",
            order=5,
        )
    tasks = list(GroupTask.objects.filter(group=group).order_by("order", "pk"))
    goals = list(GroupGoal.objects.filter(group=group).order_by("order", "pk"))
    return tasks, goals


@pytest.fixture
def members(group):
    organisation = OrganisationFactory(name_fi="Järjestö & <co>", name_sv="Organisation <sv>")
    today = timezone.localdate()
    MembershipFactory(
        group=group,
        person=UserFactory(full_name="Aino <Puheenjohtaja>"),
        role="chair",
        represents=organisation,
    )
    MembershipFactory(
        group=group,
        person=UserFactory(full_name=""),
        role="member",
        represents=None,
        term_start=None,
    )
    MembershipFactory(
        group=group,
        person=UserFactory(full_name="Eino Loppu"),
        role="deputy",
        term_start=None,
        term_end=today + datetime.timedelta(days=9),
    )
    MembershipFactory(
        group=group,
        person=UserFactory(full_name="Kalle Kausi"),
        role="expert",
        term_start=datetime.date(2021, 1, 5),
        term_end=datetime.date(2031, 12, 31),
    )
    removed = UserFactory(full_name="Poistettu Henkilö")
    removed.removed_at = timezone.now()
    removed.save()
    MembershipFactory(group=group, person=removed, role="secretary")
    return list(
        Membership.objects.filter(group=group).select_related("person", "represents").order_by("pk")
    )


@pytest.fixture
def milestones(group):
    today = timezone.localdate()
    MilestoneFactory(
        group=group,
        title="Tuleva & <x>",
        title_sv="Kommande",
        due_on=today + datetime.timedelta(days=5),
    )
    MilestoneFactory(
        group=group,
        title="Myöhässä",
        due_on=today - datetime.timedelta(days=5),
        status="in_progress",
        visibility=Visibility.STAFF,
    )
    MilestoneFactory(
        group=group,
        title="Myöhästynyt",
        title_en="Late one",
        due_on=today - datetime.timedelta(days=1),
        status="late",
        visibility=Visibility.MEMBERS,
    )
    MilestoneFactory(
        group=group,
        title="Merkitty myöhäiseksi",
        due_on=today + datetime.timedelta(days=100),
        status="late",
    )
    MilestoneFactory(
        group=group, title="Valmis", due_on=today - datetime.timedelta(days=50), status="done"
    )
    MilestoneFactory(group=group, title="Tänään", due_on=today, status="planned")
    return list(Milestone.objects.filter(group=group).order_by("pk"))


def _slugs(group):
    return {"programme_slug": group.programme.slug, "group_slug": group.slug}


def _context(group, can_edit):
    return {"can_edit": can_edit, "programme": group.programme, "group": group}


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
@pytest.mark.parametrize("can_edit", [False, True])
def test_task_and_goal_rows_are_the_loop_html(group, items, language, can_edit):
    tasks, goals = items
    # A row saved without save() (bulk loads) has no HTML yet: rendered on the page.
    GroupGoal.objects.filter(pk=goals[0].pk).update(description_html_fi="")
    goals[0].description_html_fi = ""
    # The page reads the rows as values() of these columns (and each list's count).
    columns = [c for c in selectors.item_row_columns() if c != TOTAL]
    with translation.override(language):
        for model, viewname, rows, template, name in (
            (GroupTask, "programme:task_update", tasks, TASKS, "tasks"),
            (GroupGoal, "programme:goal_update", goals, GOALS, "goals"),
        ):
            values = list(
                model.objects.filter(group=group).order_by("order", "pk").values(*columns)
            )
            written = cards.item_rows(
                values, model=model, viewname=viewname, can_edit=can_edit, **_slugs(group)
            )
            assert written == _render(template, **{name: rows}, **_context(group, can_edit))


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
@pytest.mark.parametrize("can_edit", [False, True])
def test_member_rows_are_the_loop_html(group, members, language, can_edit):
    # The page reads the seats as values() rows of these columns.
    rows = list(
        Membership.objects.filter(group=group).order_by("pk").values(*selectors._member_columns())
    )
    with translation.override(language):
        written = cards.member_rows(rows, can_edit=can_edit, **_slugs(group))
        assert written == _render(MEMBERS, members=members, **_context(group, can_edit))
    assert written.count("<tr>") == 5


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
@pytest.mark.parametrize("can_edit", [False, True])
def test_milestone_rows_are_the_loop_html(group, milestones, language, can_edit):
    # The page reads the milestones as values() rows of these columns.
    rows = list(
        Milestone.objects.filter(group=group).order_by("pk").values(*selectors._milestone_columns())
    )
    with translation.override(language):
        written = cards.milestone_rows(rows, can_edit=can_edit, **_slugs(group))
        assert written == _render(MILESTONES, milestones=milestones, **_context(group, can_edit))
    assert written.count('class="is-overdue"') == 3


# timeline.html's loop over a month's items, before it was written in Python.
TIMELINE_MONTH = (
    '{% load i18n %}{% for entry in month.items %}{% if entry == "today" %}\n'
    '      <li class="timeline-today" id="today" aria-current="date"><span class="timeline-today__label">{% translate "Today" %} <time datetime="{{ today|date:\'Y-m-d\' }}">{{ today|date:"j.n.Y" }}</time></span></li>\n'
    "    {% else %}\n"
    '      <li class="timeline-item">{{ entry.marker }}</li>\n'
    "    {% endif %}{% endfor %}"
)


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
@pytest.mark.parametrize("today_at", [None, 0, 1, 2])
def test_timeline_month_items_are_the_loop_html(language, today_at):
    from kaiku.programme import timeline

    today = datetime.date(2026, 3, 4)

    def entry(**kwargs):
        values = {
            "kind": "meeting",
            "kind_label": "Kokous",
            "title": "Kokous & <1>",
            "title_language": None,
            "day": datetime.date(2026, 3, 2),
            "day_text": "2.3.2026",
            "time_text": "09:00",
            "status": "planned",
            "status_label": "Suunniteltu",
            "overdue": False,
            "group_name": "Ryhmä <A>",
            "group_language": "sv",
            "title_names_group": False,
            "url": "/fi/x/?a=1&b=2#meeting-1",
        }
        return timeline.Entry(**{**values, **kwargs})

    items = [
        entry(),
        entry(
            kind="milestone",
            title="Late",
            title_language="en",
            day=datetime.date(2026, 3, 9),
            time_text="",
            status="in_progress",
            overdue=True,
            title_names_group=True,
        ),
    ]
    with translation.override(language):
        for month in timeline.months(items, today=today, today_at=today_at):
            expected = _render(TIMELINE_MONTH, month=month, today=today)
            assert month.items_html == expected


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_timeline_month_heading_is_the_filters_text(language):
    from kaiku.programme import timeline

    with translation.override(language):
        for number in range(1, 13):
            month = timeline.Month(datetime.date(2026, number, 1), [])
            expected = _render('{{ first|date:"F Y"|capfirst }}', first=month.first)
            assert _render("{{ month.heading }}", month=month) == expected


# The loop of programme/programme_detail.html as it was before the cards were written in Python.
GROUP_CARDS = (
    "{% load i18n kaiku translated %}  {% for group in groups %}\n"
    '  <li class="card">\n'
    '    <h3><a href="{{ group.get_absolute_url }}">{% translated group "name" %}</a></h3>\n'
    '    {% if group.parent and group.parent_visible %}<p class="muted">{% blocktranslate with parent=group.parent.name %}Sub-group of {{ parent }}{% endblocktranslate %}</p>{% endif %}\n'
    '    {% if group.visibility != "public" %}<p>{% visibility_badge group %}</p>{% endif %}\n'
    "  </li>\n"
    "  {% endfor %}"
)


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_group_cards_are_the_loop_html(language):
    from django.contrib.auth.models import AnonymousUser

    from kaiku.programme.selectors import programme_groups

    from .factories import ProgrammeFactory, WorkingGroupFactory

    programme = ProgrammeFactory()
    parent = WorkingGroupFactory(programme=programme, name="Ohjaus <&> ryhmä")
    hidden = WorkingGroupFactory(programme=programme, visibility=Visibility.MEMBERS)
    WorkingGroupFactory(programme=programme, parent=parent, name="Ala & ryhmä")
    WorkingGroupFactory(programme=programme, parent=hidden, name="Piilon alla")
    WorkingGroupFactory(programme=programme, visibility=Visibility.STAFF, name="Henkilöstö")
    WorkingGroupFactory(
        programme=programme, name="Vain ruotsiksi", name_fi="", name_sv="Bara <svenska>"
    )
    member = UserFactory()
    MembershipFactory(group=hidden, person=member)
    with translation.override(language):
        for viewer, seen in ((AnonymousUser(), 4), (UserFactory(), 5), (member, 6)):
            groups = programme_groups(viewer=viewer, programme=programme)
            expected = _render(GROUP_CARDS, groups=groups)
            assert len(groups) == seen
            assert cards.group_cards(groups) == expected.removeprefix("  ")
