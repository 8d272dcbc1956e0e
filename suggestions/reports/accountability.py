"""S§47: the units held to account: replies overdue, unanswered three months after
assignment, and suggestions objected to and moved, or passed around. Counts are one GROUP BY
query whatever the number of units; lists are querysets the pages filter, page and export."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from congress.deadlines.calendar import deadline
from congress.deadlines.periods import ONE_DAY, Deadline
from congress.deadlines.statutory import REPLY
from suggestions.models import Assignment
from suggestions.selectors import all_clocks, past_due
from suggestions.workflow import ASSIGNMENT, AssignmentStatus


def reply_period_cutoff(today: dt.date) -> dt.date:
    """The last day of assignment whose three months (S§28) are over by today: assignments on
    or before it that still have no reply are unanswered, extension or not. The reply period
    grows with its start, so walking back from today finds the day."""
    day = today
    while deadline(REPLY, day).due >= today:
        day -= ONE_DAY
    return day


def overdue_condition(today: dt.date) -> Q:
    """(a) The reply is past its due date (the extension included), or the one month of
    re-handling (S§30) is over, and nothing was delivered."""
    return past_due("reply", today) | past_due("rehandling", today)


def unanswered_condition(today: dt.date) -> Q:
    """(b) Assigned more than the three-month reply period ago (S§28) with no reply, whether
    or not an extension was granted."""
    return ASSIGNMENT.running("reply") & Q(assigned_on__lte=reply_period_cutoff(today))


# (c) The unit said it was not its responsibility and the suggestion went to another unit (S§20).
OBJECTED_AWAY = Q(status=AssignmentStatus.REASSIGNED, objected_on__isnull=False) & ~Q(objection_reason="")
PASSED_TIMES = 2  # moved on objection this many times or more: passed around


def passed_around() -> QuerySet[Any]:
    """The suggestions moved to another unit on objection twice or more (one hashed list)."""
    return (
        Assignment.objects.filter(OBJECTED_AWAY)
        .order_by()
        .values("suggestion_id")
        .annotate(moves=Count("pk"))
        .filter(moves__gte=PASSED_TIMES)
        .values("suggestion_id")
    )


@dataclass(frozen=True)
class AccountabilityRecord:
    unit_id: int
    unit: str
    overdue: int
    unanswered: int
    objected: int
    passed: int


def _in_year(queryset: QuerySet[Assignment], year: int | None) -> QuerySet[Assignment]:
    return queryset.filter(assigned_on__year=year) if year else queryset


def accountability_table(today: dt.date, year: int | None = None) -> list[AccountabilityRecord]:
    """Per unit, the four S§47 counts in one GROUP BY query; the worst first."""
    overdue, unanswered = overdue_condition(today), unanswered_condition(today)
    passed = OBJECTED_AWAY & Q(suggestion_id__in=passed_around())
    rows = (
        _in_year(Assignment.objects.filter(overdue | unanswered | OBJECTED_AWAY), year)
        .values("unit_id", "unit__name")
        .annotate(
            overdue=Count("pk", filter=overdue),
            unanswered=Count("pk", filter=unanswered),
            objected=Count("pk", filter=OBJECTED_AWAY),
            passed=Count("pk", filter=passed),
        )
        .order_by()
    )
    records = [
        AccountabilityRecord(
            unit_id=r["unit_id"],
            unit=r["unit__name"],
            overdue=r["overdue"],
            unanswered=r["unanswered"],
            objected=r["objected"],
            passed=r["passed"],
        )
        for r in rows
    ]
    records.sort(key=lambda r: (-r.overdue, -r.unanswered, -r.passed, -r.objected, r.unit))
    return records


def in_accountability_list(queryset: QuerySet[Assignment], kind: str, today: dt.date) -> QuerySet[Assignment]:
    """The assignments behind one column of the table."""
    if kind == "overdue":
        return queryset.filter(overdue_condition(today))
    if kind == "unanswered":
        return queryset.filter(unanswered_condition(today))
    if kind == "objected":
        return queryset.filter(OBJECTED_AWAY)
    if kind == "passed":
        return queryset.filter(OBJECTED_AWAY, suggestion_id__in=passed_around())
    raise ValueError(kind)


def owed_clock(assignment: Assignment) -> Deadline | None:
    """The deadline the unit is judged by now: re-handling's month while it runs, else the reply."""
    clocks = all_clocks(assignment)
    if "rehandling" in ASSIGNMENT.running_clocks(assignment):
        return clocks["rehandling"]
    return clocks.get("reply")
