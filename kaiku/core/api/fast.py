"""A cheaper ``to_representation`` for read serializers, with the same output.

DRF reads every field of every row through ``Field.get_attribute`` (which inspects the
signature of callables such as ``get_absolute_url`` for each row), builds a related manager
and a queryset clone for each prefetched relation it reads, and calls ``reverse()`` for each
row's hyperlink. A list of 50 items with nested relations spends most of its CPU there.

``FastRepresentationMixin`` plans once per serializer instance (a list's child serializer is
one instance for all its rows) how to read each field:

* a plain attribute (a column, an annotation, a ``to_attr`` list) is read with ``getattr``
  and given to the field's own ``to_representation`` (so dates, choices and booleans are
  formatted exactly as DRF formats them);
* a method such as ``get_type_display`` is called, as DRF calls it;
* a many-to-many or reverse relation already prefetched is read from the prefetch cache
  (the same rows in the same order as ``.all()``);
* a ``HyperlinkedIdentityField`` or a ``WebUrlField`` with a ``route`` is the address for
  that view with the object's id or slug put in: ``kaiku.core.links.reverse_cached``'s
  template, cut once per request (``path_template``), not a ``reverse()`` per row. Values
  that ``reverse()`` could quote or refuse take DRF's own path.

Anything else (dotted sources with a missing link, nested serializers without the mixin,
values that raise) takes DRF's own path for that field and row, so the output stays the same:
the API tests compare both paths (``generic_representation``).
"""

from __future__ import annotations

import copy
import datetime
import re
from collections.abc import Mapping

from django.core.exceptions import ObjectDoesNotExist
from django.core.signals import setting_changed
from django.db.models import Manager
from django.db.models.fields.related_descriptors import ForwardManyToOneDescriptor
from django.db.models.query_utils import DeferredAttribute
from django.urls import NoReverseMatch
from rest_framework import ISO_8601, serializers
from rest_framework.fields import SkipField, is_simple_callable
from rest_framework.relations import (
    Hyperlink,
    HyperlinkedIdentityField,
    ManyRelatedField,
    PKOnlyObject,
    PrimaryKeyRelatedField,
    SlugRelatedField,
)
from rest_framework.reverse import preserve_builtin_query_params
from rest_framework.settings import api_settings

from kaiku.core.links import reverse_cached

# Values reverse() puts into a path unchanged (no quoting) and that every id or slug pattern
# of the API accepts.
_PLAIN = re.compile(r"[-a-zA-Z0-9_]{1,120}\Z")
_MISSING = object()
# The fields of model serializers as built for their class (FastRepresentationMixin); built
# again after a change of settings (tests change the languages).
_BUILT_FIELDS: dict = {}


def _forget_fields(**kwargs) -> None:
    _BUILT_FIELDS.clear()


setting_changed.connect(_forget_fields, dispatch_uid="kaiku.core.api.fast.forget_fields")


def is_plain(value: str) -> bool:
    """True when ``reverse()`` would put ``value`` into an address unchanged."""
    return _PLAIN.match(value) is not None


def prefetched(instance, name: str):
    """The rows of ``instance``'s relation ``name`` when they were prefetched under that name,
    else None."""
    cache = getattr(instance, "_prefetched_objects_cache", None)
    if cache:
        queryset = cache.get(name)
        if queryset is not None and queryset._result_cache is not None:
            return queryset._result_cache
    return None


def attach_slugs(instances, relation: str, slug_field: str) -> None:
    """The ``slug_field`` values of the forward many-to-many ``relation`` of each of
    ``instances``, from one query of the related model's default manager (its order, in the
    active language as modeltranslation gives it), as ``Prefetch(relation,
    queryset=Related.objects...)`` reads them: the fast path reads these instead of a
    ``prefetch_related``, which builds a manager and a filtered queryset per instance.
    Without them the field reads the relation as before."""
    instances = list(instances)
    if not instances:
        return
    from kaiku.core.prepared import run

    field = type(instances[0])._meta.get_field(relation)
    shape = {"model": field.related_model, "back": field.related_query_name(), "slug": slug_field}
    rows = run(_slug_rows, shape=shape, ids=[instance.pk for instance in instances])
    found: dict = {}
    for owner, slug in rows:
        found.setdefault(owner, []).append(slug)
    for instance in instances:
        instance.__dict__.setdefault("_kaiku_slugs", {})[relation, slug_field] = found.get(
            instance.pk, []
        )


def _slug_rows(*, model, back: str, slug: str, ids: list):
    # attach_slugs' query (a kept query: kaiku.core.prepared).
    return model._default_manager.filter(**{f"{back}__in": ids}).values_list(back, slug)


def request_affixes(request) -> tuple[str, str]:
    """What DRF's ``reverse(..., request=request)`` puts around a path: the request's scheme
    and host before it, its preserved query (``?format=``) after it."""
    root = request.build_absolute_uri("/")
    return root[:-1], preserve_builtin_query_params(root, request)[len(root) :]


def path_template(view_name: str, names) -> list[str] | None:
    """``reverse_cached(view_name, ...)`` cut at its arguments: the text parts and the names
    between them, in their order in the address (``["/x/", "slug", "/"]``), from one call
    with a marker for each name (``reverse_cached`` fills values in as they are). A list
    then joins strings for each row instead of looking up ``reverse_cached``'s template
    (whose key reads three context-local values) for each of them. None when a marker is not
    found exactly once; ``NoReverseMatch`` when ``reverse_cached`` refuses the route."""
    marks = {name: f"~{i}~" for i, name in enumerate(names)}
    path = reverse_cached(view_name, **marks)
    found = []
    for name, mark in marks.items():
        if path.count(mark) != 1:
            return None
        found.append((path.index(mark), name, mark))
    parts: list[str] = []
    offset = 0
    for position, name, mark in sorted(found):
        parts.append(path[offset:position])
        parts.append(name)
        offset = position + len(mark)
    parts.append(path[offset:])
    return parts


def url_reader(view_name: str, attribute_paths: dict[str, str], slow, before="", after=""):
    """A reader of ``before + reverse_cached(view_name, **{name: obj.<path>}) + after``;
    rows whose values are not plain ids or slugs take ``slow``. None when the route has no
    template (``path_template``)."""
    try:
        parts = path_template(view_name, list(attribute_paths))
    except NoReverseMatch:
        return None
    if parts is None:
        return None
    texts = parts[0::2]
    texts[0] = before + texts[0]
    texts[-1] = texts[-1] + after
    getters = [attribute_paths[name].split(".") for name in parts[1::2]]

    def read(instance):
        pieces = [texts[0]]
        for path, text in zip(getters, texts[1:], strict=True):
            value = instance
            for attr in path:
                value = getattr(value, attr)
            value = str(value)
            if not _PLAIN.match(value):
                raise _UnusualRowError
            pieces.append(value)
            pieces.append(text)
        return "".join(pieces)

    return _guarded(read, slow)


def _generic(field):
    def read(instance):
        attribute = field.get_attribute(instance)  # may raise SkipField
        check = attribute.pk if isinstance(attribute, PKOnlyObject) else attribute
        return None if check is None else field.to_representation(attribute)

    return read


def _guarded(fast, slow):
    """``fast``, or DRF's path when ``fast`` meets something unusual for this row."""

    def read(instance):
        try:
            return fast(instance)
        except (ObjectDoesNotExist, AttributeError, KeyError, _UnusualRowError):
            return slow(instance)

    return read


class _UnusualRowError(Exception):
    """Raised by a fast reader to hand the row to DRF's path."""


def _identity_url_reader(field, slow):
    request = field.context.get("request")
    if (
        request is None
        or field.context.get("format")
        or getattr(request, "versioning_scheme", None) is not None
    ):
        return None
    read_url = url_reader(
        field.view_name,
        {field.lookup_url_kwarg: field.lookup_field},
        slow,
        *request_affixes(request),
    )
    if read_url is None:
        return None

    def read(instance):
        pk = instance.pk
        if pk is None or pk == "":
            return None
        return Hyperlink(read_url(instance), instance)

    return read


def datetime_writer():
    """DRF's ``DateTimeField().to_representation`` (ISO 8601 by default), the time zone read
    once: for lists written from plain rows, as their serializers would write a moment."""
    return _representer(serializers.DateTimeField())


def _representer(field):
    """``field.to_representation``, or for DRF's own ``DateTimeField`` in ISO 8601 the same
    text without looking up the current time zone for each value (DRF's
    ``enforce_timezone`` does): the zone is read once, when the plan is made (a serializer
    lives within one request)."""
    represent = field.to_representation
    kind = type(field)
    if not (
        isinstance(field, serializers.DateTimeField)
        and kind.to_representation is serializers.DateTimeField.to_representation
        and kind.enforce_timezone is serializers.DateTimeField.enforce_timezone
        and kind.default_timezone is serializers.DateTimeField.default_timezone
        and not hasattr(field, "timezone")
    ):
        return represent
    output_format = getattr(field, "format", api_settings.DATETIME_FORMAT)
    if not isinstance(output_format, str) or output_format.lower() != ISO_8601:
        return represent
    zone = field.default_timezone()
    if zone is None:
        return represent

    def represent_datetime(value):
        if type(value) is not datetime.datetime or value.utcoffset() is None:
            return represent(value)  # naive values, dates, strings: DRF's way
        try:
            text = value.astimezone(zone).isoformat()
        except OverflowError:
            return represent(value)
        return text[:-6] + "Z" if text.endswith("+00:00") else text

    return represent_datetime


def _value_reader(field, attr: str, call: bool, slow):
    represent = _representer(field)

    if call:

        def read(instance):
            value = getattr(instance, attr)()
            return None if value is None else represent(value)

    else:

        def read(instance):
            value = getattr(instance, attr)
            if value is None:
                return None
            if callable(value):
                raise _UnusualRowError
            return represent(value)

    return _guarded(read, slow)


def _rows_reader(attr: str, *, managers_only: bool):
    """The rows of a relation or a list attribute, as DRF gives them: a related field calls
    ``.all()`` on anything that has it, a list serializer on managers only."""

    def rows(instance):
        rows_ = prefetched(instance, attr)
        if rows_ is not None:
            return rows_
        value = getattr(instance, attr)
        if isinstance(value, Manager) if managers_only else hasattr(value, "all"):
            return value.all()
        return value

    return rows


def _plan_field(field, model, sample):
    slow = _generic(field)
    source = field.source
    if source == "*":
        if isinstance(field, HyperlinkedIdentityField):
            return _identity_url_reader(field, slow) or slow
        fast_url = getattr(field, "fast_reader", None)
        if fast_url is not None:
            return fast_url(slow) or slow
        # A method field or a nested serializer of the object itself.
        return field.to_representation
    attrs = field.source_attrs
    if len(attrs) != 1:
        return _dotted_reader(field, attrs, slow)
    attr = attrs[0]
    class_attr = getattr(model, attr, _MISSING) if model is not None else _MISSING

    fast_url = getattr(field, "fast_reader", None)
    if fast_url is not None:
        return fast_url(slow) or slow

    if isinstance(field, ManyRelatedField):
        rows = _rows_reader(attr, managers_only=False)
        child = field.child_relation
        if isinstance(child, SlugRelatedField) and "__" not in child.slug_field:
            slug = child.slug_field

            def read(instance):
                if instance.pk is None:
                    return []
                attached = instance.__dict__.get("_kaiku_slugs")
                if attached is not None and (attr, slug) in attached:
                    return list(attached[attr, slug])
                return [getattr(row, slug) for row in rows(instance)]

            return _guarded(read, slow)
        child_represent = child.to_representation

        def read_many(instance):
            if instance.pk is None:
                return []
            return [child_represent(row) for row in rows(instance)]

        return _guarded(read_many, slow)

    if isinstance(field, serializers.ListSerializer):
        rows = _rows_reader(attr, managers_only=True)
        child_represent = field.child.to_representation

        def read_list(instance):
            items = rows(instance)
            return None if items is None else [child_represent(row) for row in items]

        return _guarded(read_list, slow)

    if isinstance(field, SlugRelatedField) and "__" not in field.slug_field:
        slug = field.slug_field

        def read_slug(instance):
            related = getattr(instance, attr)
            return None if related is None else getattr(related, slug)

        return _guarded(read_slug, slow)

    if isinstance(field, PrimaryKeyRelatedField) and field.pk_field is None:
        if isinstance(class_attr, ForwardManyToOneDescriptor):
            attname = class_attr.field.attname

            def read_pk(instance):
                return getattr(instance, attname)

            return _guarded(read_pk, slow)
        return slow

    if isinstance(field, serializers.RelatedField):
        return slow  # hyperlinks and strings of related objects: DRF's path

    if isinstance(field, serializers.BaseSerializer):
        # A nested single object: read it, then the nested serializer's own representation.
        represent = field.to_representation

        def read_nested(instance):
            value = getattr(instance, attr)
            return None if value is None else represent(value)

        return _guarded(read_nested, slow)

    # A plain value: a column (or its translation), a property, an annotation or a method.
    if isinstance(class_attr, DeferredAttribute | property) or hasattr(class_attr, "__set__"):
        return _value_reader(field, attr, False, slow)
    bound = getattr(sample, attr, _MISSING)
    if bound is _MISSING:
        return slow
    if callable(bound):
        try:
            simple = is_simple_callable(bound)
        except Exception:  # builtins: DRF raises for those, keep its path
            return slow
        return _value_reader(field, attr, True, slow) if simple else slow
    return _value_reader(field, attr, False, slow)


def _dotted_reader(field, attrs, slow):
    represent = field.to_representation

    def read(instance):
        value = instance
        for attr in attrs:
            value = getattr(value, attr)
            if value is None or callable(value):
                raise _UnusualRowError  # DRF's defaults and callables
        return represent(value)

    return _guarded(read, slow)


# The same representation as DRF's ``Serializer.to_representation``, cheaper. A comment,
# not a docstring: drf-spectacular would describe every serializer without its own docstring
# with it.
#
# A model serializer's fields are built once per class (and ``_fields_key``): DRF builds them
# again for each serializer instance from the model's metadata (field info, field kwargs,
# extra kwargs). Each instance gets a deep copy of the built fields, as DRF deep-copies its
# declared fields, so no field is shared or bound twice.
class FastRepresentationMixin:
    def _fields_key(self):
        """What the fields depend on besides the class (override with the instance's
        options when ``get_field_names`` or ``get_fields`` reads them)."""
        return None

    def get_fields(self):
        if not isinstance(self, serializers.ModelSerializer):
            return super().get_fields()
        key = (type(self), self._fields_key())
        fields = _BUILT_FIELDS.get(key)
        if fields is None:
            fields = _BUILT_FIELDS[key] = super().get_fields()
        return copy.deepcopy(fields)

    def _fast_plan(self, instance):
        plan = self.__dict__.get("_kaiku_fast_plan")
        if plan is None:
            model = None if isinstance(instance, Mapping) else type(instance)
            if model is None:
                plan = [(field.field_name, _generic(field)) for field in self._readable_fields]
            else:
                plan = [
                    (field.field_name, _plan_field(field, model, instance))
                    for field in self._readable_fields
                ]
            self._kaiku_fast_plan = plan
        return plan

    def to_representation(self, instance):
        result = {}
        for name, read in self._fast_plan(instance):
            try:
                result[name] = read(instance)
            except SkipField:
                continue
        return result


def generic_representation(serializer, instance):
    """DRF's own representation of ``instance`` (for tests comparing both paths)."""
    return serializers.Serializer.to_representation(serializer, instance)
