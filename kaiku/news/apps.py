from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "kaiku.news"
    label = "news"
    verbose_name = _("News and announcements")

    def ready(self) -> None:
        from kaiku.core import search, whatsnew
        from kaiku.core.content import PUBLIC, Audience, published_q, register_audience
        from kaiku.core.navigation import NavItem, register

        from .home import register_home
        from .models import Keyword, NewsItem
        from .notifications import register_notifications
        from .personal_data import register_personal_data
        from .whatsnew import news_items

        register(
            NavItem(
                _("News"),
                "news:list",
                order=21,
                summary=_("News and announcements of the reform."),
            )
        )
        whatsnew.register(news_items)
        register_audience(Keyword, PUBLIC)
        register_audience(NewsItem, Audience(hidden_label=_("a news item you can no longer see")))
        register_notifications()
        register_personal_data()
        register_home()
        # Drafts and scheduled items are for the communications staff (the news list).
        search.register_searchable(
            NewsItem, label=_("News"), fields=("title", "summary", "body"),
            date_field="published_at", restrict=lambda viewer, now: published_q(now=now),
        )  # fmt: skip
