"""The backup runbook (README, "Backups") works: a dump restored into an empty database holds
the same suggestions, replies and history, and the uploaded files come back byte for byte."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import tarfile
import uuid
from pathlib import Path
from typing import Any

import psycopg2
import pytest
from django.db import connection

from suggestions.models import Reply, Suggestion, SuggestionEvent
from tests.suggestions.follow_up import reply_through_services

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

COUNTS = {
    "suggestions": "SELECT count(*) FROM suggestions_suggestion",
    "replies": "SELECT count(*) FROM suggestions_reply WHERE status = 'approved'",
    "history": "SELECT count(*) FROM suggestions_suggestionevent",
    "last event": "SELECT max(id) FROM suggestions_suggestionevent",
}


def counts(cursor: Any) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for name, sql in COUNTS.items():
        cursor.execute(sql)
        found[name] = cursor.fetchone()[0]
    return found


def restore_postgresql(tmp_path: Path) -> dict[str, Any]:
    """pg_dump -Fc, then pg_restore into a database created empty, as the runbook says."""
    params = connection.settings_dict
    common = ["-h", params["HOST"] or "127.0.0.1", "-p", str(params["PORT"] or 5432), "-U", params["USER"]]
    dump = tmp_path / "portal.dump"
    subprocess.run(["pg_dump", *common, "-Fc", "-f", str(dump), params["NAME"]], check=True)  # noqa: S603, S607
    target = f"restore_{uuid.uuid4().hex[:8]}"
    subprocess.run(["createdb", *common, target], check=True)  # noqa: S603, S607
    try:
        subprocess.run(["pg_restore", *common, "--no-owner", "-d", target, str(dump)], check=True)  # noqa: S603, S607
        restored = psycopg2.connect(host=common[1], port=common[3], user=params["USER"], dbname=target)
        try:
            return counts(restored.cursor())
        finally:
            restored.close()
    finally:
        subprocess.run(["dropdb", *common, target], check=True)  # noqa: S603, S607


def restore_sqlite(tmp_path: Path) -> dict[str, Any]:
    """sqlite3's online backup (the runbook's `.backup`), opened as a fresh file."""
    copy = tmp_path / "portal.sqlite3"
    with sqlite3.connect(copy) as target:
        connection.ensure_connection()
        connection.connection.backup(target)
    with sqlite3.connect(copy) as restored:
        return counts(restored.cursor())


def test_a_restored_backup_holds_the_same_suggestions_replies_history_and_files(
    assigned, units, tmp_path, settings
):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    assignment = assigned()
    reply = reply_through_services(assignment, clerk=units["unit1"], head=units["unit1head"])
    with connection.cursor() as cursor:
        before = counts(cursor)
    assert before["replies"] == 1 and before["history"] >= 5
    assert before["suggestions"] == Suggestion.objects.count()
    assert before["history"] == SuggestionEvent.objects.count()

    restore = restore_postgresql if connection.vendor == "postgresql" else restore_sqlite
    assert restore(tmp_path) == before

    # Uploaded files: an archive of MEDIA_ROOT, unpacked elsewhere, holds the sealed scan.
    archive = tmp_path / "media.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(settings.MEDIA_ROOT, arcname="media")
    unpacked = tmp_path / "restored"
    with tarfile.open(archive) as tar:
        tar.extractall(unpacked, filter="data")
    scan = Reply.objects.get(pk=reply.pk).scan
    restored_scan = unpacked / "media" / scan.name
    assert restored_scan.read_bytes() == Path(scan.path).read_bytes()
    shutil.rmtree(settings.MEDIA_ROOT)
