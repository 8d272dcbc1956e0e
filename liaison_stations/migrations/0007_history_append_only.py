"""History is append-only: PostgreSQL refuses an UPDATE or DELETE of a history row (issue 14)."""

from django.db import migrations

from congress.history import append_only


class Migration(migrations.Migration):
    dependencies = [("liaison_stations", "0006_use_counts")]

    operations = [
        append_only("liaison_stations_event"),
    ]
