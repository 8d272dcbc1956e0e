"""History is append-only: PostgreSQL refuses an UPDATE or DELETE of a history row (issue 14)."""

from django.db import migrations

from congress.history import append_only


class Migration(migrations.Migration):
    dependencies = [("suggestions", "0010_yearly_progress_on_commitments")]

    operations = [
        append_only("suggestions_suggestionevent"),
    ]
