"""S§47: what the SC holds a handling unit to account for, counted as the article names it, and
no more: suggestions left unhandled past their deadline (逾期不办, S§47(2)), not handled within
the period without a good reason (S§47(3)), and passed on (推诿, S§47(2)). What the measures
allow is never counted: an approved extension (S§28) moves the deadline, and an objection the
assigning body upheld (S§20) is how a suggestion lawfully reaches the right unit. Counts are one
GROUP BY query whatever the number of units; lists are querysets the pages filter, page and
export. The SC's orders to put things right are in suggestions.services.accountability."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from congress.deadlines.calendar import deadline
from congress.deadlines.periods import ONE_DAY, Deadline
from congress.deadlines.statutory import REPLY
from suggestions.models import Assignment
from suggestions.reports.cache import remembered
from suggestions.selectors import all_clocks, past_due
from suggestions.workflow import ASSIGNMENT


def reply_period_cutoff(today: dt.date) -> dt.date:
    """The last day of assignment whose three months (S§28) are over by today: assignments on
    or before it that still have no reply, and no approved extension, are unanswered. The
    reply period grows with its start, so walking back from today finds the day."""
    day = today
    while deadline(REPLY, day).due >= today:
        day -= ONE_DAY
    return day


# While its objection awaits the assigning body (S§20), a unit is not blamed for the time the
# body takes: the reply clock runs on (the table), but the unit is not counted late.
AWAITING_DECISION = Q(status__in=sorted(map(str, ASSIGNMENT.sources("reassign"))))


def overdue_condition(today: dt.date) -> Q:
    """逾期不办 (S§47(2)): the reply is past its due date — three months (S§28), six with an
    approved extension — or the one month of re-handling (S§30) is over, and nothing was
    delivered."""
    return (past_due("reply", today) | past_due("rehandling", today)) & ~AWAITING_DECISION


def unanswered_condition(today: dt.date) -> Q:
    """无正当理由未在规定时限内办理 (S§47(3)): assigned more than the three-month reply period
    ago (S§28), no reply, and no extension approved: an approved extension is the measures' own
    good reason, and it is not counted here."""
    return (
        ASSIGNMENT.running("reply")
        & Q(assigned_on__lte=reply_period_cutoff(today), extended=False)
        & ~AWAITING_DECISION
    )


# 推诿 (S§47(2)): the unit said in writing the suggestion was not its responsibility, and the
# assigning body found it was and kept it with the unit (S§20). Upheld — moved to another unit —
# or never decided (withdrawn meanwhile), an objection counts nowhere. WORKFLOWS.md §2 lists
# suggestions "passed around" (moved on objection, twice or more): each move was an objection
# the assigning body upheld, which S§20 provides for; the statute wins.
NOT_UPHELD = Q(objected_on__isnull=False, replaced_by__isnull=True) & ~Q(
    status__in=sorted(
        map(
            str,
            ASSIGNMENT.sources("reassign")
            | ASSIGNMENT.action("reassign").targets
            | ASSIGNMENT.action("withdraw").targets,
        )
    )
)


@dataclass(frozen=True)
class AccountabilityRecord:
    unit_id: int
    unit: str
    overdue: int
    unanswered: int
    passed: int


def _in_year(queryset: QuerySet[Assignment], year: int | None) -> QuerySet[Assignment]:
    return queryset.filter(assigned_on__year=year) if year else queryset


def accountability_table(today: dt.date, year: int | None = None) -> list[AccountabilityRecord]:
    """Per unit, the three S§47 counts in one GROUP BY query; the worst first.

    The query passes over every unit's part in every suggestion (at ten years of a province,
    ~300,000: 120 ms on PostgreSQL), so its result is kept with the statistics until a row it
    counts changes. Besides the data it depends on today and the last day whose reply period
    is over, which the holiday calendar moves: both are in the key."""
    cutoff = reply_period_cutoff(today)

    def count() -> list[AccountabilityRecord]:
        overdue, unanswered = overdue_condition(today), unanswered_condition(today)
        rows = (
            _in_year(Assignment.objects.filter(overdue | unanswered | NOT_UPHELD), year)
            .values("unit_id", "unit__name")
            .annotate(
                overdue=Count("pk", filter=overdue),
                unanswered=Count("pk", filter=unanswered),
                passed=Count("pk", filter=NOT_UPHELD),
            )
            .order_by()
        )
        return [
            AccountabilityRecord(
                unit_id=r["unit_id"],
                unit=r["unit__name"],
                overdue=r["overdue"],
                unanswered=r["unanswered"],
                passed=r["passed"],
            )
            for r in rows
        ]

    records = remembered(f"accountability|{today}|{cutoff}|{year}", count)
    return sorted(records, key=lambda r: (-r.overdue, -r.unanswered, -r.passed, r.unit))


def accountability_condition(kind: str, today: dt.date) -> Q:
    """The assignments behind one column of the table."""
    if kind == "overdue":
        return overdue_condition(today)
    if kind == "unanswered":
        return unanswered_condition(today)
    if kind == "passed":
        return NOT_UPHELD
    raise ValueError(kind)


def in_accountability_list(queryset: QuerySet[Assignment], kind: str, today: dt.date) -> QuerySet[Assignment]:
    return queryset.filter(accountability_condition(kind, today))


def owed_clock(assignment: Assignment) -> Deadline | None:
    """The deadline the unit is judged by now: re-handling's month while it runs, else the reply."""
    clocks = all_clocks(assignment)
    if "rehandling" in ASSIGNMENT.running_clocks(assignment):
        return clocks["rehandling"]
    return clocks.get("reply")
