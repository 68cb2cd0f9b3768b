from __future__ import annotations

import functools
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import auth, messages
from django.contrib.auth import (
    BACKEND_SESSION_KEY,
    HASH_SESSION_KEY,
    SESSION_KEY,
    get_user_model,
    load_backend,
    logout,
)
from django.contrib.auth.middleware import (
    AuthenticationMiddleware as DjangoAuthenticationMiddleware,
)
from django.contrib.auth.models import AnonymousUser, Group
from django.contrib.auth.views import redirect_to_login
from django.db.models import Case, Exists, IntegerField, OuterRef, Subquery, Sum, Value, When
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.crypto import constant_time_compare
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from kaiku.core.prepared import run

from .models import PlatformRole, RoleAssignment

#: When the person logged in (seconds since the epoch), stored in the session at login.
LOGIN_AT_SESSION_KEY = "kaiku_login_at"
#: When the session's idle timeout was last pushed forward (seconds since the epoch).
SEEN_AT_SESSION_KEY = "kaiku_seen_at"


def session_started(request) -> None:
    """Record the login time in the session (called on ``user_logged_in``)."""
    if hasattr(request, "session"):
        request.session[LOGIN_AT_SESSION_KEY] = time.time()


def _refresh_seconds() -> int:
    return getattr(settings, "SESSION_REFRESH_SECONDS", 300)


class SessionLifetimeMiddleware:
    """Keep a signed-in session alive while it is used, and end it a fixed time after login.

    ``SESSION_COOKIE_AGE`` is an idle timeout: each use pushes the session's expiry forward.
    Saving the session on every request would do that too, at the price of a database write
    (and, on PostgreSQL, a flushed commit) for every page a signed-in person opens; instead
    the expiry is pushed forward at most every ``SESSION_REFRESH_SECONDS``, so a session
    ends between ``SESSION_COOKIE_AGE - SESSION_REFRESH_SECONDS`` and ``SESSION_COOKIE_AGE``
    after its last use.

    An idle timeout alone would let a session in use live for ever: a person is logged out
    ``SESSION_ABSOLUTE_LIFETIME`` seconds after login, however active. A session without a
    login time (from before this check existed) gets one now. Pages redirect to the login
    page and come back afterwards; API requests simply go on without the session.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        if session is not None and SESSION_KEY in session:
            started = session.get(LOGIN_AT_SESSION_KEY)
            now = time.time()
            if not isinstance(started, int | float):
                session[LOGIN_AT_SESSION_KEY] = now
            elif now - started > settings.SESSION_ABSOLUTE_LIFETIME:
                logout(request)
                if not request.path.startswith("/api/"):
                    return self._to_login(request)
                return self.get_response(request)
            seen = session.get(SEEN_AT_SESSION_KEY)
            if not isinstance(seen, int | float) or not 0 <= now - seen < _refresh_seconds():
                session[SEEN_AT_SESSION_KEY] = now  # saved, with a new expiry and cookie
        return self.get_response(request)

    @staticmethod
    def _to_login(request):
        messages.info(request, _("Your session has ended. Please log in again."))
        response = redirect_to_login(request.get_full_path())
        if getattr(request, "htmx", False):
            htmx = HttpResponse(status=204)
            htmx["HX-Redirect"] = response["Location"]
            return htmx
        return response


#: URL names a person who must set up TOTP can still reach.
MFA_EXEMPT_URL_NAMES = frozenset(
    {
        "account_logout",
        "account_login",
        "account_reauthenticate",
        # allauth lets a person activate TOTP only after verifying their email address.
        "account_email",
        "account_confirm_email",
        "account_email_verification_sent",
        "set_language",
        "healthz",
        "favicon",
    }
)


def mfa_required(user, *, admin: bool = False) -> bool:
    """Must ``user`` have a TOTP authenticator before using Kaiku (or the admin site)?"""
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_superuser or (admin and user.is_staff):
        return True
    return any(user.has_role(role) for role in settings.KAIKU_MFA_REQUIRED_ROLES)


def has_totp(user) -> bool:
    # The signed-in person of a session was read with the answer (``_person``): MFA is
    # checked before the view runs, so nothing has changed it since.
    known = getattr(user, "kaiku_has_totp", None)
    if known is not None:
        return known
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


class RequireMFAMiddleware:
    """Administrators and moderators (``KAIKU_MFA_REQUIRED_ROLES``) must set up TOTP first.

    While ``KAIKU_MFA_ENFORCED`` is on, such a person without a TOTP authenticator is sent to
    the TOTP activation page from every page except the MFA pages themselves, logging out
    and the language switch. The Django admin site requires TOTP from every staff member.
    Static files are served by WhiteNoise before this middleware runs.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not settings.KAIKU_MFA_ENFORCED:
            return None
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        match = request.resolver_match
        url_name = match.url_name if match else None
        if url_name in MFA_EXEMPT_URL_NAMES or (url_name or "").startswith("mfa_"):
            return None
        is_admin = bool(match and "admin" in match.namespaces)
        if not mfa_required(user, admin=is_admin) or has_totp(user):
            return None
        target = reverse("mfa_activate_totp")
        if request.method == "GET" and not getattr(request, "htmx", False):
            messages.warning(
                request,
                _(
                    "Your role requires two-factor authentication. Set up an authenticator "
                    "app before you continue."
                ),
            )
        if getattr(request, "htmx", False):
            response = HttpResponse(status=204)
            response["HX-Redirect"] = target
            return response
        if request.path.startswith("/api/"):
            return HttpResponse(
                _("Two-factor authentication is required for your role."), status=403
            )
        return HttpResponseRedirect(target)


# --- The signed-in person, read by a kept query --------------------------------------------

#: Backends whose ``get_user`` is ``ModelBackend``'s: the person by primary key, if active.
_BY_PRIMARY_KEY = frozenset(
    {
        "django.contrib.auth.backends.ModelBackend",
        "allauth.account.auth_backends.AuthenticationBackend",
    }
)


@functools.cache
def _backend(path: str):
    return load_backend(path)


#: Other apps' columns read with the signed-in person (``read_with_person``).
_person_columns: dict[str, Callable[[], Any]] = {}


def read_with_person(attribute: str, expression: Callable[[], Any]) -> None:
    """Read ``expression()`` with the signed-in person of a session, in the same query, as
    the person's attribute ``attribute``: for what nearly every signed-in page asks of the
    person (the header's unread badge, the menu). ``expression()`` is an annotation over
    the person (``OuterRef("pk")``). Call it from an ``AppConfig.ready()``: the query is
    built once per process (``kaiku.core.prepared``), so the expression holds no value that
    changes (no date: compare with the database's own clock, or read it elsewhere). The
    value is as it was when the request began: a reader that may run after a write of the
    same request must not take it."""
    _person_columns[attribute] = expression


#: The person's platform roles, read with the person as one number: a bit for each.
_ROLE_BITS = {role: 1 << index for index, role in enumerate(PlatformRole.values)}
#: A role that is not one of ``PlatformRole``'s: the roles are then read on their own.
_OTHER_ROLE = 1 << len(_ROLE_BITS)


def _roles_mask():
    bits = Case(
        *(When(role=role, then=Value(bit)) for role, bit in _ROLE_BITS.items()),
        default=Value(_OTHER_ROLE),
        output_field=IntegerField(),
    )
    return Subquery(
        RoleAssignment.objects.filter(user=OuterRef("pk"))
        .order_by()
        .values("user")
        .annotate(mask=Sum(bits))
        .values("mask")
    )


def _person(*, pk: int):
    """The person with what every signed-in page asks of them besides: their roles (Kaiku's
    rules, the MFA check), whether they have model permissions of their own or their groups'
    (``ModelBackend``), whether they have a TOTP authenticator (the MFA check), and the
    other apps' columns (``read_with_person``)."""
    from allauth.mfa.models import Authenticator

    model = get_user_model()
    # No ORDER BY: the model's ordering would only sort the one row.
    return (
        model._default_manager.filter(pk=pk)
        .order_by()
        .annotate(
            kaiku_roles_mask=_roles_mask(),
            kaiku_own_permissions=Exists(
                model.user_permissions.through.objects.filter(user=OuterRef("pk"))
            ),
            kaiku_group_permissions=Exists(
                Group.permissions.through.objects.filter(group__user=OuterRef("pk"))
            ),
            kaiku_has_totp=Exists(
                Authenticator.objects.filter(user=OuterRef("pk"), type=Authenticator.Type.TOTP)
            ),
            **{attribute: expression() for attribute, expression in _person_columns.items()},
        )
    )


def _adopt_columns(user) -> None:
    """Keep on ``user`` what ``_person`` read with them, as the model's own reads keep it."""
    mask = user.kaiku_roles_mask or 0
    if not mask & _OTHER_ROLE:
        user.adopt_roles(frozenset(role for role, bit in _ROLE_BITS.items() if mask & bit))
    if not (user.is_superuser or user.kaiku_own_permissions or user.kaiku_group_permissions):
        user._perm_cache = set()  # none to read (a superuser has every one)


def _person_of_session(request):
    """``django.contrib.auth.get_user(request)``, with the person read by a query built once
    per process (``kaiku.core.prepared``) instead of ``ModelBackend.get_user``'s
    ``get(pk=...)``, which Django builds and compiles for every signed-in request (about a
    thousand Python calls). The session's checks are Django's, step by step: compare them
    with ``django.contrib.auth.get_user`` on every Django upgrade."""
    session = request.session
    backend_path = session.get(BACKEND_SESSION_KEY)
    if backend_path not in _BY_PRIMARY_KEY or backend_path not in settings.AUTHENTICATION_BACKENDS:
        return auth.get_user(request)
    try:
        user_id = auth._get_user_session_key(request)
    except KeyError:
        return AnonymousUser()
    found = run(_person, pk=user_id)
    user = found[0] if found and _backend(backend_path).user_can_authenticate(found[0]) else None
    if user is None:
        return AnonymousUser()
    _adopt_columns(user)
    session_hash = session.get(HASH_SESSION_KEY)
    if session_hash:
        session_auth_hash = user.get_session_auth_hash()
        if constant_time_compare(session_hash, session_auth_hash):
            return user
        # As Django does: a hash made with a fallback secret is renewed, any other ends
        # the session.
        if any(
            constant_time_compare(session_hash, fallback_auth_hash)
            for fallback_auth_hash in user.get_session_auth_fallback_hash()
        ):
            session.cycle_key()
            session[HASH_SESSION_KEY] = session_auth_hash
            return user
    session.flush()
    return AnonymousUser()


def _cached_person(request):
    if not hasattr(request, "_cached_user"):
        request._cached_user = _person_of_session(request)
    return request._cached_user


class AuthenticationMiddleware(DjangoAuthenticationMiddleware):
    """Django's ``AuthenticationMiddleware``, with ``request.user`` read by a kept query
    (``_person_of_session``)."""

    def process_request(self, request):
        super().process_request(request)
        request.user = SimpleLazyObject(lambda: _cached_person(request))
