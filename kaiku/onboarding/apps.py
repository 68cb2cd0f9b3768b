from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OnboardingConfig(AppConfig):
    """Onboarding programmes (modules and tasks due relative to a start date) and each
    newcomer's checklist, with the supervisor's and mentor's view."""

    name = "kaiku.onboarding"
    label = "onboarding"
    verbose_name = _("Onboarding")
