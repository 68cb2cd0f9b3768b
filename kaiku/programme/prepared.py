"""Querysets whose SQL is compiled once per process and run again with new values.

Building and compiling an ORM queryset costs about a millisecond of CPU whatever the rows
(the group page's dozen queries were a third of its render), and for an anonymous visitor
the SQL of each of the page's queries is the same on every request but for a few values:
the group's id, the moment of the request. ``rows(key, build, **values)`` compiles
``build(**values)`` once (per database, language, day and key), learns where those values
sit among the SQL's parameters, and afterwards runs the kept SQL with the new values and
turns the rows into what the queryset would have returned (model instances with their
``select_related`` objects and annotations; not ``values()`` rows, whose translated
fields modeltranslation fills in its own way). What is read and
how it is filtered stays the ORM's: the kept statement is the ORM's own SQL. Like
``reverse_cached`` for addresses, it is a per-process memo of something that does not
change at run time; the rows are read from the database on every call.

How the values are found: the queryset is compiled twice, with the given values and with
different ones of the same type. The parameters that differ must each be one of the values
(as given or as the database backend adapted it), and the SQL text must be the same:
otherwise the statement is refused (``UnpreparedQueryError``) and the build is a bug to fix. A
parameter the builder takes from elsewhere and that differs between the two compilations
(``timezone.now()`` read inside) is caught the same way. What stays equal in both — every
constant, and the current day inside a visibility rule — is kept, hence the day and the
language in the key.

Only for what a query's SQL does not vary with: pass ``prepared=False`` (e.g. for a
signed-in viewer, whose visibility rules hold their own values) to run the queryset as
usual.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django.core.signals import setting_changed
from django.db import connections
from django.db.models import QuerySet
from django.db.models.query import ModelIterable, get_related_populators
from django.utils import timezone
from django.utils.translation import get_language


class UnpreparedQueryError(Exception):
    """The queryset's SQL varies with something other than the values given."""


class _Statement:
    __slots__ = (
        "sql",
        "params",
        "slots",
        "query",
        "select",
        "klass_info",
        "annotation_col_map",
        "col_count",
        "has_extra_select",
        "alias",
    )


_statements: dict[tuple, _Statement] = {}


def _forget(**kwargs) -> None:
    _statements.clear()


setting_changed.connect(_forget, dispatch_uid="kaiku.programme.prepared.forget")


def _other(value: Any, salt: int) -> Any:
    """A different value of the same type, different for each ``salt`` (so that two equal
    values are told apart by their other values)."""
    if isinstance(value, bool):
        raise UnpreparedQueryError("A boolean may change the SQL: not a value to prepare.")
    if isinstance(value, int):
        return value + 7_919 * salt
    if isinstance(value, str):
        return f"{value}-x{salt}"
    if isinstance(value, datetime.datetime):
        return value - datetime.timedelta(days=3 * salt, microseconds=7)
    if isinstance(value, datetime.date):
        return value - datetime.timedelta(days=3 * salt)
    if isinstance(value, tuple):
        return tuple(_other(item, salt * 100 + i) for i, item in enumerate(value, 1))
    raise UnpreparedQueryError(f"Cannot prepare a value of type {type(value).__name__}.")


def _adapters(connection) -> list[Callable[[Any], Any]]:
    ops = connection.ops
    return [
        lambda value: value,
        ops.adapt_datetimefield_value,
        ops.adapt_datefield_value,
    ]


def _flat(values: dict[str, Any]) -> list[tuple[tuple, Any]]:
    """``((name, index), value)`` of every scalar value (a tuple's items one by one)."""
    flat = []
    for name, value in values.items():
        if isinstance(value, tuple):
            flat += [((name, index), item) for index, item in enumerate(value)]
        else:
            flat.append(((name, None), value))
    return flat


def _prepare(build: Callable[..., QuerySet], values: dict[str, Any], using) -> _Statement:
    others = {name: _other(v, i) for i, (name, v) in enumerate(values.items(), 1)}
    first, second = build(**values), build(**others)
    if first._prefetch_related_lookups or first._known_related_objects:
        raise UnpreparedQueryError("Prefetches and known related objects are not prepared.")
    if first._iterable_class is not ModelIterable:
        # values() and values_list() rows: modeltranslation fills their fallbacks itself.
        raise UnpreparedQueryError("Only querysets of model instances are prepared.")
    alias = using or first.db
    connection = connections[alias]
    compiler = first.query.get_compiler(using=alias)
    sql, params = compiler.as_sql()
    other_sql, other_params = second.query.get_compiler(using=alias).as_sql()
    if sql != other_sql or len(params) != len(other_params):
        raise UnpreparedQueryError("The SQL changes with the values.")
    given, changed = _flat(values), dict(_flat(others))
    slots: list[tuple | None] = []
    for param, other in zip(params, other_params, strict=True):
        if param == other and type(param) is type(other):
            slots.append(None)
            continue
        slot = next(
            (
                (key, adapt)
                for key, value in given
                for adapt in _adapters(connection)
                if _same(_adapted(adapt, value), param)
                and _same(_adapted(adapt, changed[key]), other)
            ),
            None,
        )
        if slot is None:
            raise UnpreparedQueryError(
                f"A parameter of the SQL is not one of the values: {param!r}."
            )
        slots.append(slot)
    statement = _Statement()
    statement.sql, statement.params, statement.slots = sql, tuple(params), tuple(slots)
    statement.query = first.query
    statement.select, statement.klass_info = compiler.select, compiler.klass_info
    statement.annotation_col_map = compiler.annotation_col_map
    statement.col_count, statement.has_extra_select = compiler.col_count, compiler.has_extra_select
    statement.alias = alias
    return statement


_FAILED = object()


def _adapted(adapt: Callable[[Any], Any], value: Any) -> Any:
    """``adapt(value)``, or a marker equal to nothing when the adapter does not take it."""
    try:
        return adapt(value)
    except Exception:  # noqa: BLE001 - an adapter for another type
        return _FAILED


def _same(a: Any, b: Any) -> bool:
    try:
        return type(a) is type(b) and a == b
    except Exception:  # noqa: BLE001 - values that do not compare are not the same
        return False


def rows(key: str, build: Callable[..., QuerySet], *, prepared: bool = True, **values: Any) -> list:
    """``list(build(**values))``, from SQL compiled once per key (see the module's doc).
    ``values`` are ints, strings, dates, datetimes or tuples of them (never None); ``build``
    must give the same SQL for any such values, which only fill its parameters."""
    if not prepared:
        return list(build(**values))
    for value in values.values():
        if value is None or (isinstance(value, tuple) and None in value):
            return list(build(**values))  # None changes the SQL (IS NULL): not prepared
    shape = tuple(len(v) if isinstance(v, tuple) else -1 for v in values.values())
    full_key = (key, tuple(values), shape, get_language(), timezone.localdate())
    statement = _statements.get(full_key)
    if statement is None:
        statement = _prepare(build, values, None)
        _statements[full_key] = statement
    return _run(statement, values)


def _run(statement: _Statement, values: dict[str, Any]) -> list:
    compiler = statement.query.get_compiler(using=statement.alias)
    connection = compiler.connection
    params = []
    for param, slot in zip(statement.params, statement.slots, strict=True):
        if slot is None:
            params.append(param)
        else:
            (name, index), adapt = slot
            params.append(adapt(values[name] if index is None else values[name][index]))
    with connection.cursor() as cursor:
        cursor.execute(statement.sql, params)
        fetched = cursor.fetchall()
    if statement.has_extra_select:
        fetched = [row[: statement.col_count] for row in fetched]
    compiler.select, compiler.klass_info = statement.select, statement.klass_info
    compiler.annotation_col_map = statement.annotation_col_map
    compiler.col_count = statement.col_count
    return _instances(compiler, fetched, connection.alias)


def _instances(compiler, fetched: list, db: str) -> list:
    """``ModelIterable``'s rows → instances, for the compiler's kept shape."""
    select, klass_info = compiler.select, compiler.klass_info
    model_cls = klass_info["model"]
    select_fields = klass_info["select_fields"]
    start, end = select_fields[0], select_fields[-1] + 1
    init_list = [f[0].target.attname for f in select[start:end]]
    populators = get_related_populators(klass_info, select, db)
    annotations = compiler.annotation_col_map
    objects = []
    for row in compiler.results_iter([fetched]):
        obj = model_cls.from_db(db, init_list, row[start:end])
        for populator in populators:
            populator.populate(row, obj)
        if annotations:
            for name, position in annotations.items():
                setattr(obj, name, row[position])
        objects.append(obj)
    return objects
