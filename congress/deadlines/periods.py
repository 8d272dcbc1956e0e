"""The period engine: how Chinese law counts a period, on the official calendar.

PRC Civil Code arts. 200–204 (WORKFLOWS.md §1):
- the day of the triggering event is not counted; counting starts the next day (art. 201);
- N days end on start + N; N months end on the same day N months later, or that month's last
  day when it has no such day (art. 202);
- an end on a statutory rest day moves to the first working day after it (art. 203); an
  adjusted workday (调休上班日) is a working day;
- the period ends at 24:00 of its last day (art. 203), Beijing time;
- an extension lengthens the same period, so the holiday rule is applied once, to the end of
  the whole period;
- working-day periods (工作日) count only working days.

This module is pure Python: it takes a CalendarSnapshot (the days of the official calendar
held in memory) and never queries the database. congress.deadlines.calendar builds the snapshot.
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from congress.numerals import hanzi_number

if TYPE_CHECKING:
    from congress.deadlines.statutory import Rule

BEIJING = ZoneInfo("Asia/Shanghai")
# The calendar starts with the People's Republic; nothing in the portal reaches further back.
EARLIEST = dt.date(1949, 10, 1)
LATEST = dt.date(2199, 12, 31)
ONE_DAY = dt.timedelta(days=1)


class PeriodError(ValueError):
    """A period or date that cannot be computed; the message is for people."""


class Unit(StrEnum):
    DAYS = "d"
    WORKING_DAYS = "wd"
    MONTHS = "m"


PERIOD_PATTERN = re.compile(r"^\s*(\d{1,4})\s*(wd|d|m)\s*$")


@dataclass(frozen=True)
class Period:
    count: int
    unit: Unit

    def __post_init__(self) -> None:
        if self.count < 1:
            raise PeriodError(_("A period must be at least 1."))
        limit = {Unit.DAYS: 3660, Unit.WORKING_DAYS: 2500, Unit.MONTHS: 120}[self.unit]
        if self.count > limit:
            raise PeriodError(_("A period of more than %(limit)s%(unit)s is not a statutory period.") % {
                "limit": limit, "unit": self.unit.value})  # fmt: skip

    @classmethod
    def parse(cls, text: str) -> Period:
        """'5d', '10wd', '3m' → Period. Refuses '0m', '-5d', '13x' with a clear message."""
        match = PERIOD_PATTERN.match(text or "")
        if not match:
            raise PeriodError(
                _(
                    "“%(text)s” is not a period: write a number and a unit, e.g. 5d (days), 10wd (working days), 3m (months)."
                )
                % {"text": text}
            )
        return cls(int(match.group(1)), Unit(match.group(2)))

    def __str__(self) -> str:
        return f"{self.count}{self.unit.value}"

    def __add__(self, other: Period) -> Period:
        if other.unit != self.unit:
            raise PeriodError(_("An extension must be counted in the same unit as the period."))
        return Period(self.count + other.count, self.unit)

    def describe(self) -> str:
        n: int | str = self.count
        # The law writes 三个月, 五日: Chinese numerals in Chinese text.
        if (get_language() or "zh-hans").startswith("zh") and self.count < 100:
            n = hanzi_number(self.count)
        if self.unit is Unit.MONTHS:
            return ngettext("%(n)s month", "%(n)s months", self.count) % {"n": n}
        if self.unit is Unit.WORKING_DAYS:
            return ngettext("%(n)s working day", "%(n)s working days", self.count) % {"n": n}
        return ngettext("%(n)s day", "%(n)s days", self.count) % {"n": n}


def parse_date(text: str) -> dt.date:
    """An ISO date within the range the portal counts; a clear message otherwise."""
    try:
        day = dt.date.fromisoformat((text or "").strip())
    except ValueError:
        raise PeriodError(
            _("“%(text)s” is not a date: write it as YYYY-MM-DD, e.g. 2021-07-01.") % {"text": text}
        ) from None
    check_date(day)
    return day


def check_date(day: dt.date) -> None:
    if not EARLIEST <= day <= LATEST:
        raise PeriodError(
            _("%(date)s is outside the range the portal counts (%(first)s to %(last)s).")
            % {"date": day.isoformat(), "first": EARLIEST.isoformat(), "last": LATEST.isoformat()}
        )


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, or that month's last day (Civil Code art. 202)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, _calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class CalendarSnapshot:
    """The official calendar in memory: dated holidays and adjusted workdays, with names.

    A year is covered when its State Council schedule is in the table (approved). For a year
    not covered, only weekends are rest days, and deadlines touching it are provisional.
    """

    holidays: Mapping[dt.date, str] = field(default_factory=dict)
    workdays: Mapping[dt.date, str] = field(default_factory=dict)
    covered_years: frozenset[int] = frozenset()
    version: str = ""

    def is_rest_day(self, day: dt.date) -> bool:
        if day in self.workdays:
            return False
        return day in self.holidays or day.weekday() >= 5

    def is_covered(self, day: dt.date) -> bool:
        return day.year in self.covered_years

    def rest_reason(self, day: dt.date) -> str:
        if day in self.holidays:
            return self.holidays[day]
        return _("Saturday") if day.weekday() == 5 else _("Sunday")

    def next_working_day(self, day: dt.date) -> dt.date:
        """`day` itself if it is a working day, else the first working day after it."""
        while self.is_rest_day(day):
            day += ONE_DAY
        return day


@dataclass(frozen=True)
class Shift:
    """The end fell on a rest day and moved (Civil Code art. 203)."""

    rest_day: dt.date
    reason: str
    to: dt.date


@dataclass(frozen=True)
class Deadline:
    start: dt.date  # the day of the triggering event (not counted)
    period: Period  # the whole period, extension included
    raw_end: dt.date  # the last day before the holiday rule
    due: dt.date  # the last day; the period ends at 24:00 of it
    provisional: bool  # a year it touches is not on the calendar yet
    uncovered_years: tuple[int, ...] = ()
    shift: Shift | None = None
    rule: Rule | None = None
    extension: Period | None = None

    @property
    def ends_at(self) -> dt.datetime:
        """24:00 of the last day, Beijing time: the first instant that is too late."""
        return dt.datetime.combine(self.due + ONE_DAY, dt.time(0), BEIJING)

    def days_left(self, today: dt.date) -> int:
        """Days from today to the last day: 0 on the day itself, negative when overdue."""
        return (self.due - today).days

    def is_over(self, moment: dt.datetime) -> bool:
        return moment >= self.ends_at

    def explanation(self) -> str:
        """Start, rule and article, raw end, and why it moved — in the active language."""
        from congress.deadlines.statutory import article_label

        trigger = self.rule.trigger if self.rule else _("Start")
        parts = [_("%(trigger)s %(date)s") % {"trigger": trigger, "date": self.start.isoformat()}]
        if self.rule and self.extension:
            base = Period(self.period.count - self.extension.count, self.period.unit)
            parts.append(
                _("%(period)s, extended by %(extension)s (%(article)s)")
                % {
                    "period": base.describe(),
                    "extension": self.extension.describe(),
                    "article": article_label(self.rule.article),
                }
            )
        elif self.rule:
            parts.append(
                _("%(period)s (%(article)s)")
                % {"period": self.period.describe(), "article": article_label(self.rule.article)}
            )
        else:
            parts.append(self.period.describe())
        if self.period.unit is Unit.WORKING_DAYS:
            parts.append(_("counted in working days, ends %(date)s") % {"date": self.due.isoformat()})
        else:
            parts.append(_("ends %(date)s") % {"date": self.raw_end.isoformat()})
        if self.shift:
            parts.append(
                _("%(date)s is a statutory rest day (%(reason)s), moved to %(due)s")
                % {
                    "date": self.shift.rest_day.isoformat(),
                    "reason": self.shift.reason,
                    "due": self.shift.to.isoformat(),
                }
            )
        if self.provisional:
            years = "、".join(str(y) for y in self.uncovered_years)
            parts.append(
                _(
                    "provisional: the holiday schedule for %(years)s is not on the calendar yet, so only weekends were counted as rest days"
                )
                % {"years": years}
            )
        return _("; ").join(parts)

    def as_api(self) -> dict[str, object]:
        """The deadline object of WORKFLOWS.md §7."""
        return {
            "due": self.due.isoformat(),
            "explanation": self.explanation(),
            "provisional": self.provisional,
        }


def compute(
    start: dt.date,
    period: Period,
    calendar: CalendarSnapshot,
    *,
    rule: Rule | None = None,
    extension: Period | None = None,
) -> Deadline:
    """The deadline of `period` (lengthened by `extension`) counted from the day after `start`."""
    check_date(start)
    whole = period + extension if extension else period
    if whole.unit is Unit.WORKING_DAYS:
        return _working_days(start, whole, calendar, rule=rule, extension=extension)

    raw_end = (
        start + dt.timedelta(days=whole.count) if whole.unit is Unit.DAYS else add_months(start, whole.count)
    )
    check_date(raw_end)
    due = calendar.next_working_day(raw_end)
    shift = Shift(raw_end, calendar.rest_reason(raw_end), due) if due != raw_end else None
    uncovered = _uncovered_years(calendar, raw_end, due)
    return Deadline(
        start=start, period=whole, raw_end=raw_end, due=due, provisional=bool(uncovered),
        uncovered_years=uncovered, shift=shift, rule=rule, extension=extension,
    )  # fmt: skip


def _working_days(
    start: dt.date, period: Period, calendar: CalendarSnapshot, *, rule: Rule | None, extension: Period | None
) -> Deadline:
    day, left = start, period.count
    while left:
        day += ONE_DAY
        if not calendar.is_rest_day(day):
            left -= 1
    check_date(day)
    uncovered = _uncovered_years(calendar, start + ONE_DAY, day)
    return Deadline(
        start=start, period=period, raw_end=day, due=day, provisional=bool(uncovered),
        uncovered_years=uncovered, rule=rule, extension=extension,
    )  # fmt: skip


def _uncovered_years(calendar: CalendarSnapshot, first: dt.date, last: dt.date) -> tuple[int, ...]:
    return tuple(y for y in range(first.year, last.year + 1) if y not in calendar.covered_years)
