"""{% deadline_badge deadline %}: one way to show a deadline everywhere (USERS.md).

On time: green; due within 7 days: amber; overdue: red with the number of days; done: grey;
provisional: a dotted underline with the reason. The explanation is one tap away.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

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


@register.simple_tag
def deadline_badge(
    deadline: Deadline | None, done: Any = False, today: dt.date | None = None, explain: bool = True
) -> str:
    """The badge's markup, built here rather than by an included template: a list page shows
    one per clock (29 on a unit's inbox), and rendering a template for each was a third of the
    page's time (issue 15)."""
    if deadline is None:
        return ""
    today = today or timezone.localdate()
    state = deadline_state(deadline, today, bool(done))
    days_left = deadline.days_left(today)
    provisional = ""
    if deadline.provisional:
        why = _("Provisional: next year’s holiday schedule is not on the calendar yet")
        provisional = format_html(' class="provisional" title="{}"', why)
    parts = [
        format_html(
            '<span class="deadline deadline--{}"><time datetime="{}"{}>{}</time>',
            state,
            deadline.due.isoformat(),
            provisional,
            date_format(deadline.due, "DATE_FORMAT"),
        ),
        _badge(state, days_left),
    ]
    if deadline.provisional:
        parts.append(format_html('<span class="badge badge--soon">{}</span>', _("provisional")))
    if explain:
        parts.append(
            format_html(
                '<details class="deadline__why"><summary>{}</summary><p>{}</p></details>',
                _("Why this date"),
                deadline.explanation(),
            )
        )
    # Every part was escaped by format_html; the closing tag is fixed text.
    return mark_safe(" ".join(parts) + "</span>")  # noqa: S308


def _badge(state: str, days_left: int) -> str:
    if state == "done":
        return format_html('<span class="badge badge--done">{}</span>', _("done"))
    if state == "overdue":
        days = -days_left
        text = ngettext("overdue %(days)s day", "overdue %(days)s days", days) % {"days": days}
        return format_html('<span class="badge badge--overdue">{}</span>', text)
    if days_left == 0:
        return format_html('<span class="badge badge--soon">{}</span>', _("due today"))
    text = ngettext("%(days)s day left", "%(days)s days left", days_left) % {"days": days_left}
    return format_html('<span class="badge badge--{}">{}</span>', state, text)


@register.filter
def article(code: str) -> str:
    """'S§28' → '建议办法第二十八条' in Chinese pages."""
    return article_label(code)
