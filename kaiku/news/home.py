"""The news panel on a signed-in person's front page (``kaiku.core.home``): news about the
keywords and working groups they follow, the latest news, and "Write news" for the people who
manage news. One kept query (``kaiku.core.prepared``), its rows written in Python."""

from __future__ import annotations

from django.db.models import IntegerField, QuerySet, Value
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import gettext_lazy as _

from kaiku.core.content import OPEN_VISIBILITIES, Visibility
from kaiku.core.home import HomeAction, HomePanel, Panel, register, register_actions
from kaiku.core.links import reverse_cached
from kaiku.core.predicates import is_authenticated
from kaiku.core.prepared import for_viewer
from kaiku.core.translations import pick_value, translated_columns, wrap
from kaiku.notifications.selectors import followed_ids
from kaiku.programme.models import WorkingGroup
from kaiku.programme.selectors import group_visible_q

from .models import Keyword, NewsItem, NewsKind

#: What a row of the panel shows and its order needs.
_COLUMNS = ("pk", "kind", "slug", "pinned", "published_at", *translated_columns(NewsItem, "title"))

#: Which part of the panel's query a row comes from (its ``part`` column).
_FOLLOWED, _LATEST = 0, 1


def _published(viewer, now) -> QuerySet[NewsItem]:
    return NewsItem.objects.published(now=now).visible_to(viewer)


def _followed(viewer, *, limit: int, now, by_keyword: bool) -> QuerySet[NewsItem]:
    """Items with a keyword (``by_keyword``) or else a related (visible) working group that
    the viewer follows: from the keyword or group links. Each a query of its own: an OR of
    the two made PostgreSQL read every published item in time order to test them."""
    if by_keyword:
        links = NewsItem.keywords.through.objects.filter(
            keyword_id__in=followed_ids(user=viewer, model=Keyword)
        )
    else:
        groups = WorkingGroup.objects.filter(
            group_visible_q(viewer), pk__in=followed_ids(user=viewer, model=WorkingGroup)
        )
        links = NewsItem.related_groups.through.objects.filter(
            workinggroup_id__in=groups.values("pk")
        )
    return (
        _published(viewer, now)
        .filter(pk__in=links.values("newsitem_id"))
        .order_by("-published_at", "-pk")[:limit]
    )


def _latest(viewer, *, limit: int, now, visibility: str) -> QuerySet[NewsItem]:
    return (
        _published(viewer, now)
        .filter(visibility=visibility)
        .order_by("-pinned", "-published_at", "-pk")[:limit]
    )


def _part(pks: QuerySet, part: int) -> QuerySet:
    return (
        NewsItem.objects.filter(pk__in=pks.values("pk"))
        .annotate(part=Value(part, output_field=IntegerField()))
        .values(*_COLUMNS, "part")
        .order_by()
    )


def _panel_rows(viewer, *, limit: int, now, followed: bool, visibilities: tuple) -> QuerySet:
    """The rows of every part of the panel in one query (``UNION ALL``): the first ``limit``
    items of followed keywords and of followed groups, and the first ``2 * limit`` items of
    each visibility (enough for ``limit`` of them that are not among the followed ones).
    Each part reads the first rows of its own index (``news_list_idx`` for a visibility):
    one query over both visibilities made SQLite sort every published item (~130 ms for
    20,000 news)."""
    parts = [
        _part(_latest(viewer, limit=2 * limit, now=now, visibility=visibility), _LATEST)
        for visibility in visibilities
    ]
    if followed:
        parts += [
            _part(_followed(viewer, limit=limit, now=now, by_keyword=by_keyword), _FOLLOWED)
            for by_keyword in (True, False)
        ]
    return parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]


def home_news(*, viewer, limit: int = 5) -> dict:
    """A person's front page, with the columns the panel shows (no bodies, no programme), as
    ``values()`` rows (``_COLUMNS``): ``followed`` (published items with a keyword or a
    related group that the viewer follows and may see, newest first) and ``latest`` (the
    newest other items, pinned first). One kept query (per role set)."""
    signed_in = is_authenticated(viewer)
    visibilities = tuple(value for value, _label in OPEN_VISIBILITIES)
    if not signed_in:
        visibilities = (Visibility.PUBLIC.value,)
    rows = for_viewer(
        viewer,
        _panel_rows,
        shape={"limit": limit, "followed": signed_in, "visibilities": visibilities},
        now=timezone.now(),
    )
    followed = list({row["pk"]: row for row in rows if row["part"] == _FOLLOWED}.values())
    followed.sort(key=lambda row: (row["published_at"], row["pk"]), reverse=True)
    followed = followed[:limit]
    shown = {row["pk"] for row in followed}
    latest = [row for row in rows if row["part"] == _LATEST and row["pk"] not in shown]
    latest.sort(key=lambda row: (row["pinned"], row["published_at"], row["pk"]), reverse=True)
    return {"followed": followed, "latest": latest[:limit]}


def panel_rows(rows: list[dict]) -> SafeString:
    """The panel's ``<li>`` rows, as ``news/home/_item.html`` wrote them: every text
    escaped."""
    kinds = dict(NewsKind.choices)
    parts = []
    for row in rows:
        badge = ""
        if row["kind"] != NewsKind.NEWS:
            badge = f'<span class="badge">{escape(kinds.get(row["kind"], row["kind"]))}</span> '
        title, language = pick_value(row, NewsItem, "title")
        url = escape(reverse_cached("news:detail", slug=row["slug"]))
        # The date filter's "c" and "j.n.Y" in the page's time zone.
        when = template_localtime(row["published_at"])
        parts.append(
            f'<li>{badge}<a href="{url}">{wrap(title, language)}</a>\n'
            f'  <span class="muted home-meta"><time datetime="{escape(when.isoformat())}">'
            f"{when.day}.{when.month}.{when.year}</time></span></li>\n"
        )
    return mark_safe("".join(parts))  # noqa: S308 - every text escaped above


def news_panel(request: HttpRequest) -> Panel:
    news = home_news(viewer=request.user, limit=5)
    news["followed_rows"] = panel_rows(news["followed"])
    news["latest_rows"] = panel_rows(news["latest"])
    return Panel(title=_("News"), template="news/home/_news.html", context=news)


def news_actions(request: HttpRequest) -> list[HomeAction]:
    if not request.user.has_perm("news.add_newsitem"):
        return []
    return [HomeAction(label=_("Write news"), url=reverse("news:create"), order=30)]


def register_home() -> None:
    register(HomePanel("news", news_panel, order=50))
    register_actions(news_actions)
