# The public reply search (S§33) matches words in the reply text; on PostgreSQL a trigram
# index serves those substring searches (the titles have theirs since 0002). Elsewhere skipped.
from django.db import migrations


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS reply_body_trgm ON suggestions_reply USING gin (body gin_trgm_ops) "
            "WHERE status = 'approved' AND public"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS reply_body_trgm")


class Migration(migrations.Migration):
    dependencies = [("suggestions", "0003_handling_and_replies")]

    operations = [migrations.RunPython(create_index, drop_index)]
