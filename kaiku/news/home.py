"""The news panel on a signed-in person's front page (``kaiku.core.home``): news about the
keywords and working groups they follow, the latest news, and "Write news" for the people who
manage news."""

from __future__ import annotations

from django.db.models import Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kaiku.core.content import OPEN_VISIBILITIES, Visibility
from kaiku.core.home import HomeAction, HomePanel, Panel, register, register_actions
from kaiku.core.predicates import is_authenticated
from kaiku.core.translations import translated_columns
from kaiku.notifications.selectors import followed_ids
from kaiku.programme.models import WorkingGroup
from kaiku.programme.selectors import group_visible_q

from .models import Keyword, NewsItem

#: What a row of the panel shows (``news/home/_item.html``) and its order needs.
_COLUMNS = ("pk", "kind", "slug", "pinned", "published_at", *translated_columns(NewsItem, "title"))


def home_news(*, viewer, keyword_ids=None, group_ids=None, limit: int = 5) -> dict:
    """A person's front page, with the columns the panel shows (no bodies, no programme):
    ``followed`` (published items with a keyword in ``keyword_ids`` or a related group in
    ``group_ids`` that the viewer may see) and ``latest`` (the newest other items, pinned
    first). The ids may be subqueries.

    ``latest`` is one query per visibility the viewer may see (public; and staff when signed
    in), each the first rows of ``news_list_idx`` (visibility, pinned, published), merged
    here: one query over both visibilities made SQLite sort every published item (~130 ms
    for 20,000 news). ``followed`` starts from the keyword and group links."""
    base = NewsItem.objects.published().visible_to(viewer).only(*_COLUMNS)
    followed: list[NewsItem] = []
    match = Q()
    if keyword_ids is not None:
        match |= Q(
            pk__in=NewsItem.keywords.through.objects.filter(keyword_id__in=keyword_ids).values(
                "newsitem_id"
            )
        )
    if group_ids is not None:
        visible_groups = WorkingGroup.objects.filter(group_visible_q(viewer), pk__in=group_ids)
        match |= Q(
            pk__in=NewsItem.related_groups.through.objects.filter(
                workinggroup_id__in=visible_groups.values("pk")
            ).values("newsitem_id")
        )
    if match:
        followed = list(base.filter(match).order_by("-published_at", "-pk")[:limit])
    shown = [item.pk for item in followed]
    visibilities = [value for value, _label in OPEN_VISIBILITIES]
    if not is_authenticated(viewer):
        visibilities = [Visibility.PUBLIC.value]
    candidates: list[NewsItem] = []
    for visibility in visibilities:
        candidates += (
            base.filter(visibility=visibility)
            .exclude(pk__in=shown)
            .order_by("-pinned", "-published_at", "-pk")[:limit]
        )
    candidates.sort(key=lambda item: (item.pinned, item.published_at, item.pk), reverse=True)
    return {"followed": followed, "latest": candidates[:limit]}


def news_panel(request: HttpRequest) -> Panel:
    user = request.user
    news = home_news(
        viewer=user,
        keyword_ids=followed_ids(user=user, model=Keyword),
        group_ids=followed_ids(user=user, model=WorkingGroup),
        limit=5,
    )
    return Panel(title=_("News"), template="news/home/_news.html", context=news)


def news_actions(request: HttpRequest) -> list[HomeAction]:
    if not request.user.has_perm("news.add_newsitem"):
        return []
    return [HomeAction(label=_("Write news"), url=reverse("news:create"), order=30)]


def register_home() -> None:
    register(HomePanel("news", news_panel, order=50))
    register_actions(news_actions)
