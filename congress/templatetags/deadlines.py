"""{% deadline_badge deadline %}: one way to show a deadline everywhere (USERS.md).

On time: green; due within 7 days: amber; overdue: red with the number of days; done: grey;
provisional: a dotted underline with the reason. The explanation is one tap away.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template
from django.utils import timezone

from congress.deadlines.periods import Deadline
from congress.deadlines.statutory import article_label

register = template.Library()
SOON_DAYS = 7


def deadline_state(deadline: Deadline, today: dt.date, done: bool = False) -> str:
    if done:
        return "done"
    days = deadline.days_left(today)
    if days < 0:
        return "overdue"
    return "soon" if days <= SOON_DAYS else "ok"


@register.inclusion_tag("includes/deadline.html")
def deadline_badge(
    deadline: Deadline | None, done: bool = False, today: dt.date | None = None, explain: bool = True
) -> dict[str, Any]:
    if deadline is None:
        return {"deadline": None}
    today = today or timezone.localdate()
    return {
        "deadline": deadline,
        "state": deadline_state(deadline, today, done),
        "days_left": deadline.days_left(today),
        "days_over": -deadline.days_left(today),
        "explain": explain,
    }


@register.filter
def article(code: str) -> str:
    """'S§28' → '建议办法第二十八条' in Chinese pages."""
    return article_label(code)
