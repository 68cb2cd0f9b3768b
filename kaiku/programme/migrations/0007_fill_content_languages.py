"""Existing texts become the Finnish ones of the newly translated fields, and the Markdown
fields' HTML is rendered and stored (kaiku.core.translations)."""

from django.db import migrations

from kaiku.core.translations import fill_languages_migration

forwards = fill_languages_migration(
    "programme",
    translated={
        "GroupTask": ("title", "description"),
        "GroupGoal": ("title", "description"),
        "Meeting": ("title", "agenda"),
        "Memo": ("title", "body", "decisions"),
        "Milestone": ("title",),
    },
    markdown={
        "Programme": ("description",),
        "WorkingGroup": ("mandate",),
        "GroupTask": ("description",),
        "GroupGoal": ("description",),
        "Meeting": ("agenda",),
        "Memo": ("body", "decisions"),
    },
)


class Migration(migrations.Migration):
    dependencies = [("programme", "0006_content_languages")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop, elidable=True)]
