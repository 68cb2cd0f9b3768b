from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModerationConfig(AppConfig):
    name = "kaiku.moderation"
    label = "moderation"
    verbose_name = _("Moderation")

    def ready(self) -> None:
        from . import rules  # noqa: F401  (the permissions)
        from .notifications import register_notifications
        from .personal_data import register_personal_data

        register_notifications()
        register_personal_data()
