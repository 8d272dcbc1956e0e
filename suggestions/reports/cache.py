"""Counted figures, kept in the shared cache until the rows they count change.

Counting a year's figures is a pass over every suggestion filed and every unit's part in them
(at ten years of a province, ~100,000 and ~300,000 rows: most of a second on PostgreSQL),
while leaders, dashboards pulling the API and the yearly report ask for the same figures many
times between two changes. A figure read from the cache must be the figure counted now: a
stale number in a report the committee signs is worse than a slow page. So the cache is keyed
on the version of the data, and a version is used only when it can no longer move:

- A trigger on every table the figures read (migration suggestions 0015) marks each writing
  transaction with its id (`StatisticsChange`). The version is the newest mark a query sees.
- It is settled when it is older than every transaction still running (the snapshot's xmin):
  then every change with an older id has ended, and every change still to come commits under
  a newer id, so the version moves whenever the data does. Counted under a settled version,
  figures are exactly those of every change up to it.
- Unsettled (a writer that started earlier is still running, or this request's transaction
  wrote itself), nothing is read from or written to the cache: the figures are counted.

On SQLite (the embedded default) there are no marks and the figures are always counted. The
cache being down only costs the time of counting. A database restored from a dump is a new
database (its own id is in the key); restored into a new server, whose transaction ids start
again lower than the restored marks, it would never settle and never read the cache: the
restore steps in the README empty the marks, and the next write marks it afresh."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections, router

from suggestions.models import StatisticsChange, Suggestion

logger = logging.getLogger(__name__)
T = TypeVar("T")
# An entry is found only under the version it was counted at; the timeout just clears out
# versions nobody asks for any more.
TIMEOUT = 24 * 3600


def settled_version() -> str | None:
    """The data's version on the database the figures are read from, or None when it may
    still move (or the database keeps no marks)."""
    alias = router.db_for_read(Suggestion) or DEFAULT_DB_ALIAS
    connection = connections[alias]
    if connection.vendor != "postgresql":
        return None
    table = StatisticsChange._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT max(xid) FROM {table}), "  # noqa: S608 - the model's own table name
            "pg_snapshot_xmin(pg_current_snapshot())::text::bigint, "
            "(SELECT oid FROM pg_database WHERE datname = current_database())"
        )
        newest, running, database = cursor.fetchone()
    if newest is None or newest >= running:
        return None
    # The database's own id too: one restored from a dump (dropped and created again) holds the
    # marks of the dump, whose figures the cache may hold from before the restore.
    return f"{connection.settings_dict['NAME']}:{database}:{newest}"


def remembered(what: str, count: Callable[[], T]) -> T:
    """`count()`, or what it returned for `what` at the data's current version. `what` names
    everything the result depends on besides the data (level, breakdown, filters, today)."""
    version = settled_version()
    if version is None:
        return count()
    key = "statistics:" + hashlib.sha256(f"{version}|{what}".encode()).hexdigest()
    try:
        found = cache.get(key)
    except Exception:
        logger.warning("Statistics cache unavailable; counting", exc_info=True)
        return count()
    if found is not None:
        return found
    result = count()
    try:
        cache.set(key, result, TIMEOUT)
    except Exception:
        logger.warning("Statistics cache unavailable; not keeping the figures", exc_info=True)
    return result
