# Follows and notifications by content type: any object can be followed and notified about,
# and notification kinds are plain strings (no migration per kind).

import django.db.models.deletion
from django.db import migrations, models


def _content_type(apps, app_label, model):
    content_type_model = apps.get_model("contenttypes", "ContentType")
    return content_type_model.objects.get_or_create(app_label=app_label, model=model)[0]


def forwards(apps, schema_editor):
    follow_model = apps.get_model("notifications", "Follow")
    notification_model = apps.get_model("notifications", "Notification")
    programme_ct = _content_type(apps, "programme", "programme")
    group_ct = _content_type(apps, "programme", "workinggroup")
    keyword_ct = _content_type(apps, "news", "keyword")
    keyword_model = apps.get_model("news", "Keyword")
    keywords = {k.name.lower(): k.pk for k in keyword_model.objects.all()}
    for row in follow_model.objects.all():
        if row.programme_id:
            row.content_type, row.object_id = programme_ct, row.programme_id
        elif row.group_id:
            row.content_type, row.object_id = group_ct, row.group_id
        elif row.keyword.lower() in keywords:
            row.content_type, row.object_id = keyword_ct, keywords[row.keyword.lower()]
        else:  # a keyword that no news item uses any more
            row.delete()
            continue
        row.save(update_fields=["content_type", "object_id"])
    notification_model.objects.filter(group__isnull=False).update(
        content_type=group_ct, object_id=models.F("group_id")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("news", "0003_content_layer"),
        ("notifications", "0001_initial"),
        ("programme", "0003_content_layer"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="follow", name="follow_exactly_one_target"),
        migrations.RemoveConstraint(model_name="follow", name="follow_unique_programme"),
        migrations.RemoveConstraint(model_name="follow", name="follow_unique_group"),
        migrations.RemoveConstraint(model_name="follow", name="follow_unique_keyword"),
        migrations.AddField(
            model_name="follow",
            name="content_type",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="contenttypes.contenttype",
                verbose_name="content type",
            ),
        ),
        migrations.AddField(
            model_name="follow",
            name="object_id",
            field=models.PositiveBigIntegerField(null=True, verbose_name="object id"),
        ),
        migrations.AddField(
            model_name="notification",
            name="content_type",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="contenttypes.contenttype",
                verbose_name="content type",
            ),
        ),
        migrations.AddField(
            model_name="notification",
            name="object_id",
            field=models.PositiveBigIntegerField(blank=True, null=True, verbose_name="object id"),
        ),
        migrations.AddField(
            model_name="notification",
            name="context",
            field=models.CharField(blank=True, max_length=300, verbose_name="context"),
        ),
        migrations.AlterField(
            model_name="notification",
            name="kind",
            field=models.CharField(max_length=50, verbose_name="kind"),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
        migrations.RemoveField(model_name="follow", name="programme"),
        migrations.RemoveField(model_name="follow", name="group"),
        migrations.RemoveField(model_name="follow", name="keyword"),
        migrations.RemoveField(model_name="notification", name="group"),
        migrations.AlterField(
            model_name="follow",
            name="content_type",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="contenttypes.contenttype",
                verbose_name="content type",
            ),
        ),
        migrations.AlterField(
            model_name="follow",
            name="object_id",
            field=models.PositiveBigIntegerField(verbose_name="object id"),
        ),
        migrations.AddConstraint(
            model_name="follow",
            constraint=models.UniqueConstraint(
                fields=("user", "content_type", "object_id"), name="follow_unique_target"
            ),
        ),
        migrations.AddIndex(
            model_name="follow",
            index=models.Index(fields=["content_type", "object_id"], name="follow_target_idx"),
        ),
    ]
