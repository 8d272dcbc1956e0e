"""What the public reads (S§33): the published replies, and each unit's on-time record.

Reads only. A reply is public once its unit's head signed it off, unless it was withheld on
an S§33 ground; a draft or a withheld reply never leaves the portal's closed pages.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import connection
from django.db.models import Count, F, FilteredRelation, Q, QuerySet, Value
from django.db.models.functions import Coalesce, TruncDate

from congress.deadlines.periods import BEIJING
from congress.models import Congress
from suggestions.models import Assignment, Reply
from suggestions.reports.cache import remembered
from suggestions.workflow import ASSIGNMENT, PUBLISHED, REPLYING_ROLES

MAX_SEARCH_WORDS = 8


# --- Published replies ---------------------------------------------------------------------------


def published_replies() -> QuerySet[Reply]:
    """Signed-off replies not withheld (S§33), newest first."""
    return (
        Reply.objects.filter(PUBLISHED)
        .select_related("assignment__unit", "assignment__suggestion__session__congress")
        .order_by("-approved_at", "-id")
    )


def year_span(year: int) -> tuple[dt.datetime, dt.datetime]:
    """The calendar year in Beijing time, as aware instants: [1 January, next 1 January)."""
    return (
        dt.datetime(year, 1, 1, tzinfo=BEIJING),
        dt.datetime(year + 1, 1, 1, tzinfo=BEIJING),
    )


def published_years() -> list[int]:
    """The years in which replies were published, newest first."""
    moments = Reply.objects.filter(PUBLISHED).datetimes("approved_at", "year", order="DESC", tzinfo=BEIJING)
    return [moment.year for moment in moments]


def search_replies(queryset: QuerySet[Reply], text: str) -> QuerySet[Reply]:
    """Every word must appear in the suggestion's title, the reply or the unit's name; a number
    also finds the suggestion of that number. On PostgreSQL the best title matches come first
    (trigram similarity; the trigram indexes also serve the substring search)."""
    words = text.split()[:MAX_SEARCH_WORDS]
    for word in words:
        condition = (
            Q(assignment__suggestion__title__icontains=word)
            | Q(body__icontains=word)
            | Q(assignment__unit__name__icontains=word)
            | Q(assignment__unit__short_name__icontains=word)
        )
        if word.isdigit():
            condition |= Q(assignment__suggestion__number=int(word))
        queryset = queryset.filter(condition)
    if words and connection.vendor == "postgresql":
        from django.contrib.postgres.search import TrigramSimilarity

        query: str = Value(" ".join(words))  # type: ignore[assignment]  # a parameter, not a column
        queryset = queryset.annotate(
            relevance=TrigramSimilarity("assignment__suggestion__title", query)
        ).order_by("-relevance", "-approved_at", "-id")
    return queryset


# --- The units' on-time record (issue 6) -------------------------------------------------------


@dataclass(frozen=True)
class UnitRecord:
    """One unit's replies due in a year, and how they went."""

    unit_id: int
    unit: str
    due: int
    on_time: int
    late: int
    overdue: int  # no reply, past the due date
    not_yet_due: int  # no reply, the due date still ahead

    @property
    def counted(self) -> int:
        """The replies whose outcome is known: given, or due and missing."""
        return self.on_time + self.late + self.overdue

    @property
    def rate(self) -> float | None:
        return self.on_time / self.counted if self.counted else None

    @property
    def percent(self) -> str:
        return "" if self.rate is None else f"{self.rate * 100:.1f}"

    @property
    def bars(self) -> list[tuple[str, float, float]]:
        """(kind, x, width) on a 0–100 scale: the on-time, late and overdue shares, stacked."""
        return stacked([("on_time", self.on_time), ("late", self.late), ("overdue", self.overdue)])


def stacked(parts: list[tuple[str, int]]) -> list[tuple[str, float, float]]:
    """Shares of a whole as segments of one bar, for an inline SVG of width 100."""
    total = sum(n for _kind, n in parts)
    segments, x = [], 0.0
    for kind, n in parts:
        if total and n:
            width = round(100 * n / total, 2)
            segments.append((kind, x, width))
            x = round(x + width, 2)
    return segments


def first_reply_day() -> TruncDate:
    """The Beijing date of an assignment's first signed-off reply, on a queryset annotated
    with `first_reply` (see replies_due_in). A re-handled assignment replies again in round 2
    (S§30) and keeps that time as replied_at; the three-month period (S§28) judged round 1.
    Without a reply row (imported history), the assignment's own replied_at."""
    return TruncDate(Coalesce("first_reply__approved_at", "replied_at"), tzinfo=BEIJING)


def replies_due_in(year: int) -> QuerySet[Assignment]:
    """Replies owed to deputies whose due date (the extension included) falls in the year,
    joined to their signed-off first-round reply (one at most: one reply per round)."""
    first_reply = FilteredRelation(
        "replies", condition=Q(replies__round=1, replies__status=Reply.Status.APPROVED)
    )
    return (
        Assignment.objects.filter(role__in=REPLYING_ROLES, reply_due__year=year)
        # An assignment that ended for good (moved to another unit, withdrawn) owes no reply.
        .exclude(status__in=ASSIGNMENT.terminal_statuses)
        .annotate(first_reply=first_reply)
    )


def unit_league(year: int, today: dt.date) -> list[UnitRecord]:
    """Per unit, the replies due in the year and whether they came on time: one GROUP BY query.
    Best on-time rate first; units with nothing due yet come last.

    The public page anyone may open: its query passes over the year's assignments with their
    first replies (at ten years of a province, 140 ms), so the result is kept with the
    statistics until a row it counts changes (suggestions/reports/cache.py)."""

    def count() -> list[UnitRecord]:
        on_time = Q(replied_on__lte=F("reply_due"))
        late = Q(replied_on__gt=F("reply_due"))
        missing = Q(replied_on__isnull=True)
        rows = (
            replies_due_in(year)
            .annotate(replied_on=first_reply_day())
            .values("unit_id", "unit__name")
            .annotate(
                due=Count("pk"),
                on_time=Count("pk", filter=on_time),
                late=Count("pk", filter=late),
                overdue=Count("pk", filter=missing & Q(reply_due__lt=today)),
                not_yet_due=Count("pk", filter=missing & Q(reply_due__gte=today)),
            )
            .order_by()
        )
        return [
            UnitRecord(
                unit_id=row["unit_id"],
                unit=row["unit__name"],
                due=row["due"],
                on_time=row["on_time"],
                late=row["late"],
                overdue=row["overdue"],
                not_yet_due=row["not_yet_due"],
            )
            for row in rows
        ]

    records = remembered(f"unit-league|{year}|{today}", count)
    return sorted(records, key=lambda r: (r.rate is None, -(r.rate or 0), -r.due, r.unit))


def portal_years(today: dt.date) -> list[int]:
    """The years a report can ask for, newest first: from the first congress term on record
    to next year (a reply assigned in the autumn is due next year). Read from the term, one
    row, not from the assignments, so the year picker costs nothing at any size."""
    first = Congress.objects.order_by("starts").values_list("starts", flat=True).first()
    start = first.year if first else today.year
    return list(range(today.year + 1, start - 1, -1))
