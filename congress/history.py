"""History is append-only: a row of a history table, once written, is never changed or removed.

The services only ever insert history rows; on PostgreSQL (production) the database also
refuses an UPDATE or DELETE of one, whatever the code or a person at a SQL prompt attempts,
through a trigger each history table's migration installs with `append_only(table)`. A
parent with history (a filed suggestion, a motion) therefore cannot be deleted either, which
is the point: the record of who did what stays. SQLite, the development default, has no such
trigger (its tests empty tables with DELETE): there the plain fallback is that nothing in the
portal edits history and the admin shows it read-only.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations

FUNCTION = """
CREATE OR REPLACE FUNCTION portal_history_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'history is append-only: % on % refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'restrict_violation';
END $$;
"""


def append_only(table: str) -> migrations.RunPython:
    """A migration operation installing (and, reversed, removing) the trigger on `table`."""

    def install(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(FUNCTION, params=None)  # its % are PL/pgSQL's, not parameters
            schema_editor.execute(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION portal_history_append_only()"
            )

    def remove(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")

    return migrations.RunPython(install, remove)
