from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "kaiku.notifications"
    label = "notifications"
    verbose_name = _("Following and notifications")

    def ready(self) -> None:
        from kaiku.core.cache import register_personal_key_part

        from .context_processors import register_column, unread_key_part
        from .home import register_home
        from .personal_data import register_personal_data

        register_personal_data()
        register_home()
        # Notifications arrive from others' actions and the worker: a kept page's header
        # badge must still be right.
        register_personal_key_part(unread_key_part)
        register_column()
