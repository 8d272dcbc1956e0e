"""History is append-only: PostgreSQL refuses an UPDATE or DELETE of a history row (issue 14)."""

from django.db import migrations

from congress.history import append_only


class Migration(migrations.Migration):
    dependencies = [("deputies", "0003_npc_deputies")]

    operations = [
        append_only("deputies_event"),
    ]
