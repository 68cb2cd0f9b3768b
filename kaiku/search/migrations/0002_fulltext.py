"""The full-text part of the search index, per database (see kaiku/search/models.py).

SQLite: an FTS5 table over the entries' terms with external content (the terms are stored
once, in ``search_searchentry``) and triggers that keep it in step with every insert,
update and delete; bm25 weighs a title term four times a body term.

PostgreSQL: a generated ``tsvector`` column over the same terms with the ``simple``
configuration (the terms are already base forms; see kaiku/search/analysis.py), titles
weighted A and bodies B, and a GIN index.

A later migration that makes Django rebuild ``search_searchentry`` on SQLite (altering a
column does) drops the triggers with the old table: run ``SQLITE_TRIGGERS`` again after it
and then ``manage.py rebuild_search_index``.
"""

from django.db import migrations

SQLITE_TABLE = """
CREATE VIRTUAL TABLE search_fts USING fts5(
    title_terms, body_terms,
    content='search_searchentry', content_rowid='id',
    tokenize='unicode61 remove_diacritics 0'
)
"""
SQLITE_RANK = "INSERT INTO search_fts(search_fts, rank) VALUES ('rank', 'bm25(4.0, 1.0)')"
SQLITE_TRIGGERS = [
    """
    CREATE TRIGGER search_fts_insert AFTER INSERT ON search_searchentry BEGIN
        INSERT INTO search_fts(rowid, title_terms, body_terms)
        VALUES (new.id, new.title_terms, new.body_terms);
    END
    """,
    """
    CREATE TRIGGER search_fts_delete AFTER DELETE ON search_searchentry BEGIN
        INSERT INTO search_fts(search_fts, rowid, title_terms, body_terms)
        VALUES ('delete', old.id, old.title_terms, old.body_terms);
    END
    """,
    """
    CREATE TRIGGER search_fts_update AFTER UPDATE ON search_searchentry BEGIN
        INSERT INTO search_fts(search_fts, rowid, title_terms, body_terms)
        VALUES ('delete', old.id, old.title_terms, old.body_terms);
        INSERT INTO search_fts(rowid, title_terms, body_terms)
        VALUES (new.id, new.title_terms, new.body_terms);
    END
    """,
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS search_fts_update",
    "DROP TRIGGER IF EXISTS search_fts_delete",
    "DROP TRIGGER IF EXISTS search_fts_insert",
    "DROP TABLE IF EXISTS search_fts",
]

POSTGRESQL = [
    """
    ALTER TABLE search_searchentry ADD COLUMN search_vector tsvector
    GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, coalesce(title_terms, '')), 'A')
        || setweight(to_tsvector('simple'::regconfig, coalesce(body_terms, '')), 'B')
    ) STORED
    """,
    "CREATE INDEX search_entry_vector_gin ON search_searchentry USING gin (search_vector)",
]
POSTGRESQL_DROP = [
    "DROP INDEX IF EXISTS search_entry_vector_gin",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS search_vector",
]


def _run(schema_editor, statements):
    for statement in statements:
        schema_editor.execute(statement)


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        _run(schema_editor, [SQLITE_TABLE, SQLITE_RANK, *SQLITE_TRIGGERS])
        # Rows that are already there (none on a new database) join the index.
        _run(schema_editor, ["INSERT INTO search_fts(search_fts) VALUES ('rebuild')"])
    elif vendor == "postgresql":
        _run(schema_editor, POSTGRESQL)
    else:
        raise NotImplementedError(f"Search supports SQLite and PostgreSQL, not {vendor}.")


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        _run(schema_editor, SQLITE_DROP)
    elif vendor == "postgresql":
        _run(schema_editor, POSTGRESQL_DROP)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
