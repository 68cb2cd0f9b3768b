"""Queries built and compiled once per process, then run with new values.

Building a queryset and compiling it to SQL costs Django about a millisecond of Python per
query — more than PostgreSQL takes to run most of ours. A page that runs the same query for
every visitor (the front page's newest items for anonymous visitors, a list's window) pays
that again and again for the same SQL with different values: the time now, a page's id.

``run(build, shape=..., **values)`` calls ``build(**shape, **values)`` once per process (per
``shape``, language, time zone and database connection) with *stand-ins* for the values: numbers,
texts, dates and times that no real value has. It compiles that queryset, finds where each
stand-in went among the SQL's parameters, and keeps the SQL. Every later call puts the real
values in those places and runs the kept SQL through Django's own row readers, so it returns
what ``list(build(**values))`` would: model instances (with ``select_related``, annotations
and ``prefetch_related`` of plain lookups), ``values()`` dicts or ``values_list()`` tuples.
A ``Prefetch`` with a queryset of its own is refused when the build has values: that
queryset would keep the stand-ins (prefetch such rows after the kept query).

The rules for ``build``:

- ``build`` is a function defined once (a module's function, not a lambda made per call):
  its code is the first part of the key.
- Everything that changes the SQL's *shape* goes in ``shape``, not in ``values``: booleans,
  ``None``, a page's offset and size (``LIMIT`` and ``OFFSET`` are written into the SQL).
  The length of an ``__in`` list is taken into the key by itself.
- A value is used as it is: ``filter(published_at__lte=now)``, not ``now - delta`` (compute
  the bound outside and pass it), not ``__icontains=text``. A stand-in that was changed on
  the way (a date moved, a number added to) cannot be found again; ``run`` notices the
  common cases and refuses, and the tests settings (``KAIKU_PREPARED_VERIFY``) compile every
  call afresh as well and compare the two, so a ``build`` that breaks a rule fails its tests.

``run`` keeps at most ``MAX_PLANS`` queries per connection; a change of settings (tests)
forgets them all.
"""

from __future__ import annotations

import datetime
import itertools
import re
from collections.abc import Callable, Hashable
from functools import partial
from typing import Any

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import EmptyResultSet, ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import QuerySet
from django.utils import timezone, translation

from . import settings_generation
from .predicates import is_authenticated

MAX_PLANS = 2000

# Stand-ins: far from any real value, and recognisable after small changes. Integers are
# positive (a positive integer field compiles a lookup of a negative number to "no rows")
# and within a 32-bit column's range (a larger one would compile to "no rows" as well).
_INT_BASE = 1_987_650_000
_INT_NEAR = 1_000_000
_TEXT_MARK = "\x1ekaiku-stand-in-"
_STAND_IN_YEAR = 1903
_EPOCH = datetime.datetime(_STAND_IN_YEAR, 3, 5, 7, 11, 13, tzinfo=datetime.UTC)
_STAND_IN_DATE_TEXT = re.compile(r"190[0-6]-")

_ANONYMOUS = AnonymousUser()


class _StandIns:
    """Stand-ins for one build's values, and the forms they take among the SQL parameters."""

    def __init__(self, connection) -> None:
        self.ops = connection.ops
        self.counter = itertools.count(1)
        self.forms: dict[Any, tuple[str, int | None, str]] = {}

    def make(self, name: str, value: Any) -> Any:
        if isinstance(value, list | tuple):
            return type(value)(self._one(name, index, item) for index, item in enumerate(value))
        return self._one(name, None, value)

    def _one(self, name: str, index: int | None, value: Any) -> Any:
        n = next(self.counter)
        if isinstance(value, bool) or value is None:
            raise TypeError(f"{name}: booleans and None change a query's shape: put them in shape")
        if isinstance(value, int):
            stand_in = _INT_BASE + n
            self.forms[stand_in] = (name, index, "raw")
        elif isinstance(value, str):
            stand_in = f"{_TEXT_MARK}{n}"
            self.forms[stand_in] = (name, index, "raw")
        elif isinstance(value, datetime.datetime):
            stand_in = _EPOCH + datetime.timedelta(seconds=n)
            if timezone.is_naive(value):
                stand_in = stand_in.replace(tzinfo=None)
            self.forms[stand_in] = (name, index, "raw")
            self.forms[self.ops.adapt_datetimefield_value(stand_in)] = (name, index, "datetime")
        elif isinstance(value, datetime.date):
            stand_in = _EPOCH.date() + datetime.timedelta(days=n)
            self.forms[stand_in] = (name, index, "raw")
            self.forms[self.ops.adapt_datefield_value(stand_in)] = (name, index, "date")
        elif isinstance(value, AbstractBaseUser):
            stand_in = _stand_in_person(value, _INT_BASE + n)
            self.forms[stand_in.pk] = (name, index, "pk")
        else:
            raise TypeError(f"{name}: a {type(value).__name__} cannot be a prepared value")
        return stand_in


def _stand_in_person(person, pk: int):
    """A person with ``person``'s roles and flags and nothing else: a build that reads more
    of the person than their id and roles puts a stand-in's empty value in the SQL, and the
    verification in the tests fails."""
    # ``__class__``, not ``type()``: a request's user is a lazy object around the person.
    twin = person.__class__(
        pk=pk,
        is_superuser=person.is_superuser,
        is_staff=person.is_staff,
        is_active=person.is_active,
    )
    twin.adopt_roles(person.roles)
    return twin


def _looks_changed(param: Any) -> bool:
    """A parameter that looks like a stand-in someone changed on the way."""
    if isinstance(param, bool):
        return False
    if isinstance(param, int):
        return abs(param - _INT_BASE) < _INT_NEAR
    if isinstance(param, str):
        return _TEXT_MARK in param or bool(_STAND_IN_DATE_TEXT.match(param))
    if isinstance(param, datetime.date):
        return abs(param.year - _STAND_IN_YEAR) <= 3
    return False


class _Plan:
    __slots__ = ("queryset", "compiler", "sql", "params", "places", "converters", "empty")

    def __init__(self, queryset: QuerySet, connection, stand_ins: _StandIns) -> None:
        if stand_ins.forms and any(
            getattr(lookup, "queryset", None) is not None
            for lookup in queryset._prefetch_related_lookups
        ):
            # A Prefetch's own queryset is kept as built, with the stand-ins in it.
            raise ImproperlyConfigured(
                "A prepared query with values cannot prefetch with a queryset of its own "
                "(Prefetch(..., queryset=...)): prefetch the related rows after the kept "
                "query (see kaiku.core.prepared)."
            )
        self.queryset = queryset
        self.compiler = queryset.query.get_compiler(using=queryset.db)
        try:
            self.sql, params = self.compiler.as_sql()
        except EmptyResultSet:
            self.empty = True
            return
        self.empty = not self.sql
        self.params = list(params)
        self.places = []
        for position, param in enumerate(self.params):
            try:
                found = None if isinstance(param, bool) else stand_ins.forms.get(param)
            except TypeError:  # not hashable: a list (an array on PostgreSQL)
                found = None
            if found is not None:
                self.places.append((position, *found))
            elif _looks_changed(param):
                raise ImproperlyConfigured(
                    f"A prepared query changed a value on the way ({param!r}): compute it "
                    "before the query and pass it as a value (see kaiku.core.prepared)."
                )
        if str(_INT_BASE)[:6] in self.sql or _TEXT_MARK in self.sql:
            raise ImproperlyConfigured(
                "A prepared value went into the SQL itself (a slice? a raw expression?): "
                "put it in the shape (see kaiku.core.prepared)."
            )
        fields = [column[0] for column in self.compiler.select[: self.compiler.col_count]]
        self.converters = self.compiler.get_converters(fields)

    def queryset_for(self, values: dict[str, Any], connection) -> QuerySet:
        ops = connection.ops
        params = list(self.params)
        for position, name, index, form in self.places:
            value = values[name] if index is None else values[name][index]
            if form == "pk":
                value = value.pk
            elif form == "datetime":
                value = ops.adapt_datetimefield_value(value)
            elif form == "date":
                value = ops.adapt_datefield_value(value)
            params[position] = value
        compiler = _shallow_copy(self.compiler)
        compiler.connection = connection
        sql = self.sql
        compiler.as_sql = lambda *args, **kwargs: (sql, tuple(params))
        converters = self.converters
        compiler.get_converters = lambda expressions: converters
        queryset = _shallow_copy(self.queryset)
        queryset._result_cache = None
        queryset._prefetch_done = False
        # Not ``queryset.query = …``: its setter turns a values_list() into values().
        queryset._query = _CompiledQuery(self.queryset.query, compiler)
        return queryset


def _shallow_copy(obj):
    # Not copy.copy(): a QuerySet copied that way runs its query (``__getstate__``).
    twin = obj.__class__.__new__(obj.__class__)
    twin.__dict__.update(obj.__dict__)
    return twin


class _CompiledQuery:
    """The kept query, answering ``get_compiler`` with the compiled one (read only)."""

    def __init__(self, query, compiler) -> None:
        self.__dict__["_query"] = query
        self.__dict__["_compiler"] = compiler

    def get_compiler(self, using=None, connection=None, elide_empty=True):
        return self._compiler

    def __getattr__(self, name: str) -> Any:
        return getattr(self._query, name)


def _shape(value: Any) -> Hashable:
    if isinstance(value, list | tuple):
        return (type(value).__name__, len(value), *{type(item).__name__ for item in value})
    if isinstance(value, datetime.datetime):
        return ("datetime", timezone.is_aware(value))
    if isinstance(value, AbstractBaseUser):
        return "person"
    return type(value).__name__


def run(build: Callable[..., QuerySet], /, *, shape: dict | None = None, **values: Any) -> list:
    """``list(build(**shape, **values))``, with the query built and compiled once per process
    for each ``shape`` (see the module's rules): ``shape`` holds what changes the SQL itself
    (a limit, a flag), ``values`` what only fills its parameters (a time, an id)."""
    return _run(build, build, shape or {}, values)


def for_viewer(viewer, build: Callable[..., QuerySet], /, *, shape=None, **values) -> list:
    """``list(build(viewer, **shape, **values))`` for what ``viewer`` may see.

    Every anonymous visitor (and an inactive account, which sees what they see) shares one
    kept query. A signed-in person's visibility filter depends on their platform roles
    (decided in Python) and on their memberships (subqueries of their id): the query is kept
    per set of roles, with the person's id as a value.
    """
    shape = shape or {}
    if not is_authenticated(viewer):
        return _run(build, partial(build, _ANONYMOUS), shape, values)
    kind = ("person", viewer.is_superuser, viewer.is_staff, viewer.roles)
    return _run(build, build, shape, {"viewer": viewer, **values}, kind)


def _run(
    identity: Callable,
    build: Callable[..., QuerySet],
    shape: dict,
    values: dict,
    kind: Hashable = None,
) -> list:
    connection = connections[DEFAULT_DB_ALIAS]
    code = identity.__code__
    full_key = (
        code,
        kind,
        # A build that reads today's date (a membership's term) gets a new query each day.
        timezone.localdate(),
        code.co_filename,  # code objects compare equal across files
        tuple(sorted(shape.items())),
        translation.get_language(),
        timezone.get_current_timezone_name(),
        tuple((name, _shape(value)) for name, value in sorted(values.items())),
    )
    plans = connection.__dict__.get("_kaiku_prepared")
    if plans is None or plans[0] != settings_generation.current() or len(plans[1]) > MAX_PLANS:
        plans = connection.__dict__["_kaiku_prepared"] = (settings_generation.current(), {})
    plan = plans[1].get(full_key)
    if plan is None:
        stand_ins = _StandIns(connection)
        stand_in_values = {name: stand_ins.make(name, value) for name, value in values.items()}
        built = build(**shape, **stand_in_values)
        plan = plans[1][full_key] = _Plan(built, connection, stand_ins)
    verify = getattr(settings, "KAIKU_PREPARED_VERIFY", False)
    if plan.empty:
        if verify:
            _verify(build(**shape, **values), ("", ()))
        return []
    queryset = plan.queryset_for(values, connection)
    if verify:
        _verify(build(**shape, **values), queryset.query.get_compiler().as_sql())
    return list(queryset)


def _verify(fresh: QuerySet, got: tuple) -> None:
    try:
        expected = fresh.query.get_compiler(using=fresh.db).as_sql()
    except EmptyResultSet:
        expected = ("", ())
    if expected[0] != got[0] or tuple(expected[1]) != tuple(got[1]):
        raise AssertionError(
            "A prepared query differs from the query built afresh: it depends on something "
            f"that is neither in its shape nor in its values.\nkept: {got}\nfresh: {expected}"
        )
