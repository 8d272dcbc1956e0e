"""Reads of reports and statistics from a replica, when there is one (DATABASE_REPLICA_URL).

Explicit and narrow: a read goes to the `replica` alias only inside `reads_from_replica()`
(a context manager, also usable as a decorator on a report view or selector), only for the
portal's own data, and never inside a transaction on default, where the code may read what it
has just written. Writes, sessions, tokens, the login throttle, beat's schedule and everything
outside the context stay on default. A replica lags its primary by a moment: what reads from
it must be content to be a second or two behind, as a report is, and never a page that acts.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Model

REPLICA = "replica"
# The apps whose rows reports read; auth sessions, tokens' users aside, are never routed.
PORTAL_APPS = frozenset(
    {"congress", "notifications", "deputies", "liaison_stations", "suggestions", "motions"}
)

_reading = ContextVar("reads_from_replica", default=False)


@contextmanager
def reads_from_replica() -> Iterator[None]:
    """Inside it (or the function it decorates), the portal's reads go to the replica."""
    token = _reading.set(True)
    try:
        yield
    finally:
        _reading.reset(token)


class ReplicaRouter:
    """DATABASE_ROUTERS: says `replica` for a read inside reads_from_replica(), else nothing
    (Django then uses default)."""

    def db_for_read(self, model: type[Model], **hints: Any) -> str | None:
        if not _reading.get() or REPLICA not in connections.settings:
            return None
        if model._meta.app_label not in PORTAL_APPS:
            return None
        if connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return None  # read-your-writes: a transaction sees its own rows only on default
        return REPLICA

    def db_for_write(self, model: type[Model], **hints: Any) -> str | None:
        return None

    def allow_relation(self, obj1: Model, obj2: Model, **hints: Any) -> bool | None:
        # The replica holds the same rows as default: an object read from either may point to
        # one read from the other.
        aliases = {DEFAULT_DB_ALIAS, REPLICA}
        return True if {obj1._state.db, obj2._state.db} <= aliases else None

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool | None:
        # The replica follows default by replication: migrations run on default alone.
        return False if db == REPLICA else None
