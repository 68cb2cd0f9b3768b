from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "kaiku.notifications"
    label = "notifications"
    verbose_name = _("Following and notifications")

    def ready(self) -> None:
        from .home import register_home
        from .personal_data import register_personal_data

        register_personal_data()
        register_home()
