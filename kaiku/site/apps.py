from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteConfig(AppConfig):
    """The top floor: the front page, the accessibility statement and the demo data, which
    bring the capabilities together. No other app imports this one."""

    name = "kaiku.site"
    label = "site"
    verbose_name = _("Site")

    def ready(self) -> None:
        from kaiku.core.navigation import NavItem, register
        from kaiku.surveys import announcements

        from .home import register_home
        from .personal_data import register_personal_data
        from .survey_news import announce_summary

        register(NavItem(_("Front page"), "site:home", order=0))
        register_personal_data()
        register_home()
        # A survey's results summary announced in the news (surveys may not import news).
        announcements.register(announce_summary)
