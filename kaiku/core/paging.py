"""A page of a list and the length of the whole list, read in one query.

Django's ``Paginator`` asks the database twice per page: ``COUNT(*)`` of the list, then the
page's rows. Here the rows carry the count instead: ``COUNT(*) OVER ()`` is computed over the
whole filtered list before ``LIMIT``/``OFFSET`` cut it, so every row of the page says how
many rows the list holds. The count is read from the first row; an empty page (past the end,
an empty list) has no row to read it from, and then the paginator answers as it always does.

- ``with_total(queryset)``: the rows carry ``window_total``;
- ``total_of(rows)``: the number they carry (0 for no rows);
- ``page_of(queryset, number, per_page, ...)``: what ``Paginator(queryset,
  per_page).get_page(number)`` returns, in one query for every page that has rows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from django.core.paginator import Page, Paginator
from django.db.models import Count, QuerySet, Window

TOTAL = "window_total"


def with_total(queryset: QuerySet) -> QuerySet:
    """``queryset`` whose rows carry ``window_total``: how many rows the whole filtered
    queryset holds (counted before any slice)."""
    return queryset.annotate(**{TOTAL: Window(Count("pk"))})


def total_of(rows: Sequence) -> int:
    """The list's length carried by ``rows`` (instances or ``values()`` dicts of
    ``with_total``); 0 when there are none."""
    if not rows:
        return 0
    first = rows[0]
    return first[TOTAL] if isinstance(first, dict) else getattr(first, TOTAL)


def page_number(value, default: int = 1) -> int | None:
    """The page number a request asks for: ``default`` when none is given, None when it is
    not a whole number (the paginator then decides, as ``get_page`` does)."""
    if value is None:
        return default
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def page_of(
    queryset: QuerySet | Callable[[], QuerySet],
    number,
    per_page: int,
    *,
    max_page: int,
    read: Callable[[int, int], list] | None = None,
) -> Page:
    """``Paginator(queryset, per_page).get_page(number)`` with the page's rows and the
    count in one query. ``read(start, stop)`` reads the rows (default: ``with_total`` of
    ``queryset`` sliced); they must carry ``window_total``. With ``read``, ``queryset`` may be
    a function that builds it: it is called only when the paginator must answer itself.
    A number beyond ``max_page`` is not read (no huge offset): the paginator gives its last
    page, as for any page past the end, and for a number that is not a number its first."""
    wanted = page_number(number)
    if wanted is not None and 1 <= wanted <= max_page:
        start = (wanted - 1) * per_page
        stop = start + per_page
        rows = read(start, stop) if read else list(with_total(queryset)[start:stop])
        if rows:
            paginator = Paginator((), per_page)
            paginator.count = total_of(rows)  # the cached property, already known
            return Page(rows, wanted, paginator)
    if callable(queryset) and not isinstance(queryset, QuerySet):
        queryset = queryset()
    return Paginator(queryset, per_page).get_page(number)
