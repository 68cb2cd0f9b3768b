from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _has_onboarding(request) -> bool:
    """The menu entry is for those onboarding has something for (once a request; the answer
    is kept in the cache per person, see ``selectors.has_onboarding``)."""
    cached = getattr(request, "_kaiku_onboarding_nav", None)
    if cached is None:
        from .selectors import has_onboarding

        cached = has_onboarding(getattr(request, "user", None))
        request._kaiku_onboarding_nav = cached
    return cached


def _enrolment_changed(sender, **kwargs) -> None:  # noqa: ARG001
    """Every save or delete of an enrolment (the services, the admin, the demo loader) is a
    content change: the menu answers kept for the content generation are out of date (for
    the people it names now and those it named before). Onboarding is not a content app of
    the page cache, since task completions, many a day, would empty it."""
    from kaiku.core.cache import content_changed

    content_changed()


class OnboardingConfig(AppConfig):
    """Onboarding programmes (modules and tasks due relative to a start date) and each
    newcomer's checklist, with the supervisor's and mentor's view."""

    name = "kaiku.onboarding"
    label = "onboarding"
    verbose_name = _("Onboarding")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from kaiku.core.navigation import NavItem, register

        from . import rules  # noqa: F401  (the permissions)
        from .content import register_content
        from .home import register_home
        from .models import Enrolment
        from .notifications import register_notifications
        from .personal_data import register_personal_data

        post_save.connect(_enrolment_changed, sender=Enrolment, dispatch_uid="onboarding-menu")
        post_delete.connect(
            _enrolment_changed, sender=Enrolment, dispatch_uid="onboarding-menu-delete"
        )
        register_content()
        register_notifications()
        register_personal_data()
        register_home()
        register(
            NavItem(
                _("Onboarding"),
                "onboarding:index",
                visible=_has_onboarding,
                order=29,
                summary=_("Your onboarding checklist, and the newcomers you look after."),
            )
        )
