"""Reads of the stations' receptions: the month's reception (D§31) and the months without one,
and each deputy's station activities in a year (D§21)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypedDict

from django.db.models import (
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
)
from django.db.models.functions import ExtractMonth
from django.utils import timezone

from congress.deadlines.periods import BEIJING
from congress.models import Congress
from deputies.models import Deputy
from liaison_stations import workflow
from liaison_stations.models import Attachment, Reception, Station
from liaison_stations.rules import month_bounds, months_due, reception_minimum

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

# What the month's reception is (D§31: 每月至少安排代表接待群众一次，时间不少于半个工作日): the one
# definition behind the missing-months report, the desk, the sweep's reminder and a reception's
# page. Deputies receive the public: at least one deputy present, of this congress (`deputies`)
# or of another, named (`other_deputies`); for at least half a working day (rules.reception_minimum).
# Regular receptions are held to that length when scheduled; a shorter thematic one is lawful
# (rules.reception_times_problem) but is not the month's. Receptions at a station's points count
# for the station.
HELD = sorted(workflow.RECEPTION.action("hold").targets)


def monthly_receptions(statuses: Iterable[str] = HELD) -> QuerySet[Reception]:
    """Receptions in `statuses` (by default: held) that count as a station's monthly reception."""
    present = Reception.deputies.through.objects.filter(reception_id=OuterRef("pk"))
    length = ExpressionWrapper(F("ends_at") - F("starts_at"), output_field=DurationField())
    return (
        Reception.objects.filter(status__in=sorted(statuses))
        .filter(Q(Exists(present)) | ~Q(other_deputies=""))
        .alias(length=length)
        .filter(length__gte=reception_minimum())
    )


def counts_for_the_month(reception: Reception) -> bool:
    """Whether this reception, held (or, while scheduled, once held), is its month's (D§31)."""
    statuses = {*HELD, *workflow.RECEPTION.open_statuses}
    return monthly_receptions(statuses).filter(pk=reception.pk).exists()


def station_months_without_reception(
    year: int, month: int, today: dt.date | None = None
) -> QuerySet[Station]:
    """Active stations with no monthly reception in the month (D§31: at least one a month).

    A month that is over counts only receptions held; in a month still running (or to come)
    one scheduled is enough for now. Stations opened after the month are not asked.
    """
    today = today or timezone.localdate()
    first, following = month_bounds(year, month)
    statuses = set(HELD)
    if following > today:
        statuses |= workflow.RECEPTION.open_statuses  # still to be held
    start, end = _aware(first), _aware(following)
    receptions = monthly_receptions(statuses).filter(
        station_id=OuterRef("pk"), starts_at__gte=start, starts_at__lt=end
    )
    return (
        Station.objects.filter(kind=Station.Kind.STATION, is_active=True)
        .filter(Q(established_on__isnull=True) | Q(established_on__lt=following))
        .exclude(Exists(receptions))
        .order_by("city", "county", "name")
    )


def _aware(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(0), BEIJING)


# --- Reports ------------------------------------------------------------------------------


@dataclass(frozen=True)
class MissingMonths:
    station: Station
    months: list[int]  # months over and without a monthly reception held
    held: int  # monthly receptions held in the year


def missing_months_report(
    year: int, today: dt.date | None = None, stations: QuerySet[Station] | None = None
) -> list[MissingMonths]:
    """Every station with a month of `year` gone by without a monthly reception held (D§31).

    Two queries whatever the number of stations: the stations, and the (station, month)
    pairs that had a reception.
    """
    today = today or timezone.localdate()
    asked = stations
    stations = stations if stations is not None else Station.objects.all()
    stations = stations.filter(kind=Station.Kind.STATION, is_active=True).order_by("city", "county", "name")
    held: dict[int, set[int]] = {}
    counts: dict[int, int] = {}
    receptions = monthly_receptions()
    if asked is not None:
        # A desk asks for its own stations: count theirs, not the province's (issue 15).
        receptions = receptions.filter(station__in=stations.values("pk"))
    rows = (
        receptions.filter(
            starts_at__gte=_aware(dt.date(year, 1, 1)),
            starts_at__lt=_aware(dt.date(year + 1, 1, 1)),
        )
        .annotate(month=ExtractMonth("starts_at"))
        .values_list("station_id", "month")
        .annotate(n=Count("id"))
    )
    for station_id, month, n in rows:
        held.setdefault(station_id, set()).add(month)
        counts[station_id] = counts.get(station_id, 0) + n
    report = []
    for station in stations:
        due = months_due(year, today, station.established_on)
        missing = [m for m in due if m not in held.get(station.pk, set())]
        if missing:
            report.append(MissingMonths(station, missing, counts.get(station.pk, 0)))
    return report


class Attendance(TypedDict):
    activities: int  # receptions held in the year with the deputy present
    stations_count: int | None  # stations and points the deputy is attached to


def attendance_report(
    year: int,
    congress: Congress | None = None,
    *,
    none_only: bool = False,
    stations: QuerySet[Station] | None = None,
) -> QuerySet[WithAnnotations[Deputy, Attendance]]:
    """D§21: each deputy takes part in a station activity at least once a year.

    Active deputies of the term, each with the receptions held that year at which they were
    present (`activities`) and the number of stations they are attached to (`stations_count`);
    with `none_only`, those with no activity; with `stations`, the deputies attached to them.
    """
    congress = congress or Congress.objects.order_by("-number").first()
    start, end = _aware(dt.date(year, 1, 1)), _aware(dt.date(year + 1, 1, 1))
    in_year = Q(
        receptions__status__in=HELD,
        receptions__starts_at__gte=start,
        receptions__starts_at__lt=end,
    )
    attached = (
        Attachment.objects.filter(deputy_id=OuterRef("pk"))
        .values("deputy_id")
        .annotate(n=Count("id"))
        .values("n")
    )
    deputies = Deputy.objects.filter(congress=congress, status=Deputy.Status.ACTIVE)
    if stations is not None:
        deputies = deputies.filter(
            Exists(Attachment.objects.filter(deputy_id=OuterRef("pk"), station__in=stations.values("pk")))
        )
    deputies = (
        deputies.select_related("delegation")
        .annotate(activities=Count("receptions", filter=in_year, distinct=True), stations_count=attached)
        .order_by("activities", "delegation__sort_order", "id")
    )
    return deputies.filter(activities=0) if none_only else deputies


def deputy_activities(deputy: Deputy, year: int) -> QuerySet[Reception]:
    start, end = _aware(dt.date(year, 1, 1)), _aware(dt.date(year + 1, 1, 1))
    return (
        deputy.receptions.filter(status__in=HELD, starts_at__gte=start, starts_at__lt=end)
        .select_related("station", "point")
        .order_by("starts_at")
    )
