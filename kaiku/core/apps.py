from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "kaiku.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from .cache import connect_signals

        connect_signals()
