"""What the statistics need beyond the rows they count: a mark of every transaction that
changed those rows, so that figures counted once can be read again until the next change
(`suggestions.reports.cache`)."""

from __future__ import annotations

from django.db import models


class StatisticsChange(models.Model):
    """One row per transaction that wrote to a table the figures read, written by a PostgreSQL
    trigger (migration 0015), never by the portal's code. `xid` is the transaction's id
    (pg_current_xact_id, 64 bits: it never wraps around)."""

    xid = models.BigIntegerField(primary_key=True)

    def __str__(self) -> str:
        return str(self.xid)
