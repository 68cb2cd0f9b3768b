"""The year of an entry's date as a column (the year facet), and on SQLite an update trigger
that fires only when the terms change (reindexing deletes and inserts; an update of another
column, such as filling in the year here, must not rewrite the full-text index)."""

from django.db import migrations, models
from django.utils import timezone

SQLITE_UPDATE_TRIGGER = [
    "DROP TRIGGER IF EXISTS search_fts_update",
    """
    CREATE TRIGGER search_fts_update AFTER UPDATE OF title_terms, body_terms
    ON search_searchentry BEGIN
        INSERT INTO search_fts(search_fts, rowid, title_terms, body_terms)
        VALUES ('delete', old.id, old.title_terms, old.body_terms);
        INSERT INTO search_fts(rowid, title_terms, body_terms)
        VALUES (new.id, new.title_terms, new.body_terms);
    END
    """,
]


def update_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_UPDATE_TRIGGER:
            schema_editor.execute(statement)


def fill_years(apps, schema_editor):
    SearchEntry = apps.get_model("search", "SearchEntry")
    rows = SearchEntry.objects.filter(date__isnull=False, year__isnull=True).only("id", "date")
    batch = []
    for entry in rows.iterator(chunk_size=2000):
        entry.year = timezone.localtime(entry.date).year
        batch.append(entry)
        if len(batch) >= 2000:
            SearchEntry.objects.bulk_update(batch, ["year"])
            batch = []
    SearchEntry.objects.bulk_update(batch, ["year"])


class Migration(migrations.Migration):
    dependencies = [("search", "0002_fulltext")]

    operations = [
        migrations.AddField(
            model_name="searchentry",
            name="year",
            field=models.PositiveSmallIntegerField(blank=True, null=True),
        ),
        migrations.RunPython(update_trigger, migrations.RunPython.noop, elidable=False),
        migrations.RunPython(fill_years, migrations.RunPython.noop),
    ]
