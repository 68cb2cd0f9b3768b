# Accessibility feedback, moved here from core: the model takes over the existing table
# (core_accessibilityfeedback, rows kept; core.0003 removed it from core's state only), and
# its content type moves along so that permissions and the admin history stay attached.

from django.db import migrations, models


def move_content_type(apps, schema_editor):
    ContentType = apps.get_model('contenttypes', 'ContentType')
    db = schema_editor.connection.alias
    old = ContentType.objects.using(db).filter(app_label='core', model='accessibilityfeedback')
    if not ContentType.objects.using(db).filter(
        app_label='site', model='accessibilityfeedback'
    ).exists():
        old.update(app_label='site')


def move_content_type_back(apps, schema_editor):
    ContentType = apps.get_model('contenttypes', 'ContentType')
    db = schema_editor.connection.alias
    new = ContentType.objects.using(db).filter(app_label='site', model='accessibilityfeedback')
    if not ContentType.objects.using(db).filter(
        app_label='core', model='accessibilityfeedback'
    ).exists():
        new.update(app_label='core')


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('core', '0003_accessibility_feedback_to_site'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='AccessibilityFeedback',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created', models.DateTimeField(auto_now_add=True, db_index=True, verbose_name='created')),
                        ('updated', models.DateTimeField(auto_now=True, verbose_name='updated')),
                        ('name', models.CharField(blank=True, max_length=200, verbose_name='name')),
                        ('email', models.EmailField(blank=True, max_length=254, verbose_name='email')),
                        ('page_url', models.CharField(blank=True, max_length=500, verbose_name='page')),
                        ('message', models.TextField(max_length=5000, verbose_name='feedback')),
                        ('handled', models.BooleanField(default=False, verbose_name='handled')),
                    ],
                    options={
                        'verbose_name': 'accessibility feedback',
                        'verbose_name_plural': 'accessibility feedback',
                        'db_table': 'core_accessibilityfeedback',
                        'ordering': ['-created'],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
