from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "kaiku.organisations"
    label = "organisations"
    verbose_name = _("Organisations")

    def ready(self) -> None:
        from kaiku.core.navigation import NavItem, register

        register(
            NavItem(
                _("Organisations"),
                "organisations:list",
                order=80,
                summary=_("The ministries, centres, municipalities and employment areas involved."),
            )
        )
