from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuestionsConfig(AppConfig):
    name = "kaiku.questions"
    label = "questions"
    verbose_name = _("Questions and answers")

    def ready(self) -> None:
        from kaiku.core import whatsnew
        from kaiku.core.moderation import register_moderated
        from kaiku.core.navigation import NavItem, register
        from kaiku.core.search import register_searchable

        from . import rules  # noqa: F401  (the permissions)
        from .content import register_content
        from .home import register_home
        from .models import Answer, Question
        from .notifications import register_notifications
        from .personal_data import register_personal_data
        from .whatsnew import answered_questions

        register_content()
        register_notifications()
        register_personal_data()
        register_home()
        whatsnew.register(answered_questions)
        register(
            NavItem(
                _("Questions"),
                "questions:list",
                order=22,
                summary=_("Ask about the reform and read the official answers."),
            )
        )
        register_searchable(
            Question, label=_("Questions"), fields=("title", "body"), group_path="group"
        )
        register_searchable(
            Answer,
            label=_("Answers"),
            fields=("body",),
            group_path="group",
            select_related=("question",),
        )
        register_moderated(Question, excerpt=lambda q: q.title)
