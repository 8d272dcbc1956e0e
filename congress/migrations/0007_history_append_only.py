"""History is append-only: PostgreSQL refuses an UPDATE or DELETE of a history row (issue 14)."""

from django.db import migrations

from congress.history import append_only


class Migration(migrations.Migration):
    dependencies = [("congress", "0006_api_tokens")]

    operations = [
        append_only("congress_reminderschedulechange"),
    ]
