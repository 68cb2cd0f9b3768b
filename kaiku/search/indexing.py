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

from .analysis import LANGUAGES, plain_text, text_terms
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
    date = _date(searchable, obj)
    return SearchEntry(
        content_type=content_type,
        object_id=obj.pk,
        group_pk=_group_pk(searchable, obj),
        date=date,
        year=timezone.localtime(date).year if date else None,
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


def rebuild(*, stdout=None) -> dict[str, int]:
    """Index every row of every registered model again, and drop entries of rows that are
    gone or of models no longer searchable. Idempotent."""
    counts: dict[str, int] = {}
    wanted_types = []
    for model in searchables():
        content_type = ContentType.objects.get_for_model(model)
        wanted_types.append(content_type.pk)
        pks = list(model._base_manager.order_by("pk").values_list("pk", flat=True))
        reindex(model, pks)
        SearchEntry.objects.filter(content_type=content_type).exclude(
            object_id__in=model._base_manager.values("pk")
        ).delete()
        counts[model._meta.label] = len(pks)
        if stdout is not None:
            stdout.write(f"{model._meta.label}: {len(pks)}")
    SearchEntry.objects.exclude(content_type__in=wanted_types).delete()
    return counts


def index_missing() -> dict[str, int]:
    """Index the rows that have no entry yet (bulk loads bypass the signals), and drop
    entries of rows that are gone: a cheap rerun when little has changed."""
    counts: dict[str, int] = {}
    for model in searchables():
        content_type = ContentType.objects.get_for_model(model)
        indexed = SearchEntry.objects.filter(content_type=content_type).values("object_id")
        pks = list(
            model._base_manager.exclude(pk__in=indexed).order_by("pk").values_list("pk", flat=True)
        )
        reindex(model, pks)
        SearchEntry.objects.filter(content_type=content_type).exclude(
            object_id__in=model._base_manager.values("pk")
        ).delete()
        counts[model._meta.label] = len(pks)
    return counts
