# Accessibility feedback moved to the site app (kaiku.site). Only Django's model state
# changes here: the table, core_accessibilityfeedback, stays with its rows, and
# site.0001_initial takes it over under the same name.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0002_idempotency_record'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(
                    name='AccessibilityFeedback',
                ),
            ],
            database_operations=[],
        ),
    ]
