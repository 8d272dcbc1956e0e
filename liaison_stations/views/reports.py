"""Reports of the station work: each deputy's activities in the year (D§21) and the months a
station held no reception (D§31)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from congress.excel import excel_response
from congress.replica import reads_from_replica
from liaison_stations.permissions import is_overseer, is_station_staff
from liaison_stations.selectors import attendance_report, missing_months_report, stations_run_by


def _require_reports(request: HttpRequest) -> None:
    if not (is_overseer(request.user) or is_station_staff(request.user)):
        raise PermissionDenied


def _year(request: HttpRequest) -> int:
    text = request.GET.get("year", "")
    year = int(text) if text.isdigit() else timezone.localdate().year
    return min(max(year, 2000), timezone.localdate().year)


@login_required
@reads_from_replica()
def attendance(request: HttpRequest) -> HttpResponse:
    """D§21: each deputy's station activities this year; those with none first."""
    _require_reports(request)
    year = _year(request)
    none_only = request.GET.get("none") == "1"
    # Station staff see the deputies attached to their stations; the committee sees everyone.
    scope = None if is_overseer(request.user) else stations_run_by(request.user)
    deputies = attendance_report(year, none_only=none_only, stations=scope)
    if request.GET.get("export") == "xlsx":
        return excel_response(
            f"attendance-{year}.xlsx",
            _("Station activities %(year)s") % {"year": year},
            [_("Deputy"), _("Delegation"), _("Stations attached"), _("Receptions attended")],
            ((d.name, d.delegation.name, d.stations_count or 0, d.activities) for d in deputies),
        )
    page = Paginator(deputies, 50).get_page(request.GET.get("page"))
    totals = {
        "total": attendance_report(year, stations=scope).count(),
        "none": attendance_report(year, none_only=True, stations=scope).count(),
    }
    return render(
        request,
        "liaison_stations/attendance.html",
        {"year": year, "page": page, "none_only": none_only, "totals": totals, "query": _query(request)},
    )


@login_required
@reads_from_replica()
def missing_months(request: HttpRequest) -> HttpResponse:
    """D§31: stations with months gone by without a reception held."""
    _require_reports(request)
    year = _year(request)
    today = timezone.localdate()
    rows = missing_months_report(year, today, stations_run_by(request.user))
    if request.GET.get("export") == "xlsx":
        return excel_response(
            f"missing-months-{year}.xlsx",
            _("Months without a reception %(year)s") % {"year": year},
            [
                _("City"),
                _("County or district"),
                _("Station"),
                _("Months without a reception"),
                _("Monthly receptions held"),
            ],
            (
                (
                    r.station.city,
                    r.station.county,
                    r.station.name,
                    "、".join(str(m) for m in r.months),
                    r.held,
                )
                for r in rows
            ),
        )
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "liaison_stations/missing_months.html",
        {"year": year, "page": page, "query": _query(request), "today": today},
    )


def _query(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()
