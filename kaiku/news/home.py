"""The news panel on a signed-in person's front page (``kaiku.core.home``): news about the
keywords and working groups they follow, the latest news, and "Write news" for the people who
manage news."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kaiku.core.home import HomeAction, HomePanel, Panel, register, register_actions
from kaiku.notifications.selectors import followed_ids
from kaiku.programme.models import WorkingGroup

from . import selectors
from .models import Keyword


def news_panel(request: HttpRequest) -> Panel:
    user = request.user
    news = selectors.home_news(
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
