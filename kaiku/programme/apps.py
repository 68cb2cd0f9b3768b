from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammeConfig(AppConfig):
    name = "kaiku.programme"
    label = "programme"
    verbose_name = _("Programmes and working groups")

    def ready(self) -> None:
        from kaiku.accounts.demo import register_login_notes
        from kaiku.core import whatsnew
        from kaiku.core.navigation import NavItem, register

        from .content import register_content
        from .home import register_home
        from .notifications import register_notifications
        from .personal_data import register_personal_data
        from .selectors import leading_roles
        from .whatsnew import programme_items

        register(
            NavItem(
                _("Programmes"),
                "programme:list",
                order=20,
                summary=_("Working groups with their members, meetings, milestones and memos."),
            )
        )
        whatsnew.register(programme_items)
        register_login_notes(leading_roles)
        register_content()
        register_notifications()
        register_personal_data()
        register_home()
