"""{% promise_badge commitment %}: a promised date in the portal's status words (USERS.md)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template
from django.utils import timezone

from suggestions.models import Commitment
from suggestions.reports.commitments import commitment_state

register = template.Library()


@register.inclusion_tag("suggestions/reports/_promise.html")
def promise_badge(commitment: Commitment, today: dt.date | None = None) -> dict[str, Any]:
    today = today or timezone.localdate()
    return {
        "c": commitment,
        "state": commitment_state(commitment, today),
        "days_left": (commitment.promised_date - today).days,
        "days_over": (today - commitment.promised_date).days,
    }
