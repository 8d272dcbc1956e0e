# Seeds the official calendar from chinesecalendar, so every database (the test database
# included) has it. `manage.py refresh_calendar` repeats this safely later.
from django.db import migrations


def seed(apps, schema_editor):
    from congress.deadlines.calendar_seed import seed_from_package

    seed_from_package(apps)


class Migration(migrations.Migration):
    dependencies = [("congress", "0002_calendar")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
