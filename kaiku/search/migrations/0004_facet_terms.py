"""Existing entries get what the indexer now writes (kaiku/search/indexing.py), in SQL so that
a large index is updated in one statement each:

* the facet terms (type, working group, year) at the end of the body terms, which filtered
  searches match on (``analysis.facet_terms``);
* texts without a title (models registered with one field: comments, answers) have their
  words as body terms, not title terms;
* the title terms again, marked (``analysis.TITLE_PREFIX``), which the title window of a
  search matches on.

Entries are not renumbered in date order here: run ``manage.py rebuild_search_index`` once
on a large index so that the window of recent matches (``fulltext.WINDOW``) reads recent
content first.
"""

from django.db import migrations

from kaiku.search.analysis import FACET_PREFIX, TITLE_PREFIX


def forwards(apps, schema_editor):
    from kaiku.core.search import searchables

    ContentType = apps.get_model("contenttypes", "ContentType")
    untitled = [
        ContentType.objects.get_or_create(
            app_label=model._meta.app_label, model=model._meta.model_name
        )[0].pk
        for model, searchable in searchables().items()
        if len(searchable.fields) == 1
    ]
    with schema_editor.connection.cursor() as cursor:
        if untitled:
            marks = ", ".join(["%s"] * len(untitled))
            cursor.execute(
                "UPDATE search_searchentry SET body_terms = TRIM(body_terms || ' ' || "
                f"title_terms), title_terms = '' WHERE content_type_id IN ({marks}) "
                "AND title_terms <> ''",
                untitled,
            )
        cursor.execute(
            "UPDATE search_searchentry SET title_terms = TRIM(title_terms || "
            f"REPLACE(' ' || title_terms, ' ', ' {TITLE_PREFIX}')) "
            f"WHERE title_terms <> '' AND title_terms NOT LIKE '%%{TITLE_PREFIX}%%'"
        )
        cursor.execute(
            "UPDATE search_searchentry SET body_terms = TRIM(body_terms "
            f"|| ' {FACET_PREFIX}t' || content_type_id "
            f"|| COALESCE(' {FACET_PREFIX}g' || group_pk, '') "
            f"|| COALESCE(' {FACET_PREFIX}y' || year, '')) "
            f"WHERE body_terms NOT LIKE '%%{FACET_PREFIX}t%%'"
        )


class Migration(migrations.Migration):
    dependencies = [("search", "0003_entry_year"), ("contenttypes", "0002_remove_content_type_name")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop, elidable=False)]
