"""Reads of the shared core."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from congress.models import CalendarYear, Session


def current_session(today: dt.date | None = None) -> Session | None:
    """The session sitting today, else the most recent one that has opened."""
    today = today or timezone.localdate()
    return Session.objects.select_related("congress").filter(opens__lte=today).order_by("-opens").first()


def calendar_missing_next_year(today: dt.date) -> int | None:
    """From November on, next year's schedule should be in: the year if it is still missing."""
    if today.month < 11:
        return None
    next_year = today.year + 1
    approved = CalendarYear.objects.filter(year=next_year, status=CalendarYear.Status.APPROVED).exists()
    return None if approved else next_year
