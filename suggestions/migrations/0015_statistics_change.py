"""Every transaction that writes to a table the statistics read leaves its id in
suggestions_statisticschange (PostgreSQL only): the version the cached figures are keyed on
(suggestions.reports.cache). tests/suggestions/test_statistics_cache.py checks that
every table a figure reads carries the trigger."""

from typing import Any

from django.db import migrations, models

# The tables the figures, their filters and their labels read (frozen here: a table added to
# the figures later gets its trigger in a migration of its own).
TABLES = [
    "suggestions_suggestion",
    "suggestions_assignment",
    "suggestions_reply",
    "suggestions_evaluation",
    "suggestions_rehandlingdecision",
    "suggestions_commitment",
    "suggestions_extensionrequest",
    "suggestions_subjectarea",
    "congress_organisation",
    "deputies_deputy",
    "deputies_delegation",
]

# Once per statement, not per row: a bulk update of 10,000 rows writes one mark, and a
# transaction's later statements find theirs already there (ON CONFLICT DO NOTHING). Each
# transaction has its own id, so concurrent writers never wait for one another here.
FUNCTION = """
CREATE OR REPLACE FUNCTION portal_statistics_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO suggestions_statisticschange (xid) VALUES (pg_current_xact_id()::text::bigint)
    ON CONFLICT (xid) DO NOTHING;
    RETURN NULL;
END $$;
"""


def install(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FUNCTION, params=None)  # its $$ are PL/pgSQL's, not parameters
    for table in TABLES:
        schema_editor.execute(
            f"CREATE TRIGGER {table}_statistics_changed "
            f"AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION portal_statistics_changed()"
        )
    # The first mark: the rows as they are now have a version before anything is written.
    schema_editor.execute(
        "INSERT INTO suggestions_statisticschange (xid) VALUES (pg_current_xact_id()::text::bigint)"
    )


def remove(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_statistics_changed ON {table}")
    schema_editor.execute("DROP FUNCTION IF EXISTS portal_statistics_changed()")


class Migration(migrations.Migration):
    dependencies = [
        ("suggestions", "0014_due_order_index"),
        ("congress", "0008_user_desk_seen_at"),
        ("deputies", "0005_deputy_pinyin_initials"),
    ]

    operations = [
        migrations.CreateModel(
            name="StatisticsChange",
            fields=[("xid", models.BigIntegerField(primary_key=True, serialize=False))],
        ),
        migrations.RunPython(install, remove),
    ]
