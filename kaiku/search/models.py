"""The search index: one ``SearchEntry`` per searchable row (``kaiku.core.search``).

An entry holds what search reads without touching the content's own tables: the texts in
every language (for the snippet), their index terms (words and base forms, see
``analysis.py``), and the facets (type, working group, date). It decides nothing about who
may see a row: every search filters the entries through the content layer.

The full-text part differs per database and is created by migration ``0002``:

* SQLite: the FTS5 table ``search_fts`` over ``title_terms`` and ``body_terms``, kept in
  step with this table by triggers, ranked with ``bm25`` (``SearchText`` reads it);
* PostgreSQL: the generated column ``search_vector`` (``simple`` configuration, titles
  weighted A, bodies B) with a GIN index, ranked with ``ts_rank``.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Lookup
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    # The working group the row belongs to, for the group facet (no foreign key: the index
    # is derived data and never holds a delete back).
    group_pk = models.PositiveBigIntegerField(null=True, blank=True)
    date = models.DateTimeField(null=True, blank=True)
    # The date's year in the site's time zone, for the year facet (stored: extracting it per
    # row in a query is a Python function call per row on SQLite).
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    title_fi = models.CharField(max_length=500, blank=True)
    title_sv = models.CharField(max_length=500, blank=True)
    title_en = models.CharField(max_length=500, blank=True)
    body_fi = models.TextField(blank=True)
    body_sv = models.TextField(blank=True)
    body_en = models.TextField(blank=True)
    title_terms = models.TextField(blank=True)
    body_terms = models.TextField(blank=True)
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("search index entry")
        verbose_name_plural = _("search index entries")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="search_entry_unique_object"
            )
        ]
        indexes = [models.Index(fields=["group_pk"], name="search_entry_group_idx")]

    def __str__(self) -> str:
        return self.title_fi or f"{self.content_type_id}:{self.object_id}"

    def titles(self) -> dict[str, str]:
        return {"fi": self.title_fi, "sv": self.title_sv, "en": self.title_en}

    def bodies(self) -> dict[str, str]:
        return {"fi": self.body_fi, "sv": self.body_sv, "en": self.body_en}


class MatchField(models.TextField):
    """The FTS5 table's hidden column of its own name: ``search_fts MATCH '...'``."""


@MatchField.register_lookup
class Match(Lookup):
    lookup_name = "match"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} MATCH {rhs}", [*lhs_params, *rhs_params]


class SearchText(models.Model):
    """SQLite only: the FTS5 table (created by migration 0002, not by Django)."""

    entry = models.OneToOneField(
        SearchEntry,
        primary_key=True,
        db_column="rowid",
        on_delete=models.DO_NOTHING,
        related_name="fts",
        db_constraint=False,
    )
    document = MatchField(db_column="search_fts")
    # FTS5's hidden ``rank`` column: bm25 with the weights set in migration 0002 (lower is
    # better).
    rank = models.FloatField(db_column="rank")

    class Meta:
        managed = False
        db_table = "search_fts"

    def __str__(self) -> str:
        return str(self.pk)
