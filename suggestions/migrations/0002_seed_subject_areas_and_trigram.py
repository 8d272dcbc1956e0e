# The subject areas staff route by, and on PostgreSQL a trigram index for finding similar
# suggestions by title (pg_trgm). On other databases the index is skipped.
from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

def seed_areas(apps, schema_editor):
    from suggestions.subject_areas import seed_subject_areas

    seed_subject_areas(apps)


def create_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS sugg_title_trgm ON suggestions_suggestion USING gin (title gin_trgm_ops)"
        )


def drop_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS sugg_title_trgm")


class Migration(migrations.Migration):
    dependencies = [("suggestions", "0001_initial")]

    operations = [
        TrigramExtension(),
        migrations.RunPython(seed_areas, migrations.RunPython.noop),
        migrations.RunPython(create_trigram_index, drop_trigram_index),
    ]
