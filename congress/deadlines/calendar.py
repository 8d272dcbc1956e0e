"""The official calendar held in memory, and deadlines computed on it.

Every process (web, worker, beat, commands) keeps one CalendarSnapshot. Edits bump a version
token in the shared cache (Redis in production, a file cache in var/ when embedded); each
request and each Celery task checks that token once (one cache read, no query) and reloads
the snapshot when it changed. So an edit takes effect everywhere at once, and computing a
deadline never touches the database.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import uuid

from django.core.cache import cache

from congress.deadlines.periods import CalendarSnapshot, Deadline, Period, compute
from congress.deadlines.statutory import Rule
from congress.models import CalendarDay, CalendarYear

logger = logging.getLogger(__name__)
VERSION_KEY = "congress:calendar-version"
_lock = threading.Lock()
_snapshot: CalendarSnapshot | None = None


def load_snapshot(version: str = "") -> CalendarSnapshot:
    """Read the approved schedules from the database."""
    holidays: dict[dt.date, str] = {}
    workdays: dict[dt.date, str] = {}
    rows = CalendarDay.objects.filter(schedule__status=CalendarYear.Status.APPROVED).values_list(
        "date", "kind", "name"
    )
    for date, kind, name in rows:
        (holidays if kind == CalendarDay.Kind.HOLIDAY else workdays)[date] = name
    covered = frozenset(
        CalendarYear.objects.filter(status=CalendarYear.Status.APPROVED).values_list("year", flat=True)
    )
    return CalendarSnapshot(holidays=holidays, workdays=workdays, covered_years=covered, version=version)


def current_version() -> str | None:
    """The shared version token; None when the cache (Redis) cannot be reached."""
    try:
        version = cache.get(VERSION_KEY)
        if version is None:
            # The cache was emptied (restart, eviction): start a new generation everywhere.
            version = uuid.uuid4().hex
            cache.add(VERSION_KEY, version, timeout=None)
            version = cache.get(VERSION_KEY, version)
    except Exception:
        # Redis down must not stop the portal: keep the calendar this process holds, which
        # edits made here still refresh (calendar_changed), and check again next time.
        logger.warning(
            "Calendar version unavailable (cache down); keeping this process's calendar", exc_info=True
        )
        return None
    return str(version)


def get_calendar() -> CalendarSnapshot:
    """The snapshot this process holds, loading it on first use."""
    global _snapshot
    snapshot = _snapshot
    if snapshot is None:
        with _lock:
            if _snapshot is None:
                _snapshot = load_snapshot(current_version() or "")
            snapshot = _snapshot
    return snapshot


def refresh_if_changed() -> None:
    """Called at the start of each request and task: reload if another process edited."""
    global _snapshot
    if _snapshot is None:
        return
    version = current_version()
    if version is not None and _snapshot.version != version:
        with _lock:
            _snapshot = None


def calendar_changed() -> None:
    """Every write to the calendar calls this: all processes reload before their next use."""
    global _snapshot
    try:
        cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)
    except Exception:
        logger.warning(
            "Calendar changed but the cache is down: other processes reload when it is back", exc_info=True
        )
    with _lock:
        _snapshot = None


def deadline(rule: Rule, start: dt.date, *, extension: Period | None = None) -> Deadline:
    """The deadline of a statutory rule counted from the day of its triggering event."""
    return compute(start, rule.period, get_calendar(), rule=rule, extension=extension)


def compute_deadline(start: dt.date, period: Period) -> Deadline:
    """A period that is not one of the rules (the public calculator, the API)."""
    return compute(start, period, get_calendar())
