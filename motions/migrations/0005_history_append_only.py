"""History is append-only: PostgreSQL refuses an UPDATE or DELETE of a history row (issue 14)."""

from django.db import migrations

from congress.history import append_only


class Migration(migrations.Migration):
    dependencies = [("motions", "0004_statute_steps")]

    operations = [
        append_only("motions_motionevent"),
    ]
