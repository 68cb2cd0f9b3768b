"""The discussions panel on a signed-in person's front page (``kaiku.core.home``): the
liveliest discussions the person may see, theirs first. A fixed number of queries."""

from __future__ import annotations

from django.db.models import Case, When
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from kaiku.core.home import HomePanel, Panel, register
from kaiku.core.translations import translated_columns
from kaiku.programme.models import WorkingGroup

from . import selectors
from .models import Discussion


def active_discussions(*, viewer, limit: int) -> list[Discussion]:
    """The discussions the viewer may see, their own first, then the liveliest, with the
    columns the panel shows: the title, the comment count and the group's name (one
    query)."""
    rows = (
        Discussion.objects.filter(selectors.discussion_q(viewer))
        .select_related("group")
        .only(
            "pk",
            "title",
            "group__name",
            *(f"group__{column}" for column in translated_columns(WorkingGroup, "name")),
        )
        .annotate(comment_count=selectors.comment_count())
        .order_by(Case(When(author_id=viewer.pk, then=0), default=1), "-last_activity_at", "-pk")
    )
    return list(rows[:limit])


def discussions_panel(request: HttpRequest) -> Panel:
    return Panel(
        title=_("Discussions"),
        template="discussions/home/_discussions.html",
        context={"discussions": active_discussions(viewer=request.user, limit=5)},
    )


def register_home() -> None:
    register(HomePanel("discussions", discussions_panel, order=58))
