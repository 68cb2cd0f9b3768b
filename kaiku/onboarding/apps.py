from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

#: The signed-in person's attribute: whether an enrolment names them (``_naming_column``).
NAMED_ATTRIBUTE = "kaiku_named_in_enrolment"


def _naming_column():
    """Whether an enrolment names the person (newcomer, supervisor or mentor), as a column
    read with the signed-in person of a session (``kaiku.accounts.middleware``)."""
    from django.db.models import Exists, OuterRef

    from .models import Enrolment
    from .selectors import _naming_q

    return Exists(Enrolment.objects.filter(_naming_q(OuterRef("pk"))))


def _has_onboarding(request) -> bool:
    """The menu entry is for those onboarding has something for (once a request). The
    signed-in person of a session was read with whether an enrolment names them (no query
    of its own; the services that change enrolments redirect before a page is shown);
    another person's answer is kept in the cache (``selectors.has_onboarding``)."""
    cached = getattr(request, "_kaiku_onboarding_nav", None)
    if cached is None:
        user = getattr(request, "user", None)
        named = getattr(user, NAMED_ATTRIBUTE, None)
        if named is None:
            from .selectors import has_onboarding

            cached = has_onboarding(user)
        else:
            from .rules import can_manage

            cached = bool(can_manage(user) or named)
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

        from kaiku.accounts.middleware import read_with_person
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
        read_with_person(NAMED_ATTRIBUTE, _naming_column)
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
