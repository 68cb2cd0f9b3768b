"""Keeping the index up to date: (re)index rows of registered models, rebuild everything.

``reindex(model, pks)`` is the indexer ``kaiku.core.search`` calls after a commit (for
every save and delete of a registered model, and for ``index_on_commit``): it reads the rows
as they are now and replaces their entries; a row that is gone loses its entry. Rows that are
soft-deleted, archived, hidden by a moderator or unpublished keep their entries: search
filters them when it reads, so restoring one needs no reindexing.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Iterator

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone

from kaiku.core.search import Searchable, searchable_of, searchables
from kaiku.core.translations import translated_languages

from .analysis import LANGUAGES, facet_terms, plain_text, text_terms, title_marks
from .models import SearchEntry

BATCH = 500
# The longest text of one language an entry keeps (snippets and terms); the rest of a very
# long text is not searchable.
MAX_BODY = 20_000
MAX_TITLE = 500
_MARKDOWN_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_MARKDOWN_MARKS = re.compile(r"[*_#>`|~]+|^\s*[-+]\s+", re.MULTILINE)


def _texts(obj: models.Model, field: str) -> dict[str, str]:
    """``field`` in each language, as plain text (Markdown is read from its stored HTML)."""
    model = type(obj)
    languages = translated_languages(model, field)
    names = {f.name for f in model._meta.concrete_fields}
    out: dict[str, str] = {}
    for language in languages or ["fi"]:
        suffix = f"_{language}" if languages else ""
        html = (
            getattr(obj, f"{field}_html{suffix}", None)
            if f"{field}_html{suffix}" in names
            else None
        )
        if html:
            out[language] = plain_text(html)
            continue
        value = getattr(obj, f"{field}{suffix}", "") or ""
        if not isinstance(value, str):
            value = str(value)
        if getattr(model, "markdown_fields", ()) and field in model.markdown_fields:
            value = _MARKDOWN_MARKS.sub(" ", _MARKDOWN_LINK_TARGET.sub("]", value))
        out[language] = value
    return out


def _group_pk(searchable: Searchable, obj: models.Model) -> int | None:
    path = searchable.group_path
    if not path:
        return None
    if path == "pk":
        return obj.pk
    *parents, last = path.split("__")
    for name in parents:
        obj = getattr(obj, name, None)
        if obj is None:
            return None
    return getattr(obj, f"{last}_id", None)


def _date(searchable: Searchable, obj: models.Model) -> datetime.datetime | None:
    if not searchable.date_field:
        return None
    value = getattr(obj, searchable.date_field, None)
    if isinstance(value, datetime.datetime) or value is None:
        return value
    return timezone.make_aware(datetime.datetime.combine(value, datetime.time()))


def build_entry(searchable: Searchable, content_type: ContentType, obj) -> SearchEntry:
    title_field, *body_fields = searchable.fields
    titles = _texts(obj, title_field)
    bodies: dict[str, list[str]] = {language: [] for language in LANGUAGES}
    for field in body_fields:
        for language, text in _texts(obj, field).items():
            if text.strip():
                bodies[language].append(text.strip())
    body = {language: "\n\n".join(parts)[:MAX_BODY] for language, parts in bodies.items()}
    title = {
        language: " ".join(titles.get(language, "").split())[:MAX_TITLE] for language in LANGUAGES
    }
    title_terms: list[str] = []
    body_terms: list[str] = []
    for language in LANGUAGES:
        title_terms.extend(text_terms(title[language], language))
        body_terms.extend(text_terms(body[language], language))
    if not body_fields:
        # A text without a title (a comment, an answer) is shown by its beginning, but its
        # words weigh as a body's: a title match ranks above a word in somebody's comment.
        title_terms, body_terms = [], title_terms
    date = _date(searchable, obj)
    group_pk = _group_pk(searchable, obj)
    year = timezone.localtime(date).year if date else None
    # Marked copies in the title column: on PostgreSQL they then weigh as titles (A).
    title_terms.extend(title_marks(title_terms))
    body_terms.extend(facet_terms(content_type_id=content_type.pk, group_pk=group_pk, year=year))
    return SearchEntry(
        content_type=content_type,
        object_id=obj.pk,
        group_pk=group_pk,
        date=date,
        year=year,
        title_fi=title["fi"],
        title_sv=title["sv"],
        title_en=title["en"],
        body_fi=body["fi"],
        body_sv=body["sv"],
        body_en=body["en"],
        title_terms=" ".join(title_terms),
        body_terms=" ".join(body_terms),
    )


def _index_select_related(searchable: Searchable) -> list[str]:
    path = searchable.group_path
    if path and path != "pk" and "__" in path:
        return [path.rsplit("__", 1)[0]]
    return []


def _chunks(pks: list[int]) -> Iterator[list[int]]:
    for start in range(0, len(pks), BATCH):
        yield pks[start : start + BATCH]


def reindex(model: type[models.Model], pks: Iterable[int]) -> None:
    """Replace the entries of rows ``pks`` of ``model`` with their current content."""
    searchable = searchable_of(model)
    if searchable is None:
        return
    content_type = ContentType.objects.get_for_model(searchable.model)
    for chunk in _chunks(sorted(set(pks))):
        rows = searchable.model._base_manager.filter(pk__in=chunk).select_related(
            *_index_select_related(searchable)
        )
        entries = [build_entry(searchable, content_type, obj) for obj in rows]
        with transaction.atomic():
            SearchEntry.objects.filter(content_type=content_type, object_id__in=chunk).delete()
            SearchEntry.objects.bulk_create(entries, batch_size=BATCH)


def _dated_pks(searchable: Searchable, rows: models.QuerySet) -> list[tuple]:
    """``(date, model, pk)`` of ``rows`` (None dates first when sorted)."""
    field = searchable.date_field
    if not field:
        return [(_EPOCH, searchable.model, pk) for pk in rows.values_list("pk", flat=True)]
    out = []
    for pk, value in rows.values_list("pk", field):
        if value is None:
            value = _EPOCH
        elif not isinstance(value, datetime.datetime):
            value = timezone.make_aware(datetime.datetime.combine(value, datetime.time()))
        out.append((value, searchable.model, pk))
    return out


_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


def _index_in_date_order(items: list[tuple]) -> None:
    """(Re)index ``(date, model, pk)`` rows of any models, oldest first: an entry's id then
    follows the content's date, which the search's window of recent matches relies on
    (``fulltext.WINDOW``). Later saves add entries at the end, as the newest."""
    items.sort(key=lambda item: (item[0], item[1]._meta.label, item[2]))
    for start in range(0, len(items), BATCH):
        chunk = items[start : start + BATCH]
        by_model: dict[type[models.Model], list[int]] = {}
        for _date, model, pk in chunk:
            by_model.setdefault(model, []).append(pk)
        built: dict[tuple, SearchEntry] = {}
        content_types = {}
        for model, pks in by_model.items():
            searchable = searchable_of(model)
            content_types[model] = content_type = ContentType.objects.get_for_model(model)
            rows = model._base_manager.filter(pk__in=pks).select_related(
                *_index_select_related(searchable)
            )
            for obj in rows:
                built[(model, obj.pk)] = build_entry(searchable, content_type, obj)
        with transaction.atomic():
            for model, pks in by_model.items():
                SearchEntry.objects.filter(
                    content_type=content_types[model], object_id__in=pks
                ).delete()
            entries = [built[(m, pk)] for _d, m, pk in chunk if (m, pk) in built]
            SearchEntry.objects.bulk_create(entries, batch_size=BATCH)


def rebuild(*, stdout=None) -> dict[str, int]:
    """Index every row of every registered model again, oldest first, and drop entries of
    rows that are gone or of models no longer searchable. Idempotent."""
    counts: dict[str, int] = {}
    wanted_types = []
    items: list[tuple] = []
    for model, searchable in searchables().items():
        content_type = ContentType.objects.get_for_model(model)
        wanted_types.append(content_type.pk)
        found = _dated_pks(searchable, model._base_manager.all())
        items.extend(found)
        counts[model._meta.label] = len(found)
        if stdout is not None:
            stdout.write(f"{model._meta.label}: {len(found)}")
    # Chunk by chunk, each row's old entry replaced by its new one: search keeps working.
    _index_in_date_order(items)
    for model in searchables():
        SearchEntry.objects.filter(content_type=ContentType.objects.get_for_model(model)).exclude(
            object_id__in=model._base_manager.values("pk")
        ).delete()
    SearchEntry.objects.exclude(content_type__in=wanted_types).delete()
    return counts


def index_missing() -> dict[str, int]:
    """Index the rows that have no entry yet (bulk loads bypass the signals), oldest first,
    and drop entries of rows that are gone: a cheap rerun when little has changed."""
    counts: dict[str, int] = {}
    items: list[tuple] = []
    for model, searchable in searchables().items():
        content_type = ContentType.objects.get_for_model(model)
        indexed = SearchEntry.objects.filter(content_type=content_type).values("object_id")
        found = _dated_pks(searchable, model._base_manager.exclude(pk__in=indexed))
        items.extend(found)
        SearchEntry.objects.filter(content_type=content_type).exclude(
            object_id__in=model._base_manager.values("pk")
        ).delete()
        counts[model._meta.label] = len(found)
    _index_in_date_order(items)
    return counts
