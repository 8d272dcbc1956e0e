"""What the liaison stations owe each person, for their desk (congress/desk.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congress.desk import LIMIT, Clock, Figure, Section, Task
from deputies.models import Deputy
from liaison_stations.models import Reception
from liaison_stations.selectors import (
    forwarded_by_due,
    opinions_visible_to,
    receptions_visible_to,
    station_months_without_reception,
    stations_run_by,
)
from liaison_stations.selectors.scope import forwarding_deadline
from liaison_stations.workflow import WAITING


def _reception_task(reception: Reception, kind: Any, action: Any) -> Task:
    place = reception.point or reception.station
    return Task(
        kind=kind,
        title=f"{place} {reception.theme}".strip(),
        url=reverse("stations:reception", args=[reception.pk]),
        action=action,
        when=timezone.localdate(reception.starts_at),
        note=timezone.localtime(reception.starts_at).strftime("%H:%M"),
    )


def for_deputy(section: Section, deputy: Deputy, since: dt.datetime | None, today: dt.date) -> None:
    """Receptions the deputy is scheduled to hold (D§31)."""
    upcoming = deputy.receptions.filter(
        status=Reception.Status.SCHEDULED, ends_at__gte=timezone.now()
    ).select_related("station", "point")
    for reception in upcoming.order_by("starts_at")[:LIMIT]:
        section.tasks.append(_reception_task(reception, _("Reception scheduled"), _("See the reception")))


def for_station_staff(section: Section, user: Any, today: dt.date) -> None:
    """This month's receptions, the stations still without one (D§31), the opinions to forward
    or answer, and the answers owed by the bodies they were forwarded to (D§35)."""
    first = today.replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    month = receptions_visible_to(user).filter(
        status=Reception.Status.SCHEDULED, starts_at__date__gte=first, starts_at__date__lt=following
    )
    for reception in month.order_by("starts_at")[:LIMIT]:
        section.tasks.append(_reception_task(reception, _("Reception this month"), _("Hold and record")))
    stations = stations_run_by(user)
    missing = list(
        station_months_without_reception(today.year, today.month, today).filter(pk__in=stations.values("pk"))
    )
    for station in missing[:LIMIT]:
        section.tasks.append(
            Task(
                kind=_("No reception scheduled this month"),
                title=station.name,
                url=reverse("stations:reception-new"),
                action=_("Schedule a reception"),
                when=following - dt.timedelta(days=1),
            )
        )
    visible = opinions_visible_to(user)
    waiting = visible.filter(status__in=WAITING)
    opinions = reverse("stations:opinions")
    section.counts.append(Figure(_("Opinions to forward or answer"), waiting.count(), opinions))
    for opinion in waiting.order_by("received_on", "id")[:LIMIT]:
        section.tasks.append(
            Task(
                kind=_("Opinion to forward or answer"),
                title=f"{opinion.tracking_code} {opinion.summary or opinion.matter}"[:80],
                url=reverse("stations:opinion", args=[opinion.pk]),
                action=_("Forward or answer"),
                note=str(_("Received %(date)s")) % {"date": opinion.received_on.isoformat()},
            )
        )
    for opinion in forwarded_by_due(visible)[:LIMIT]:
        forwarding = opinion.open_forwardings[0]  # type: ignore[attr-defined]
        section.tasks.append(
            Task(
                kind=_("Answer awaited from a forwarded body"),
                title=f"{opinion.tracking_code} {opinion.summary or opinion.matter}"[:80],
                url=reverse("stations:opinion", args=[opinion.pk]),
                action=_("Follow up"),
                clocks=(Clock("station_forward", forwarding_deadline(forwarding)),),
                note=forwarding.body_name,
            )
        )
