"""The station desk: for station staff and the committee, this month's reception, the matters
to handle and the answers due; for a deputy, their receptions, matters and year's activities."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from liaison_stations.models import Reception
from liaison_stations.permissions import is_overseer, is_station_staff
from liaison_stations.selectors import (
    deputy_activities,
    forwarded_by_due,
    missing_months_report,
    opinions_visible_to,
    receptions_visible_to,
    station_months_without_reception,
)
from liaison_stations.views.opinions import with_deadline
from liaison_stations.views.scope import require_station_work, stations_worked_by
from liaison_stations.workflow import OPINION, WAITING

OPEN = sorted(OPINION.open_statuses)


@login_required
def desk(request: HttpRequest) -> HttpResponse:
    require_station_work(request)
    user = request.user
    today = timezone.localdate()
    stations = stations_worked_by(user)
    deputy = getattr(user, "deputy", None)
    context: dict[str, Any] = {"today": today, "deputy": deputy}
    if is_station_staff(user):
        mine = list(stations.annotate(open_count=Count("opinions", filter=Q(opinions__status__in=OPEN))))
        context["stations"] = mine
        missing_now = set(
            station_months_without_reception(today.year, today.month, today)
            .filter(pk__in=[s.pk for s in mine])
            .values_list("pk", flat=True)
        )
        context["missing_now"] = [s for s in mine if s.pk in missing_now]
        context["missing_months"] = missing_months_report(today.year, today, stations)
    if is_station_staff(user) or is_overseer(user):
        visible = opinions_visible_to(user)
        waiting = visible.filter(status__in=WAITING).order_by("-received_on", "-id")
        context["to_handle"] = waiting[:10]
        context["to_handle_count"] = waiting.count()
        # Soonest answer due first, from the open forwardings (a partial index).
        context["forwarded"] = [with_deadline(o) for o in forwarded_by_due(visible)[:10]]
        context["upcoming"] = (
            receptions_visible_to(user)
            .filter(status=Reception.Status.SCHEDULED)
            .prefetch_related("deputies")
            .order_by("starts_at")[:5]
        )
    if deputy is not None:
        context["my_receptions"] = (
            deputy.receptions.filter(status=Reception.Status.SCHEDULED, ends_at__gte=timezone.now())
            .select_related("station", "point")
            .order_by("starts_at")
        )
        context["my_activities"] = list(deputy_activities(deputy, today.year))
        context["my_stations"] = deputy.attachments.select_related("station")
        context["my_opinions"] = opinions_visible_to(user).filter(status__in=OPEN)[:10]
    return render(request, "liaison_stations/desk.html", context)
