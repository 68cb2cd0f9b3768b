"""The question list's rows, written in Python.

A page of the list shows 20 questions and a filter of about 240 working groups. Rendering
each row through template variables, filters and a plural ``blocktranslate``, and each group
option through a template loop, took about a third of the page's uncached CPU at bench
scale. The rows come from ``selectors.listed_questions`` (plain values, no model instances)
and are written here with ``format_html``: the same HTML the template gave
(``tests/test_listing.py`` holds the markup). The group options are written by
``kaiku.core.widgets.options_html``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.utils.formats import localize
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import gettext, ngettext

from .selectors import ListedQuestion


def _votes(count: int) -> str:
    # What {% blocktranslate count counter=... %} gives (the count localised, then escaped).
    return ngettext(
        "%(counter)s person has this question too",
        "%(counter)s people have this question too",
        count,
    ) % {"counter": conditional_escape(localize(count))}


def list_rows(questions: Sequence[ListedQuestion], voted: Iterable[int]) -> SafeString:
    """The ``<li>`` of each question, as the list's ``<ul class="card-list">`` holds them;
    ``voted``: the pks of the questions the viewer has too."""
    voted = set(voted)
    staff_badge = format_html(
        '<span class="badge badge--staff">{}</span>', gettext("Signed-in people only")
    )
    voted_note = format_html("· <span>{}</span>", gettext("You have this question too"))
    votes: dict[int, str] = {}
    parts: list[str] = []
    for question in questions:
        created = template_localtime(question.created)
        count = question.vote_count
        if count not in votes:
            votes[count] = _votes(count)
        parts.append(
            format_html(
                '<li class="card question-item">\n'
                '  <h2 class="card__title"><a href="{}">{}</a></h2>\n'
                '  <p class="question-item__meta">\n'
                '    <span class="badge question-status question-status--{}">{}</span>\n'
                "\n"
                "    {}\n"
                "    <span>{}</span>\n"
                "    {}\n"
                "    {}\n"
                '    · <time datetime="{}">{}</time>\n'
                "    {}\n"
                "  </p>\n"
                "</li>\n",
                question.url,
                question.title,
                question.status,
                question.status_label,
                staff_badge if question.staff_only else "",
                mark_safe(votes[count]),  # noqa: S308 - the count escaped
                format_html("· <span>{}</span>", question.group_name)
                if question.group_name is not None
                else "",
                format_html("· <span>{}</span>", question.topic_name)
                if question.topic_name is not None
                else "",
                created.isoformat(),  # the date filter's "c"
                f"{created.day}.{created.month}.{created.year}",  # and its "j.n.Y"
                voted_note if question.pk in voted else "",
            )
        )
    return mark_safe("".join(parts))  # noqa: S308 - every part built with format_html
