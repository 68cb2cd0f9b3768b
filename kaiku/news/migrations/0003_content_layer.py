# The content layer: one ``published_at`` name and the shared visibility field.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0002_newsitem_announced_at"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="newsitem", name="news_list_idx"),
        migrations.RemoveIndex(model_name="newsitem", name="news_publish_at_idx"),
        migrations.RenameField(
            model_name="newsitem", old_name="publish_at", new_name="published_at"
        ),
        migrations.AlterModelOptions(
            name="newsitem",
            options={
                "ordering": ["-pinned", "-published_at", "-pk"],
                "verbose_name": "news item",
                "verbose_name_plural": "news items",
            },
        ),
        migrations.AddIndex(
            model_name="newsitem",
            index=models.Index(
                fields=["visibility", "-pinned", "-published_at"], name="news_list_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="newsitem",
            index=models.Index(fields=["-published_at"], name="news_published_at_idx"),
        ),
        migrations.AlterField(
            model_name="newsitem",
            name="published_at",
            field=models.DateTimeField(
                blank=True,
                help_text="Not shown before this time. Leave empty to keep the item as a draft.",
                null=True,
                verbose_name="published at",
            ),
        ),
        migrations.AlterField(
            model_name="newsitem",
            name="visibility",
            field=models.CharField(
                choices=[("public", "Public"), ("staff", "Signed-in users")],
                default="public",
                max_length=10,
                verbose_name="visibility",
            ),
        ),
    ]
