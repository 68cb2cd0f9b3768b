from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DiscussionsConfig(AppConfig):
    name = "kaiku.discussions"
    label = "discussions"
    verbose_name = _("Discussions and comments")

    def ready(self) -> None:
        from kaiku.core import whatsnew
        from kaiku.core.moderation import register_moderated
        from kaiku.core.navigation import NavItem, register
        from kaiku.core.search import register_searchable

        from . import signals
        from .commentables import comments_visible_q, register_defaults
        from .content import register_content
        from .home import register_home
        from .models import Comment, Discussion
        from .notifications import register_notifications
        from .personal_data import register_personal_data
        from .whatsnew import new_discussions

        register(
            NavItem(
                _("Discussions"),
                "discussions:index",
                order=24,
                summary=_("Discussions of the programmes and their working groups."),
            )
        )
        register_content()
        register_defaults()
        register_moderated(
            Discussion, excerpt=lambda d: d.title, select_related=("group__programme",)
        )
        register_moderated(Comment, excerpt=lambda c: str(c), select_related=("author",))
        register_searchable(
            Discussion,
            label=_("Discussions"),
            fields=("title", "body"),
            group_path="group",
            date_field="created",
        )
        # A comment's copied audience can lag behind its target (a news item unpublished
        # by a plain UPDATE): search asks the comments' exact rule when it reads.
        register_searchable(
            Comment,
            label=_("Comments"),
            fields=("body",),
            group_path="group",
            date_field="created",
            restrict=lambda viewer, now: comments_visible_q(viewer, now=now),
        )
        register_notifications()
        register_personal_data()
        register_home()
        whatsnew.register(new_discussions)
        signals.connect()
