from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuestionsConfig(AppConfig):
    name = "kaiku.questions"
    label = "questions"
    verbose_name = _("Questions and answers")

    def ready(self) -> None:
        from .content import register_content

        register_content()
