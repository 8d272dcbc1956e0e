"""A station's own page to keep: what it publishes (D§30(3)), its liaison officers (D§33) and
the deputies attached to it (D§21)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from congress.pages import refusals
from deputies.models import Deputy
from liaison_stations.forms import AttachForm, OfficerForm, StationInfoForm
from liaison_stations.models import Station
from liaison_stations.permissions import may_run
from liaison_stations.services.stations import (
    station_add_officer,
    station_attach_deputy,
    station_detach_deputy,
    station_remove_officer,
    station_update_info,
)
from liaison_stations.views.scope import actor, posted_to


def _station_to_run(request: HttpRequest, pk: int) -> Station:
    station = get_object_or_404(Station.objects.select_related("parent"), pk=pk)
    if not may_run(request.user, station):
        raise PermissionDenied
    return station


@login_required
@refusals
def station_manage(request: HttpRequest, pk: int) -> HttpResponse:
    station = _station_to_run(request, pk)
    info = StationInfoForm(posted_to(request, "manage"), instance=station)
    if request.method == "POST" and info.is_valid():
        station_update_info(station=station, actor=actor(request), **info.cleaned_data)
        messages.success(request, _("The station's public information is saved."))
        return redirect("stations:manage", pk=pk)
    return render(
        request,
        "liaison_stations/station_manage.html",
        {
            "station": station,
            "info_form": info,
            "attach_form": AttachForm(posted_to(request, "attach")),
            "officer_form": OfficerForm(posted_to(request, "officer-add")),
            "attachments": station.attachments.select_related("deputy__delegation").order_by("deputy__name"),
            "officers": station.officers.all(),
        },
    )


@login_required
@require_POST
@refusals(show=station_manage)
def station_attach(request: HttpRequest, pk: int) -> HttpResponse:
    station = _station_to_run(request, pk)
    form = AttachForm(request.POST)
    if not form.is_valid():
        return station_manage(request, pk)
    station_attach_deputy(
        station=station,
        deputy=form.cleaned_data["deputy"],
        basis=form.cleaned_data["basis"],
        actor=actor(request),
    )
    return redirect("stations:manage", pk=pk)


@login_required
@require_POST
@refusals(show=station_manage)
def station_detach(request: HttpRequest, pk: int, deputy_id: int) -> HttpResponse:
    station = _station_to_run(request, pk)
    station_detach_deputy(
        station=station, deputy=get_object_or_404(Deputy, pk=deputy_id), actor=actor(request)
    )
    return redirect("stations:manage", pk=pk)


@login_required
@require_POST
@refusals(show=station_manage)
def station_officer_add(request: HttpRequest, pk: int) -> HttpResponse:
    station = _station_to_run(request, pk)
    form = OfficerForm(request.POST)
    if not form.is_valid():
        return station_manage(request, pk)
    station_add_officer(station=station, actor=actor(request), **form.cleaned_data)
    return redirect("stations:manage", pk=pk)


@login_required
@require_POST
@refusals(show=station_manage)
def station_officer_remove(request: HttpRequest, pk: int, officer_id: int) -> HttpResponse:
    station = _station_to_run(request, pk)
    officer = get_object_or_404(station.officers, pk=officer_id)
    station_remove_officer(officer=officer, actor=actor(request))
    return redirect("stations:manage", pk=pk)
