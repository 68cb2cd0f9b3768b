"""The anonymous page cache: public pages are rendered once, then served from the cache.

Every anonymous visitor sees the same front page, programme and group pages, news, feeds and
public API answers, so ``AnonymousPageCacheMiddleware`` keeps the finished response in the
``pages`` cache and answers the next anonymous request for the same address from it, without
touching the session, the database or a template. What is cached, and when:

* **requests**: ``GET`` only, with no session or messages cookie and no ``Authorization``
  header. A signed-in person always carries a session cookie, so they are never served a
  cached copy and their pages are never stored;
* **responses**: status 200, not streamed, no ``Set-Cookie`` (a page that used a CSRF token
  sets the CSRF cookie, so forms with tokens are never stored), no ``Cache-Control: private``
  or ``no-store``, no ``Vary: *``, and only from the views named in
  ``KAIKU_PAGE_CACHE_VIEWS`` (patterns of ``namespace:name``) or under a path prefix of
  ``KAIKU_PAGE_CACHE_PATH_PREFIXES`` (the public API);
* **key**: the content generation (below), host, full path with its query, the language the
  request resolves to, the htmx headers, and the ``Accept`` header for negotiated paths
  (``KAIKU_PAGE_CACHE_NEGOTIATED_PREFIXES``);
* **lifetime**: ``KAIKU_PAGE_CACHE_SECONDS``. Writes invalidate at once; the lifetime bounds
  what changes with time alone (an item scheduled for publication appears at most that late).

**Invalidation.** One site-wide *content generation* is part of every key. Any save or delete
(and many-to-many change) of a model of an app in ``KAIKU_PAGE_CACHE_CONTENT_APPS`` replaces
it, after the transaction commits, so every cached page is out of date at once. This module
imports no app: it connects the model signals generically and filters by app label
(``connect_signals``, called from ``CoreConfig.ready``). Writes that bypass the signals
(``QuerySet.update``, ``bulk_create``) call ``content_changed()`` when they change what
anonymous visitors see, or rely on the lifetime.

**Conditional GET.** Cached answers carry an ``ETag`` (a hash of the body) and
``Last-Modified`` (when it was rendered); ``If-None-Match`` / ``If-Modified-Since`` that
match are answered ``304 Not Modified`` with no body.

The backend is a file-based cache by default (``PAGE_CACHE_URL``): it is shared by every
gunicorn worker on the host and needs no extra service (docs/decisions.md).
"""

from __future__ import annotations

import hashlib
import time
import uuid
from collections.abc import Callable
from fnmatch import fnmatchcase
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import get_conditional_response
from django.utils.http import http_date

PAGE_CACHE_ALIAS = "pages"
GENERATION_KEY = "kaiku:content-generation"
#: Response headers that are the outer middleware's to set on every answer (CSP nonces,
#: security headers) or would be wrong on a copy.
_NOT_STORED = {"set-cookie", "content-security-policy", "content-security-policy-report-only"}


def page_cache():
    return caches[PAGE_CACHE_ALIAS]


# --- Content generation ----------------------------------------------------------------------


def content_generation() -> str:
    """The current generation; a missing one (first start, culled) starts a new one."""
    cache = page_cache()
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        generation = uuid.uuid4().hex
        # add(): a concurrent first request may have set one; use whichever won.
        if not cache.add(GENERATION_KEY, generation, timeout=None):
            generation = cache.get(GENERATION_KEY) or generation
    return generation


def _new_generation() -> None:
    page_cache().set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)


def content_changed() -> None:
    """Every cached page is out of date once the current transaction commits.

    A fresh random value, not an increment: two concurrent writers can never both end on the
    value a reader had already used for a page rendered before their change. Replaced now
    and again after the commit: a page rendered in between from the old rows is stored under
    the intermediate value, which the commit makes unreachable.
    """
    _new_generation()
    transaction.on_commit(_new_generation)


def _content_apps() -> frozenset[str]:
    return frozenset(getattr(settings, "KAIKU_PAGE_CACHE_CONTENT_APPS", ()))


def _ignored_models() -> frozenset[str]:
    return frozenset(getattr(settings, "KAIKU_PAGE_CACHE_IGNORED_MODELS", ()))


#: Saves of only these fields change nothing a visitor sees (a sign-in updates last_login).
_QUIET_FIELDS = frozenset({"last_login"})


def _on_write(sender, **kwargs) -> None:
    meta = sender._meta
    if meta.app_label not in _content_apps() or meta.label in _ignored_models():
        return
    update_fields = kwargs.get("update_fields")
    if update_fields and frozenset(update_fields) <= _QUIET_FIELDS:
        return
    if kwargs.get("raw"):  # loaddata
        return
    content_changed()


def _on_m2m(sender, action: str, **kwargs) -> None:
    if action in {"post_add", "post_remove", "post_clear"}:
        _on_write(sender)


def connect_signals() -> None:
    post_save.connect(_on_write, dispatch_uid="kaiku.core.cache.post_save")
    post_delete.connect(_on_write, dispatch_uid="kaiku.core.cache.post_delete")
    m2m_changed.connect(_on_m2m, dispatch_uid="kaiku.core.cache.m2m_changed")


def cached_for_generation(key: str, compute: Callable[[], Any], timeout: int | None = None):
    """``compute()``, kept in the page cache until the content changes (or ``timeout``).
    Computed every time when the page cache is switched off (tests, development)."""
    if not getattr(settings, "KAIKU_PAGE_CACHE_ENABLED", True):
        return compute()
    cache = page_cache()
    full_key = f"kaiku:gen:{content_generation()}:{key}"
    value = cache.get(full_key)
    if value is None:
        value = compute()
        cache.set(full_key, value, timeout=timeout or _timeout())
    return value


# --- A person's own entries -----------------------------------------------------------------
#
# What a signed-in person sees on their own pages (the front page's panels) depends on the
# content and on what the person did: a follow, an answer, a registration. Such entries are
# kept under the content generation *and* a per-person version, which every write request the
# person makes replaces (``AnonymousPageCacheMiddleware`` below). Writes by others to content
# apps replace the generation; what changes otherwise (time passing, a survey opened by its
# dates) shows within the lifetime.

_PERSON_VERSION_SECONDS = 24 * 60 * 60


def _person_version_key(person_pk) -> str:
    return f"kaiku:person-version:{person_pk}"


def person_version(user) -> str:
    """The person's current version, read once per user object (one request)."""
    version = user.__dict__.get("_kaiku_person_version")
    if version is None:
        cache = page_cache()
        key = _person_version_key(user.pk)
        version = cache.get(key)
        if version is None:
            version = uuid.uuid4().hex
            if not cache.add(key, version, timeout=_PERSON_VERSION_SECONDS):
                version = cache.get(key) or version
        user.__dict__["_kaiku_person_version"] = version
    return version


def person_changed(person_pk) -> None:
    """Every entry kept for the person is out of date (they wrote something)."""
    page_cache().set(_person_version_key(person_pk), uuid.uuid4().hex, _PERSON_VERSION_SECONDS)


def cached_for_person(user, computes: dict[str, Callable[[], Any]]) -> dict[str, Any]:
    """``{name: compute()}`` for a signed-in ``user``, each value kept until the content or
    the person changes (or the lifetime ends), in the request's language. One cache read for
    all of them; values must be picklable and not ``None``. Computed every time when the page
    cache is switched off."""
    if not getattr(settings, "KAIKU_PAGE_CACHE_ENABLED", True):
        return {name: compute() for name, compute in computes.items()}
    cache = page_cache()
    prefix = (
        f"kaiku:gen:{content_generation()}:person:{user.pk}:{person_version(user)}:"
        f"{translation.get_language() or settings.LANGUAGE_CODE}:"
    )
    found = cache.get_many([prefix + name for name in computes])
    values, missing = {}, {}
    for name, compute in computes.items():
        value = found.get(prefix + name)
        if value is None:
            value = missing[prefix + name] = compute()
        values[name] = value
    if missing:
        cache.set_many(missing, timeout=_timeout())
    return values


def _note_own_write(request: HttpRequest, response: HttpResponse) -> None:
    """A signed-in person's write request (a form, an htmx action, the API) makes their own
    entries out of date, whatever it changed."""
    if request.method in {"GET", "HEAD", "OPTIONS", "TRACE"} or response.status_code >= 400:
        return
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        person_changed(user.pk)


# --- Signed-in pages -------------------------------------------------------------------------
#
# A signed-in person's page is theirs alone, but the same person asks for the same page again
# and again (back to the group page after reading a memo, the news list between items). Their
# pages of the views in ``KAIKU_SIGNED_IN_PAGE_CACHE_VIEWS`` (and the public API's paths) are
# kept for the page cache's lifetime under the content generation, the person's version (their
# own writes replace it), their session and CSRF cookie (a kept form's token stays valid for
# that browser only) and what capabilities add to the key (``register_personal_key_part``: the
# unread notifications count, which arrives without either). The session is read and checked
# as for any request (sign-out, expiry, MFA) before a kept page is served.

_personal_key_parts: list[Callable[[HttpRequest], str]] = []


def register_personal_key_part(part: Callable[[HttpRequest], str]) -> None:
    """``part(request)`` is added to the keys of a signed-in person's kept pages: for what a
    page shows of the person that changes without a content write or their own request."""
    if part not in _personal_key_parts:
        _personal_key_parts.append(part)


def _signed_in_route(request: HttpRequest) -> bool:
    prefixes = tuple(getattr(settings, "KAIKU_PAGE_CACHE_PATH_PREFIXES", ()))
    if prefixes and request.path_info.startswith(prefixes):
        return True
    match = getattr(request, "resolver_match", None)
    patterns = tuple(getattr(settings, "KAIKU_SIGNED_IN_PAGE_CACHE_VIEWS", ()))
    return match is not None and _view_allowed(match.view_name, patterns)


def _pending_messages(request: HttpRequest) -> bool:
    storage = getattr(request, "_messages", None)
    return storage is not None and len(storage) > 0


def signed_in_page_key(request: HttpRequest) -> str:
    user = request.user
    parts = [
        page_key(request, content_generation()),
        str(user.pk),
        person_version(user),
        request.session.session_key or "",
        request.COOKIES.get(settings.CSRF_COOKIE_NAME, ""),
        *(part(request) for part in _personal_key_parts),
    ]
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return f"kaiku:signed-in:{digest}"


class SignedInPageCacheMiddleware:
    """Keep a signed-in person's GETs of the listed pages (see above). Place it after the
    authentication and MFA middleware: it looks up in ``process_view``, when the session has
    been read and checked and the view is known."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        key = getattr(request, "_kaiku_signed_in_key", None)
        if key is None or response.get("X-Kaiku-Cache") == "hit":
            return response
        if not _signed_in_storable(request, response):
            return response
        _keep(key, response)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method != "GET" or not getattr(settings, "KAIKU_PAGE_CACHE_ENABLED", True):
            return None
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not _signed_in_route(request):
            return None
        if _pending_messages(request):  # shown once, on a page rendered for them
            return None
        key = request._kaiku_signed_in_key = signed_in_page_key(request)
        entry = page_cache().get(key)
        if entry is None:
            return None
        return AnonymousPageCacheMiddleware._from_entry(request, entry)


def _signed_in_storable(request: HttpRequest, response: HttpResponse) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    # A page with a form holds a token of the CSRF secret: keep it only under the cookie
    # that carries that secret (a new secret was made when the request had none).
    secret = request.META.get("CSRF_COOKIE")
    if secret is not None and secret != request.COOKIES.get(settings.CSRF_COOKIE_NAME):
        return False
    storage = getattr(request, "_messages", None)
    if storage is not None and (storage.used or len(storage)):
        return False
    if "no-store" in response.get("Cache-Control", "").lower():
        return False
    return response.get("Vary", "").strip() != "*"


# --- The middleware --------------------------------------------------------------------------


def _timeout() -> int:
    return getattr(settings, "KAIKU_PAGE_CACHE_SECONDS", 60)


@lru_cache(maxsize=1024)
def _view_allowed(view_name: str, patterns: tuple[str, ...]) -> bool:
    return any(fnmatchcase(view_name, pattern) for pattern in patterns)


def _storable_route(request: HttpRequest) -> bool:
    prefixes = tuple(getattr(settings, "KAIKU_PAGE_CACHE_PATH_PREFIXES", ()))
    if prefixes and request.path_info.startswith(prefixes):
        return True
    match = getattr(request, "resolver_match", None)
    if match is None:
        return False
    patterns = tuple(getattr(settings, "KAIKU_PAGE_CACHE_VIEWS", ()))
    return _view_allowed(match.view_name, patterns)


def request_is_cacheable(request: HttpRequest) -> bool:
    """An anonymous GET: no session, no pending messages, no credentials."""
    if request.method != "GET" or not getattr(settings, "KAIKU_PAGE_CACHE_ENABLED", True):
        return False
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies:
        return False
    return "HTTP_AUTHORIZATION" not in request.META


def response_is_storable(request: HttpRequest, response: HttpResponse) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):  # the page holds a CSRF token
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if "private" in cache_control or "no-store" in cache_control:
        return False
    if response.get("Vary", "").strip() == "*":
        return False
    return _storable_route(request)


def page_key(request: HttpRequest, generation: str) -> str:
    language = translation.get_language_from_request(request, check_path=True)
    parts = [
        request.scheme,
        request.get_host(),
        request.get_full_path(),
        language,
        request.META.get("HTTP_HX_REQUEST", ""),
        request.META.get("HTTP_HX_HISTORY_RESTORE_REQUEST", ""),
    ]
    negotiated = tuple(getattr(settings, "KAIKU_PAGE_CACHE_NEGOTIATED_PREFIXES", ()))
    if negotiated and request.path_info.startswith(negotiated):
        parts.append(request.META.get("HTTP_ACCEPT", ""))
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return f"kaiku:page:{generation}:{digest}"


def _keep(key: str, response: HttpResponse) -> tuple[str, float]:
    """Store ``response`` under ``key`` with its validators; returns them."""
    content = response.content
    etag = response.get("ETag") or f'"{hashlib.md5(content, usedforsecurity=False).hexdigest()}"'
    modified = time.time()
    response["ETag"] = etag
    response["Last-Modified"] = http_date(modified)
    headers = [(k, v) for k, v in response.items() if k.lower() not in _NOT_STORED]
    page_cache().set(key, (response.status_code, headers, content, etag, modified), _timeout())
    response["X-Kaiku-Cache"] = "miss"
    return etag, modified


def _conditional(request: HttpRequest, response: HttpResponse, etag: str, modified: float):
    return get_conditional_response(
        request, etag=etag, last_modified=int(modified), response=response
    )


#: Paths (without query) whose view is not cached, learnt per process: their requests skip
#: the cache look-up (the floor, /healthz, sign-in pages). Bounded; emptied when full.
_NOT_CACHED_PATHS: set[str] = set()
_NOT_CACHED_PATHS_MAX = 10_000


def _remember_not_cached(request: HttpRequest) -> None:
    if getattr(request, "resolver_match", None) is None or _storable_route(request):
        return
    if len(_NOT_CACHED_PATHS) >= _NOT_CACHED_PATHS_MAX:
        _NOT_CACHED_PATHS.clear()
    _NOT_CACHED_PATHS.add(request.path_info)


class AnonymousPageCacheMiddleware:
    """Serve anonymous GETs of public pages from the ``pages`` cache (see the module).

    Place it after ``CSPMiddleware`` and before ``SessionMiddleware``: a cached answer then
    skips the session, CSRF, authentication and every view, while the security and CSP
    headers (a fresh nonce) are still added to each answer.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request_is_cacheable(request):
            response = self.get_response(request)
            if getattr(settings, "KAIKU_PAGE_CACHE_ENABLED", True):
                _note_own_write(request, response)
            return response
        if request.path_info in _NOT_CACHED_PATHS:
            return self.get_response(request)
        try:
            generation = content_generation()
            key = page_key(request, generation)
        except Exception:  # DisallowedHost and the like: let the normal path answer
            return self.get_response(request)
        cache = page_cache()
        entry = cache.get(key)
        if entry is not None:
            return self._from_entry(request, entry)
        response = self.get_response(request)
        if not response_is_storable(request, response):
            _remember_not_cached(request)
            return response
        response.setdefault("Cache-Control", "no-cache")
        etag, modified = _keep(key, response)
        return _conditional(request, response, etag, modified)

    @staticmethod
    def _from_entry(request: HttpRequest, entry) -> HttpResponse:
        status, headers, content, etag, modified = entry
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        response["X-Kaiku-Cache"] = "hit"
        return _conditional(request, response, etag, modified)
