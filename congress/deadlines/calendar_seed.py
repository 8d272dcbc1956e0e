"""Seed the calendar table from the chinesecalendar package, with recorded corrections.

Used by the data migration (so every database, the test database included, has the calendar)
and by `manage.py refresh_calendar`, which can be run again safely: it adds what the package
has and the table lacks, never touches a schedule staff entered from a notice, and keeps the
corrections below.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.apps.registry import Apps
from django.utils import timezone

CHINESE_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "抗战胜利70周年纪念日",
}


@dataclass(frozen=True)
class Correction:
    """Where the package and the official notice differ, the notice decides."""

    date: dt.date
    kind: str
    name: str
    note: str


CORRECTIONS = [
    # The 2006 notice (国务院办公厅关于2006年部分节假日安排的通知): 元旦 1月1日至3日放假，
    # 2005年12月31日（星期六）上班. chinesecalendar lists that Saturday as a rest day; the
    # `holidays` package agrees with the notice.
    Correction(
        dt.date(2005, 12, 31),
        "adjusted_workday",
        "元旦调休",
        "更正：据国务院办公厅2006年节假日安排通知，2005年12月31日（星期六）上班；chinesecalendar 未列此日。",
    ),
]


def package_days() -> dict[int, dict[dt.date, tuple[str, str]]]:
    """{year: {date: (kind, chinese name)}} from chinesecalendar, corrections applied."""
    from chinese_calendar import constants

    years: dict[int, dict[dt.date, tuple[str, str]]] = {}
    for date, name in constants.holidays.items():
        years.setdefault(date.year, {})[date] = ("holiday", CHINESE_NAMES.get(name, name))
    for date, name in constants.workdays.items():
        years.setdefault(date.year, {})[date] = ("adjusted_workday", CHINESE_NAMES.get(name, name) + "调休")
    for fix in CORRECTIONS:
        years.setdefault(fix.date.year, {})[fix.date] = (fix.kind, fix.name)
    return years


def package_source() -> str:
    import chinese_calendar

    return f"chinesecalendar {getattr(chinese_calendar, '__version__', '')}".strip()


def seed_from_package(apps: Apps | Any) -> list[int]:
    """Create or update the package's years; returns the years that changed."""
    CalendarYear = apps.get_model("congress", "CalendarYear")
    CalendarDay = apps.get_model("congress", "CalendarDay")
    source = package_source()
    notes = {fix.date: fix.note for fix in CORRECTIONS}
    changed = []
    for year, days in sorted(package_days().items()):
        schedule, created = CalendarYear.objects.get_or_create(
            year=year,
            defaults={"status": "approved", "source": source, "approved_at": timezone.now()},
        )
        if not created and not schedule.source.startswith("chinesecalendar"):
            continue  # entered by staff from the notice: theirs decides
        existing = {d.date: d for d in CalendarDay.objects.filter(schedule=schedule)}
        new = [
            CalendarDay(schedule=schedule, date=date, kind=kind, name=name, note=notes.get(date, ""))
            for date, (kind, name) in days.items()
            if date not in existing
        ]
        stale = [d.pk for date, d in existing.items() if date not in days]
        renamed = [d for date, d in existing.items() if date in days and (d.kind, d.name) != days[date]]
        for d in renamed:
            d.kind, d.name = days[d.date]
        CalendarDay.objects.bulk_create(new)
        CalendarDay.objects.filter(pk__in=stale).delete()
        CalendarDay.objects.bulk_update(renamed, ["kind", "name"])
        if created or new or stale or renamed:
            if schedule.source != source:
                schedule.source = source
                schedule.save(update_fields=["source", "changed_at"])
            changed.append(year)
    return changed
