"""The discussions panel on a signed-in person's front page (``kaiku.core.home``): the
liveliest discussions the person may see, theirs first. One kept query
(``kaiku.core.prepared``), its rows written in Python."""

from __future__ import annotations

from django.db.models import Case, QuerySet, When
from django.http import HttpRequest
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from kaiku.core.home import HomePanel, Panel, register
from kaiku.core.links import reverse_cached
from kaiku.core.prepared import for_viewer
from kaiku.core.translations import pick_value, translated_columns
from kaiku.programme.models import WorkingGroup

from . import selectors
from .models import Discussion


def _active(viewer, *, limit: int) -> QuerySet:
    # active_discussions' read, kept per viewer's role set (the viewer's id a value).
    return (
        Discussion.objects.filter(selectors.discussion_q(viewer))
        .annotate(comment_count=selectors.comment_count())
        .order_by(Case(When(author_id=viewer.pk, then=0), default=1), "-last_activity_at", "-pk")
        .values(
            "pk",
            "title",
            "comment_count",
            "group_id",
            *(f"group__{column}" for column in translated_columns(WorkingGroup, "name")),
        )[:limit]
    )


def active_discussions(*, viewer, limit: int) -> list[dict]:
    """The discussions the viewer may see, their own first, then the liveliest, with what
    the panel shows: ``pk``, ``title``, ``comment_count``, ``group_id`` and the group's
    name in every language (``group__name_xx``), as plain values (one kept query)."""
    return for_viewer(viewer, _active, shape={"limit": limit})


def panel_rows(rows: list[dict]) -> SafeString:
    """The panel's ``<li>`` rows, as ``discussions/home/_discussions.html``'s loop wrote
    them: every text escaped."""
    parts = []
    for row in rows:
        count = row["comment_count"]
        # {% blocktranslate count counter=... %}{{ counter }} comment{% plural %}...
        comments = ngettext("%(counter)s comment", "%(counter)s comments", count) % {
            "counter": count
        }
        group = ""
        if row["group_id"] is not None:
            group = f" · {escape(pick_value(row, WorkingGroup, 'name', prefix='group__')[0])}"
        url = escape(reverse_cached("discussions:detail", pk=row["pk"]))
        parts.append(
            f'<li><a href="{url}">{escape(row["title"])}</a>\n'
            f'    <span class="muted">{comments}{group}</span></li>'
        )
    return mark_safe("".join(parts))  # noqa: S308 - every text escaped above


def discussions_panel(request: HttpRequest) -> Panel:
    discussions = active_discussions(viewer=request.user, limit=5)
    return Panel(
        title=_("Discussions"),
        template="discussions/home/_discussions.html",
        context={"discussions": discussions, "rows": panel_rows(discussions)},
    )


def register_home() -> None:
    register(HomePanel("discussions", discussions_panel, order=58))
