from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "kaiku.accounts"
    label = "accounts"
    verbose_name = _("People and roles")

    def ready(self) -> None:
        # Audit of logins, failures and lockouts; of password and second-factor changes.
        from . import audit_signals, signals  # noqa: F401
