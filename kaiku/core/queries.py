"""Small query expressions that several apps need."""

from __future__ import annotations

from django.db.models import Count, IntegerField, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce


def correlated_count(rows: QuerySet, outer: str) -> Coalesce:
    """How many of ``rows`` belong to each outer row, as an expression for ``annotate`` or
    ``update`` (0 when none do). ``rows`` is filtered on an ``OuterRef`` through the field
    ``outer``, e.g. ``correlated_count(Vote.objects.filter(question=OuterRef("pk")),
    "question")``: one correlated subquery, no join that would multiply the outer rows."""
    counted = rows.order_by().values(outer).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))
