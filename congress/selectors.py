"""Reads of the shared core."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from congress.models import Session


def current_session(today: dt.date | None = None) -> Session | None:
    """The session sitting today, else the most recent one that has opened."""
    today = today or timezone.localdate()
    return Session.objects.select_related("congress").filter(opens__lte=today).order_by("-opens").first()
