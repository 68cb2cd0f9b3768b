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
        _register_search()


def _register_search() -> None:
    from kaiku.core.content import published_q
    from kaiku.core.search import register_searchable

    from .models import Meeting, Memo, Programme, WorkingGroup

    register_searchable(
        Programme, label=_("Programmes"), fields=("name", "summary", "description"),
        date_field="starts_on",
    )  # fmt: skip
    register_searchable(
        WorkingGroup, label=_("Working groups"), fields=("name", "mandate"), group_path="pk",
        date_field=None, select_related=("programme",),
    )  # fmt: skip
    register_searchable(
        Meeting, label=_("Meetings"), fields=("title", "agenda", "location"),
        group_path="group", date_field="starts_at", select_related=("group__programme",),
    )  # fmt: skip
    # Drafts are for the group's editors, who find them on the group's page.
    register_searchable(
        Memo, label=_("Memos"), fields=("title", "body", "decisions"), group_path="group",
        date_field="published_at", select_related=("group__programme",),
        restrict=lambda viewer, now: published_q(now=now),
    )  # fmt: skip
