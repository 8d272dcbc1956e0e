"""Pure rules of the station measures: deputies' attachment, receptions' length, months due.

No database here; services and selectors call these, and tests check them directly.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from django.conf import settings
from django.utils import timezone

from congress.deadlines.periods import ONE_DAY


def attachment_basis_allowed(constituency: str, station_city: str, basis: str) -> bool:
    """D§21: provincial and city deputies take part in the station of the constituency that
    elected them, or where they work or live.

    The portal's deputies are the provincial congress's; each was elected by a city congress
    (原选举单位, "太原市人民代表大会"). "Where elected" therefore means a station of that city.
    Work and residence are the deputy's own declaration and hold anywhere. (County and township
    deputies, bound to their constituency alone, are not deputies of this congress.)
    """
    if basis == "constituency":
        return bool(station_city) and constituency.startswith(station_city)
    return basis in ("workplace", "residence")


def reception_minimum() -> dt.timedelta:
    """D§31: 时间不少于半个工作日.

    Half of the statutory 8-hour working day (国务院关于职工工作时间的规定 第三条) is 4 hours;
    the committee can set another length (RECEPTION_MIN_MINUTES) if its working hours differ.
    """
    return dt.timedelta(minutes=settings.RECEPTION_MIN_MINUTES)


def reception_times_problem(starts: dt.datetime, ends: dt.datetime, kind: str = "regular") -> str | None:
    """The refusal code for a reception's times, or None when they are acceptable.

    D§31 sets the half working day for the month's reception, the regular one (常规接待). A
    thematic reception is organised on top of it (在组织常规接待的基础上) and the article gives it
    no length: it may be shorter, and then it does not count for the month
    (selectors.monthly_receptions).
    """
    if timezone.localtime(ends).date() != timezone.localtime(starts).date():
        return "reception_not_one_day"
    if kind == "regular" and ends - starts < reception_minimum():
        return "reception_too_short"
    return None


def months_due(year: int, today: dt.date, established_on: dt.date | None = None) -> list[int]:
    """The months of `year` that are over and in which the station already existed.

    D§31 asks for a reception every month; a month can only be missing once it has ended, and
    not before the station opened.
    """
    months = []
    for month in range(1, 13):
        last_day = month_bounds(year, month)[1] - ONE_DAY
        if last_day >= today:
            break
        if established_on and last_day < established_on:
            continue
        months.append(month)
    return months


def month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    """The first day of the month and the first day of the next."""
    first = dt.date(year, month, 1)
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return first, following


def redact(text: str, personal: Iterable[str]) -> str:
    """Mask the visitor's own name, contact and address wherever staff typed them into a text
    meant for the public board: the board never shows a visitor's personal data (D§35)."""
    for value in sorted({p.strip() for p in personal if p and len(p.strip()) >= 2}, key=len, reverse=True):
        text = re.sub(re.escape(value), "＊" * min(len(value), 3), text, flags=re.IGNORECASE)
    # Anyone's phone or ID number, whoever typed it where: long digit runs never go out.
    return LONG_NUMBER.sub(lambda m: m.group()[:3] + "＊" * (len(m.group()) - 3), text)


# Nine or more digits, hyphens allowed: phone (0351-7011234), mobile and ID numbers, not dates.
LONG_NUMBER = re.compile(r"(?<!\d)(?:\d-?){8,}\d(?!\d)")
