from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TeamsConfig(AppConfig):
    """Self-directed teams (members, agreements, change sessions, improvement board), the
    directory of change coaches with coaching requests, and mentors of new team members."""

    name = "kaiku.teams"
    label = "teams"
    verbose_name = _("Teams")

    def ready(self) -> None:
        from .content import register_content
        from .personal_data import register_personal_data

        register_content()
        register_personal_data()
