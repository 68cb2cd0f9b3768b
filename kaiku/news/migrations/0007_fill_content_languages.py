"""Existing texts become the Finnish ones of the newly translated fields, and the body's HTML
is rendered and stored (kaiku.core.translations)."""

from django.db import migrations

from kaiku.core.translations import fill_languages_migration

forwards = fill_languages_migration(
    "news",
    translated={"Keyword": ("name",), "NewsItem": ("title", "summary", "body")},
    markdown={"NewsItem": ("body",)},
)


class Migration(migrations.Migration):
    dependencies = [("news", "0006_content_languages")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop, elidable=True)]
