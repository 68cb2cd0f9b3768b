from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "kaiku.surveys"
    label = "surveys"
    verbose_name = _("Surveys")

    def ready(self) -> None:
        from kaiku.core.navigation import NavItem, register

        from . import rules  # noqa: F401  (the permissions)
        from .content import register_content
        from .home import register_home
        from .notifications import register_notifications
        from .personal_data import register_personal_data

        register_content()
        register_notifications()
        register_personal_data()
        register_home()
        register(
            NavItem(
                _("Surveys"),
                "surveys:list",
                visible=lambda request: bool(getattr(request.user, "is_authenticated", False)),
                order=26,
                summary=_("Answer the surveys of the reform, anonymously."),
            )
        )
