from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuestionsConfig(AppConfig):
    name = "kaiku.questions"
    label = "questions"
    verbose_name = _("Questions and answers")

    def ready(self) -> None:
        from . import rules  # noqa: F401  (the permissions)
        from .content import register_content
        from .notifications import register_notifications

        register_content()
        register_notifications()
