from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TeamsConfig(AppConfig):
    """Self-directed teams (members, agreements, change sessions, improvement board), the
    directory of change coaches with coaching requests, and mentors of new team members."""

    name = "kaiku.teams"
    label = "teams"
    verbose_name = _("Teams")

    def ready(self) -> None:
        from kaiku.core import whatsnew
        from kaiku.core.navigation import NavItem, register
        from kaiku.core.search import register_searchable

        from . import rules  # noqa: F401  (the permissions)
        from .content import register_content, register_direct_content
        from .home import register_home
        from .models import Improvement, Team, TeamAgreement, TeamSession
        from .notifications import register_notifications
        from .personal_data import register_personal_data
        from .whatsnew import adopted_improvements

        register_content()
        register_direct_content()
        register_personal_data()
        register_notifications()
        register_home()
        whatsnew.register(adopted_improvements)
        register(
            NavItem(
                _("Teams"),
                "teams:list",
                order=27,
                summary=_("Self-directed teams, their agreements and improvement boards."),
            )
        )
        register_searchable(Team, label=_("Teams"), fields=("name", "purpose"))
        for model, label in [
            (TeamAgreement, _("Team agreements")),
            (TeamSession, _("Change sessions")),
            (Improvement, _("Improvements")),
        ]:
            register_searchable(model, label=label, fields=("title", "body"))
