"""The stations' clocks, as the deadline sweep sees them (congress.deadlines.reminders).

- `station_forward`: the answer to a forwarded opinion (policy_rule("station_forward")). The
  station follows it up (D§35 跟踪), so its staff are reminded; once overdue the committee
  is told too.
- `station_reception`: D§31 asks for a reception every month. A week before a month ends,
  the staff of a station with none held or scheduled that month are reminded (one that counts:
  selectors.monthly_receptions, a deputy present for at least half a working day).
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from congress.deadlines import overdue
from congress.deadlines.overdue import OverdueItem, OverdueSource
from congress.deadlines.reminders import DeadlineKind, DueItem, register
from congress.models import User
from congress.roles import Role
from liaison_stations.models import Forwarding, Station
from liaison_stations.selectors import forwarding_deadline, station_months_without_reception


def _staff_of(station_ids: set[int]) -> dict[int, list[int]]:
    """Active staff users of each station, in one query."""
    staff: dict[int, list[int]] = defaultdict(list)
    rows = Station.staff.through.objects.filter(
        station_id__in=station_ids, user__is_active=True, user__role_rows__role=Role.STATION_STAFF
    ).values_list("station_id", "user_id")
    for station_id, user_id in rows:
        staff[station_id].append(user_id)
    return staff


def _committee_staff() -> list[int]:
    return list(
        User.objects.filter(is_active=True, role_rows__role=Role.COMMITTEE_STAFF).values_list("pk", flat=True)
    )


def forwardings_open() -> QuerySet[Forwarding]:
    """Forwarded matters still awaiting the body's answer."""
    return Forwarding.objects.filter(outcome=Forwarding.Outcome.OPEN)


def forwardings_due_on(dates: list[dt.date]) -> Iterable[DueItem]:
    forwardings = list(forwardings_open().filter(reply_due__in=dates).select_related("opinion"))
    if not forwardings:
        return []
    staff = _staff_of({f.opinion.station_id for f in forwardings if f.opinion.station_id})
    committee = _committee_staff()
    items = []
    with translation.override("zh-hans"):
        for f in forwardings:
            station_id = f.opinion.station_id
            owners = staff.get(station_id, []) if station_id else []
            items.append(
                DueItem(
                    object_id=f.pk,
                    due=f.reply_due,
                    title=f"{f.opinion.summary[:40] or f.opinion.tracking_code} · {f.body_name}",
                    link=reverse("stations:opinion", args=[f.opinion_id]),
                    explanation=forwarding_deadline(f).explanation(),
                    # A deputy's own mail with no station is the committee's to follow.
                    owners=owners or committee,
                    escalation=committee,
                )
            )
    return items


def receptions_due_on(dates: list[dt.date]) -> Iterable[DueItem]:
    """For each month-end among `dates`: the stations with no reception that month."""
    month_ends = [d for d in dates if d.day == calendar.monthrange(d.year, d.month)[1]]
    items = []
    for end in month_ends:
        stations = list(station_months_without_reception(end.year, end.month))
        staff = _staff_of({s.pk for s in stations})
        with translation.override("zh-hans"):
            for station in stations:
                if not staff.get(station.pk):
                    continue
                items.append(
                    DueItem(
                        object_id=station.pk,
                        due=end,
                        title=station.name,
                        link=reverse("stations:reception-new") + f"?station={station.pk}",
                        explanation=_(
                            "A liaison station arranges at least one reception a month, deputies receiving the public for at least half a working day (D§31)."
                        ),
                        owners=staff[station.pk],
                    )
                )
    return items


def describe_forwardings(pks: list[int]) -> dict[int, OverdueItem]:
    """The station's summary of the matter, never the visitor's own words or contact details."""
    rows = Forwarding.objects.filter(pk__in=pks).select_related("opinion__station", "unit")
    described = {}
    for f in rows:
        station = f.opinion.station
        summary = f.opinion.summary[:60]
        described[f.pk] = OverdueItem(
            number=f.opinion.tracking_code,
            title=f"{summary} · {station.name}" if station else summary,
            link=reverse("stations:opinion", args=[f.opinion_id]),
            owner=f.unit.name if f.unit else f.body_name,
            deadline=forwarding_deadline(f),
        )
    return described


def register_all() -> None:
    register(DeadlineKind("station_forward", "station_forward", forwardings_due_on))
    register(DeadlineKind("station_reception", "station_reception", receptions_due_on))
    # Receptions are not on the board: a month without one is no item owed by a unit.
    overdue.register(
        OverdueSource("station_forward", forwardings_open, "reply_due", "unit", describe_forwardings)
    )
