# ruff: noqa: E501 - the reference template is kept line for line as it was
"""The group page written in Python (cards.py: its sections, head links, heading line,
editor's menu and drafts, documents and aside) is the HTML its template wrote, for every
kind of viewer, in every language, with documents, drafts, sub-groups and an archived group."""

from __future__ import annotations

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.template import engines

from kaiku.core.content import Visibility
from kaiku.discussions.models import Comment
from kaiku.programme.models import GroupDocument, WorkingGroup

from .factories import (
    GroupGoalFactory,
    GroupTaskFactory,
    MeetingFactory,
    MembershipFactory,
    MemoFactory,
    MilestoneFactory,
    UserFactory,
    WorkingGroupFactory,
)

pytestmark = pytest.mark.django_db

# group_detail.html as it was before its parts were written in Python (cards.py).
OLD_TEMPLATE = "\n".join(
    [
        '{% extends "base.html" %}{% load i18n kaiku translated discussions %}',
        "{% block title %}{{ group.name }}{% endblock %}",
        '{% block head %}{% if group.visibility == "public" %}',
        '<link rel="alternate" type="application/rss+xml" title="{% blocktranslate with name=group.name %}News: {{ name }} (RSS){% endblocktranslate %}" href="{{ links.rss }}">',
        '<link rel="alternate" type="application/atom+xml" title="{% blocktranslate with name=group.name %}News: {{ name }} (Atom){% endblocktranslate %}" href="{{ links.atom }}">',
        '<link rel="alternate" type="text/calendar" title="{% blocktranslate with name=group.name %}Meetings: {{ name }} (iCal){% endblocktranslate %}" href="{{ links.ical }}">',
        "{% endif %}{% endblock %}",
        "{% block breadcrumbs %}{{ breadcrumbs }}{% endblock %}",
        "{% block content %}",
        '<h1>{% translated group "name" %}</h1>',
        '{% include "notifications/includes/_follow_button.html" with target=group %}',
        '<p class="muted">{% translated programme "name" %}{% if group.parent_visible and group.parent %} · {% blocktranslate with parent=group.parent.name %}Sub-group of {{ parent }}{% endblocktranslate %}{% endif %}',
        "{% visibility_badge group %}</p>",
        '{% if group.archived_at %}<p class="notice"><span class="badge badge--archived">{% translate "Archived" %}</span> {% translate "This group has finished its work: its page is kept for reference." %}</p>{% endif %}',
        "",
        "{% if can_edit %}",
        '<details class="edit-menu">',
        '  <summary class="button">{% translate "Edit group" %}</summary>',
        "  <nav aria-label=\"{% translate 'Maintain the group' %}\">",
        '    <ul class="edit-menu__list">',
        '      <li><a href="{% url \'programme:group_update\' programme_slug=programme.slug slug=group.slug %}">{% translate "Edit the mandate, visibility and contact persons" %}</a></li>',
        '      <li>{% translate "Tasks" %}: <a href="{% url \'programme:task_create\' programme_slug=programme.slug slug=group.slug %}">{% translate "Add a task" %}</a></li>',
        '      <li>{% translate "Goals" %}: <a href="{% url \'programme:goal_create\' programme_slug=programme.slug slug=group.slug %}">{% translate "Add a goal" %}</a></li>',
        '      <li>{% translate "Composition" %}: <a href="{% url \'programme:membership_create\' programme_slug=programme.slug slug=group.slug %}">{% translate "Add a member" %}</a></li>',
        '      <li>{% translate "Meetings" %}: <a href="{% url \'programme:meeting_create\' programme_slug=programme.slug slug=group.slug %}">{% translate "Add a meeting" %}</a></li>',
        '      <li>{% translate "Milestones" %}: <a href="{% url \'programme:milestone_create\' programme_slug=programme.slug slug=group.slug %}">{% translate "Add a milestone" %}</a></li>',
        '      <li>{% translate "Memos and decisions" %}: <a href="{% url \'programme:memo_create\' programme_slug=programme.slug slug=group.slug %}">{% translate "Add a memo" %}</a></li>',
        '      <li>{% translate "Documents" %}: <a href="{% url \'programme:document_upload\' programme_slug=programme.slug slug=group.slug %}">{% translate "Add a document" %}</a></li>',
        "    </ul>",
        "  </nav>",
        '  <div class="danger-zone">',
        '    <form method="post" action="{% url \'programme:group_archive\' programme_slug=programme.slug slug=group.slug %}">',
        '      {% csrf_token %}<input type="hidden" name="archive" value="{% if group.archived_at %}0{% else %}1{% endif %}">',
        '      <button type="submit" class="button--secondary">{% if group.archived_at %}{% translate "Take the group out of the archive" %}{% else %}{% translate "Archive the group" %}{% endif %}</button>',
        "    </form>",
        '    <a class="button button--danger" href="{% url \'programme:group_delete\' programme_slug=programme.slug slug=group.slug %}">{% translate "Delete the group" %}</a>',
        "  </div>",
        "</details>",
        "  {% if draft_memos %}",
        '  <h2 id="drafts">{% translate "Memo drafts" %}</h2>',
        "  <ul>",
        "    {% for memo in draft_memos %}",
        '    <li>{% translated memo "title" %}{% if memo.published_at %} <span class="muted">({% blocktranslate with date=memo.published_at|date:"j.n.Y H:i" %}to be published {{ date }}{% endblocktranslate %})</span>{% endif %}',
        '      <a href="{% url \'programme:memo_update\' programme_slug=programme.slug slug=group.slug pk=memo.pk %}">{% translate "Edit" %}<span class="visually-hidden">: {{ memo.title }}</span></a>',
        '      <form method="post" action="{% url \'programme:memo_publish\' programme_slug=programme.slug slug=group.slug pk=memo.pk %}" class="inline-form">{% csrf_token %}<button type="submit" class="button button--small">{% translate "Publish" %}<span class="visually-hidden">: {{ memo.title }}</span></button></form></li>',
        "    {% endfor %}",
        "  </ul>",
        "  {% endif %}",
        "{% endif %}",
        "",
        '{{ sections }}<section aria-labelledby="documents">',
        '  <h2 id="documents">{% translate "Documents" %}</h2>',
        '  {% if can_edit %}<p class="section-action"><a href="{% url \'programme:document_upload\' programme_slug=programme.slug slug=group.slug %}">{% translate "Add a document" %}</a></p>{% endif %}',
        "  {% if documents %}",
        '  <div class="table-wrapper">',
        "    <table>",
        "      <caption>{% blocktranslate with group=group.name %}Documents of {{ group }}{% endblocktranslate %}</caption>",
        '      <thead><tr><th scope="col">{% translate "Document" %}</th><th scope="col">{% translate "Type" %}</th><th scope="col">{% translate "Size" %}</th><th scope="col">{% translate "Added" %}</th>{% if can_edit %}<th scope="col"><span class="visually-hidden">{% translate "Actions" %}</span></th>{% endif %}</tr></thead>',
        "      <tbody>",
        "      {% for document in documents %}",
        '        <tr id="document-{{ document.pk }}">',
        '          <th scope="row"><a href="{% url \'programme:document_download\' programme_slug=programme.slug slug=group.slug pk=document.pk %}">{{ document.title }}</a> {% if document.visibility != "public" %}{% visibility_badge document %}{% endif %}</th>',
        "          <td>{{ document.extension }}</td>",
        "          <td>{{ document.size|filesizeformat }}</td>",
        '          <td><time datetime="{{ document.created|date:\'c\' }}">{{ document.created|date:"j.n.Y" }}</time></td>',
        '          {% if can_edit %}<td><form method="post" action="{% url \'programme:document_remove\' programme_slug=programme.slug slug=group.slug pk=document.pk %}" class="inline-form">{% csrf_token %}<button type="submit" class="button button--small button--danger">{% translate "Remove" %}<span class="visually-hidden">: {{ document.title }}</span></button></form></td>{% endif %}',
        "        </tr>",
        "      {% endfor %}",
        "      </tbody>",
        "    </table>",
        "  </div>",
        "  {% else %}",
        '  <p>{% translate "No documents have been published." %}</p>',
        "  {% endif %}",
        "</section>",
        "</div>",
        "",
        '<aside aria-labelledby="contacts">',
        '  <h2 id="contacts">{% translate "Contact persons" %}</h2>',
        "  {% with contacts=contacts %}",
        "  {% if contacts %}",
        '  <ul>{% for person in contacts %}<li>{{ person.display_name }}{% if person.title %}, <span class="muted">{{ person.title }}</span>{% endif %}{% if not person.removed_at %}<br><a href="mailto:{{ person.email }}">{{ person.email }}</a>{% endif %}</li>{% endfor %}</ul>',
        "  {% else %}",
        '  <p>{% translate "No contact persons have been named." %}</p>',
        "  {% endif %}",
        "  {% endwith %}",
        "  {% if sub_groups %}",
        '  <h2 id="sub-groups">{% translate "Sub-groups" %}</h2>',
        '  <ul>{% for child in sub_groups %}<li><a href="{{ child.get_absolute_url }}">{% translated child "name" %}</a></li>{% endfor %}</ul>',
        "  {% endif %}",
        "</aside>",
        "</div>",
        "{{ page_end }}{% comments group %}",
        "{% endblock %}",
        "",
    ]
)

T0 = datetime.datetime(2026, 6, 1, 9, 0, tzinfo=datetime.UTC)

# Each rendering masks the CSRF token afresh, and each comment form has its own token.
_TOKENS = re.compile(r'name="(csrfmiddlewaretoken|form_token)" value="[^"]+"')


def _same_tokens(html: str) -> str:
    return _TOKENS.sub(r'name="\1" value=""', html)


@pytest.fixture
def busy_group(group, people, settings):
    settings.KAIKU_PAGE_CACHE_ENABLED = False
    group.mandate, group.mandate_sv = "Ryhmä **valmistelee** <b>muutoksen</b>.", "Gruppen."
    group.save()
    WorkingGroupFactory(programme=group.programme, parent=group, name="Alaryhmä", slug="ala")
    WorkingGroupFactory(
        programme=group.programme, parent=group, name="Suljettu", slug="sul",
        visibility=Visibility.MEMBERS,
    )  # fmt: skip
    visibilities = [Visibility.PUBLIC, Visibility.MEMBERS, Visibility.STAFF]
    for i in range(12):
        starts = T0 + datetime.timedelta(days=30 * (i - 6))
        meeting = MeetingFactory(
            group=group, title=f"Kokous {i} & <x>", starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=2) if i % 2 else None,
            visibility=visibilities[i % 3], online_url="https://e.org/?a=1&b=2" if i % 4 == 0 else "",
            location="" if i % 5 == 0 else "Sali",
        )  # fmt: skip
        if i < 8:
            MemoFactory(
                group=group, meeting=meeting if i % 2 else None, title=f"Muistio {i}",
                title_sv=f"Promemoria {i}" if i % 3 else "",
                published_at=T0 - datetime.timedelta(days=10 * (8 - i)),
                visibility=visibilities[i % 2], decisions="" if i == 3 else "Päätös",
            )  # fmt: skip
    MemoFactory(group=group, title="Luonnos & <x>", published_at=None)
    MemoFactory(group=group, title="Ajastettu", published_at=T0 + datetime.timedelta(days=9999))
    statuses = ["planned", "done", "late", "planned", "done", "in_progress", "planned"]
    for i, status in enumerate(statuses):
        MilestoneFactory(
            group=group, title=f"Vp {i}", due_on=datetime.date(2025 + i % 3, 1 + i, 1),
            status=status, visibility=visibilities[i % 2],
        )  # fmt: skip
    for i in range(6):
        GroupTaskFactory(group=group, title=f"Tehtävä {i}", order=i, description="*x*" * (i % 2))
        GroupGoalFactory(group=group, title=f"Tavoite {i}", order=i)
    for i, visibility in enumerate(visibilities):
        document = GroupDocument(
            group=group, title=f"Asiakirja {i} <&>", original_name=f"a{i}.pdf",
            content_type="application/pdf", size=1234 * 10**i, visibility=visibility,
        )  # fmt: skip
        document.file.save(f"a{i}.pdf", ContentFile(b"%PDF-1.4"), save=False)
        document.save()
    removed = UserFactory(full_name="Poistettu Henkilö", email="poistettu@example.fi")
    get_user_model().objects.filter(pk=removed.pk).update(removed_at=T0)
    MembershipFactory(group=group, person=removed, role="expert", represents=None)
    nameless = UserFactory(full_name="", email="nimeton@example.fi")
    MembershipFactory(
        group=group, person=nameless, role="chair",
        represents__name="Virasto & <Oy>", represents__name_sv="Ämbetsverk",
    )  # fmt: skip
    group.contact_persons.add(people["secretary"], removed, nameless)
    target = ContentType.objects.get_for_model(WorkingGroup)
    first = Comment.objects.create(
        content_type=target, object_id=group.pk, author=people["member"], body="Hyvä **x**"
    )
    Comment.objects.create(
        content_type=target, object_id=group.pk, author=people["secretary"], body="Vastaus",
        parent=first,
    )  # fmt: skip
    return group


def _reference(response) -> str:
    """The page as the old template writes it from the view's context (the contact persons
    as the instances it read them as)."""
    context = response.context[0].flatten()
    group = context["group"]
    context["contacts"] = list(group.contact_persons.all())
    template = engines["django"].from_string(OLD_TEMPLATE)
    return template.render(context, response.wsgi_request)


@pytest.mark.parametrize("archived", [False, True])
def test_group_page_is_the_template_html(client, people, busy_group, archived):
    if archived:
        WorkingGroup.objects.filter(pk=busy_group.pk).update(archived_at=T0)
    for who in ("anonymous", "member", "secretary", "staff", "admin", "other"):
        client.logout()
        if people[who] is not None:
            client.force_login(people[who])
        editor = who in ("secretary", "admin")
        for language in ("fi", "sv", "en"):
            path = busy_group.get_absolute_url().replace("/fi/", f"/{language}/", 1)
            response = client.get(path)
            assert response.status_code == 200
            html = response.content.decode()
            assert _same_tokens(html) == _same_tokens(_reference(response)), (who, language)
            assert ('class="edit-menu"' in html) is editor
            assert ("Luonnos &amp; &lt;x&gt;" in html) is editor
