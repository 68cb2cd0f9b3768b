"""django-allauth adapters: Kaiku's sign-up policy and the language chosen at login."""

from __future__ import annotations

from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django import forms
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from .models import User
from .selectors import invitation_in_session
from .services import signup_allowed_for_email, signup_complete

SIGNUP_REFUSED_MESSAGE = _(
    "Sign-up is open only to invited people and to addresses of the participating "
    "organisations. Ask an administrator of Kaiku for an invitation to this address."
)


SIGNUP_URL_NAMES = frozenset({"account_signup", "socialaccount_signup"})


def _current_url_name() -> str | None:
    from allauth.core import context

    request = context.request
    match = getattr(request, "resolver_match", None) if request is not None else None
    return match.url_name if match is not None else None


def signup_possible(request=None) -> bool:
    """Is the sign-up form worth showing: allowed domains, or an invitation link opened in
    this session? (Whether invitations exist elsewhere is never revealed.)"""
    return bool(settings.KAIKU_SIGNUP_ALLOWED_DOMAINS) or invitation_in_session(request) is not None


def apply_preferred_language(response, user) -> None:
    """Point the post-login redirect to the person's language and remember it in the cookie."""
    language = getattr(user, "preferred_language", "") or ""
    if not language or not translation.check_for_language(language):
        return
    location = response.get("Location") if hasattr(response, "get") else None
    if location and not urlsplit(location).netloc:
        # Resolve in the current language (the URL's prefix) before switching.
        response["Location"] = translate_url(location, language)
    translation.activate(language)
    if hasattr(response, "set_cookie"):
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH,
            domain=settings.LANGUAGE_COOKIE_DOMAIN,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        return signup_possible(request)

    def clean_email(self, email: str) -> str:
        email = super().clean_email(email)
        # allauth also calls clean_email from the password reset and email management
        # forms; the sign-up policy applies to the sign-up forms only. There an address is
        # accepted only through its invitation link or from an allowed domain, whether or not
        # it already has an account or an invitation: the refusal is the same either way.
        if _current_url_name() in SIGNUP_URL_NAMES:
            from allauth.core import context

            invitation = invitation_in_session(context.request)
            if not signup_allowed_for_email(email, invitation=invitation):
                raise forms.ValidationError(SIGNUP_REFUSED_MESSAGE, code="signup_not_allowed")
        return email.lower()

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        user.email = user.email.lower()
        if getattr(request, "LANGUAGE_CODE", None) in dict(settings.LANGUAGES):
            user.preferred_language = request.LANGUAGE_CODE
        if commit:
            user.save()
            signup_complete(user=user, request=request, invitation=invitation_in_session(request))
        return user

    def post_login(self, request, user, **kwargs):
        response = super().post_login(request, user, **kwargs)
        apply_preferred_language(response, user)
        return response


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    """Single sign-on: sign-up follows the same policy as the email sign-up."""

    @staticmethod
    def _verified_emails(sociallogin) -> list[str]:
        return [a.email for a in sociallogin.email_addresses if a.verified and a.email]

    @staticmethod
    def _emails(sociallogin) -> list[str]:
        emails = [a.email for a in sociallogin.email_addresses if a.email]
        if sociallogin.user is not None and sociallogin.user.email:
            emails.append(sociallogin.user.email)
        return emails

    def pre_social_login(self, request, sociallogin) -> None:
        # An identity provider vouching for an address that already has an account here
        # connects to that account instead of creating a second one.
        if sociallogin.is_existing:
            return
        for email in self._verified_emails(sociallogin):
            user = User.objects.filter(email__iexact=email, is_active=True).first()
            if user is not None:
                sociallogin.connect(request, user)
                return

    def is_open_for_signup(self, request, sociallogin) -> bool:
        invitation = invitation_in_session(request)
        return any(
            signup_allowed_for_email(e, invitation=invitation) for e in self._emails(sociallogin)
        )

    def is_auto_signup_allowed(self, request, sociallogin) -> bool:
        emails = self._verified_emails(sociallogin)
        if not emails:
            return False
        invitation = invitation_in_session(request)
        return any(signup_allowed_for_email(e, invitation=invitation) for e in emails) and not any(
            User.objects.filter(email__iexact=e).exists() for e in emails
        )

    def save_user(self, request, sociallogin, form=None):
        user = super().save_user(request, sociallogin, form=form)
        # The role follows at once only if the provider vouched for the invited address.
        signup_complete(user=user, request=request, invitation=invitation_in_session(request))
        return user
