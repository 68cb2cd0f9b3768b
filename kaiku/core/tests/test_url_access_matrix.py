"""Every route is in the access-control matrix, and anonymous access matches it.

A new view cannot slip in without someone deciding who may use it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

from .access_matrix import ACCESS_MATRIX, LEVELS

# Routes from these URLconf modules and namespaces are third-party internals (allauth's
# e-mail confirmation, social login callbacks, MFA steps; Django admin's model pages). They
# are tested by their projects and protected by their own code; the entry points people
# use are still listed in the matrix explicitly. Everything else — the kaiku apps and the
# API — must be in the matrix.
EXCLUDED_URLCONF_PREFIXES = ("allauth.",)
EXCLUDED_NAMESPACES = ("admin",)


@dataclass(frozen=True)
class Route:
    name: str | None
    pattern: str
    view: str


def _urlconf_module_name(resolver: URLResolver) -> str:
    urlconf = resolver.urlconf_name
    return urlconf if isinstance(urlconf, str) else getattr(urlconf, "__name__", "")


def walk(patterns, prefix: str = "", namespace: str | None = None) -> Iterator[Route]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            if _urlconf_module_name(entry).startswith(EXCLUDED_URLCONF_PREFIXES):
                continue
            if entry.namespace in EXCLUDED_NAMESPACES:
                continue
            ns = namespace
            if entry.namespace:
                ns = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from walk(entry.url_patterns, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            name = entry.name
            if name and namespace:
                name = f"{namespace}:{name}"
            yield Route(name=name, pattern=prefix + str(entry.pattern), view=entry.lookup_str)


def all_routes() -> list[Route]:
    return list(walk(get_resolver().url_patterns))


def test_the_walk_finds_the_kaiku_and_api_routes():
    names = {route.name for route in all_routes()}
    assert {"site:home", "healthz", "api-schema", "organisations:list"} <= names
    assert not any(name and name.startswith("admin:") for name in names)
    assert "account_login" not in names  # allauth is excluded from the walk


def test_every_route_is_named_and_in_the_matrix():
    unnamed = [r for r in all_routes() if not r.name]
    assert not unnamed, f"Name these routes so the matrix can refer to them: {unnamed}"
    missing = sorted({r.name for r in all_routes()} - set(ACCESS_MATRIX))
    assert not missing, (
        "These routes are not in kaiku/core/tests/access_matrix.py; decide who may use "
        f"them and add them there: {missing}"
    )


def test_the_matrix_has_no_stale_entries_or_unknown_levels():
    walked = {route.name for route in all_routes()}
    stale = []
    for name, level in ACCESS_MATRIX.items():
        assert level in LEVELS, f"{name}: unknown level {level!r}"
        if name in walked:
            continue
        try:
            reverse(name)
        except NoReverseMatch as exc:
            # Explicit allauth/admin entries are not walked; they must still exist.
            if "with no arguments not found" not in str(exc) and "arguments '()'" not in str(exc):
                stale.append(name)
    assert not stale, f"The matrix lists routes that no longer exist: {stale}"


def parameterless_routes() -> list[tuple[str, str]]:
    routes = []
    for name, level in sorted(ACCESS_MATRIX.items()):
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue  # needs URL parameters: covered by the capability's own view tests
        routes.append(pytest.param(name, level, url, id=name))
    return routes


def _is_login_redirect(response) -> bool:
    if response.status_code not in (301, 302, 303, 307, 308):
        return False
    path = urlsplit(response["Location"]).path
    return path.startswith((reverse("account_login"), reverse("admin:login")))


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "level", "url"), parameterless_routes())
def test_anonymous_get_matches_the_matrix(client, name, level, url):
    response = client.get(url)
    status = response.status_code
    if level == "public":
        ok = status == 200 or (300 <= status < 400 and not _is_login_redirect(response))
    elif level == "authenticated":
        ok = _is_login_redirect(response)
    elif level in ("staff", "admin"):
        ok = _is_login_redirect(response) or status in (403, 404)
    elif level == "api":
        ok = status == 200
    elif level == "api-auth":
        ok = status in (401, 403)
    elif level == "api-query":
        ok = status == 400
    elif level == "post-only":
        ok = status == 405 or (300 <= status < 400 and not _is_login_redirect(response))
    else:  # pragma: no cover - guarded by the levels test
        ok = False
    assert ok, f"{name} ({url}) is {level!r} but an anonymous GET answered {status}"
    assert status != 500
