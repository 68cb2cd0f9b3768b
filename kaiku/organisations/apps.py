from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "kaiku.organisations"
    label = "organisations"
    verbose_name = _("Organisations")

    def ready(self) -> None:
        from kaiku.core.content import PUBLIC, register_audience
        from kaiku.core.navigation import NavItem, register
        from kaiku.core.search import register_searchable

        from .models import Organisation

        register(
            NavItem(
                _("Organisations"),
                "organisations:list",
                order=80,
                summary=_("The ministries, centres, municipalities and employment areas involved."),
            )
        )
        # Organisations are public reference data; search reads them through the content layer.
        register_audience(Organisation, PUBLIC)
        register_searchable(
            Organisation, label=_("Organisations"), fields=("name", "abbreviation", "description"),
            date_field=None,
        )  # fmt: skip
