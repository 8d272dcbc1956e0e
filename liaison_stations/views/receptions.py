"""Receptions (D§31): the list, the scheduling form, a reception's page with the steps its user
may take now, and the POSTs of those steps."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from congress.excel import excel_response
from congress.lists import list_context
from congress.pages import refusals
from congress.workflow import available_actions
from liaison_stations.forms import HoldForm, ReasonForm, ReceptionForm, ReceptionListFilter
from liaison_stations.permissions import may_run
from liaison_stations.selectors import (
    counts_for_the_month,
    receptions_visible_to,
    stations_run_by,
    visitor_counts,
)
from liaison_stations.services.receptions import reception_cancel, reception_hold, reception_schedule
from liaison_stations.views.scope import (
    actor,
    posted_to,
    require_station_work,
    stations_worked_by,
    venue_from,
)


@login_required
def reception_list(request: HttpRequest) -> HttpResponse:
    require_station_work(request)
    user = request.user
    stations = stations_worked_by(user)
    queryset = receptions_visible_to(user).prefetch_related("deputies").order_by("-starts_at")
    filterset = ReceptionListFilter(request.GET or None, queryset=queryset, stations=stations)
    if request.GET.get("export") == "xlsx":
        visitors = visitor_counts(list(filterset.qs.values_list("pk", flat=True)))
        return excel_response(
            "receptions.xlsx",
            _("Receptions"),
            [
                _("Station"),
                _("Kind"),
                _("Theme"),
                _("Starts"),
                _("Ends"),
                _("Status"),
                _("Deputies present"),
                _("Visitors registered"),
            ],
            (
                (
                    r.venue,
                    r.get_kind_display(),
                    r.theme,
                    r.starts_at,
                    r.ends_at,
                    r.get_status_display(),
                    "、".join(d.name for d in r.deputies.all()),
                    visitors.get(r.pk, 0),
                )
                for r in filterset.qs
            ),
        )
    context = list_context(request, filterset, filterset.qs)
    # Counted for the rows shown only: a count over every reception would read every registration.
    counts = visitor_counts([r.pk for r in context["page"].object_list])
    for reception in context["page"].object_list:
        reception.visitors = counts.get(reception.pk, 0)
    # Scheduling is working at a station (permissions.may_run): any of them will do here.
    context["may_schedule"] = stations.exists()
    return render(request, "liaison_stations/reception_list.html", context)


@login_required
@refusals
def reception_new(request: HttpRequest) -> HttpResponse:
    venue = venue_from(request)
    form = ReceptionForm(request.POST or None, venue=venue)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        reception = reception_schedule(
            venue=venue,
            kind=data["kind"],
            theme=data["theme"],
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            place=data["place"],
            deputies=list(data["deputies"]),
            other_deputies=data["other_deputies"],
            other_attendees=data["other_attendees"],
            actor=actor(request),
        )
        messages.success(request, _("The reception is scheduled and the deputies are told."))
        return redirect("stations:reception", pk=reception.pk)
    return render(
        request,
        "liaison_stations/reception_new.html",
        {"form": form, "venue": venue, "stations": stations_run_by(request.user)},
    )


@login_required
def reception_detail(request: HttpRequest, pk: int) -> HttpResponse:
    reception = get_object_or_404(
        receptions_visible_to(request.user).prefetch_related("deputies", "events__actor"), pk=pk
    )
    actions = available_actions(reception, request.user)
    hold = posted_to(request, "reception-hold")
    return render(
        request,
        "liaison_stations/reception_detail.html",
        {
            "reception": reception,
            "actions": actions,
            "counts_for_the_month": counts_for_the_month(reception),
            "hold_form": HoldForm(hold, reception=reception) if "hold" in actions else None,
            "cancel_form": ReasonForm(posted_to(request, "reception-cancel"))
            if "cancel" in actions
            else None,
            # The visitors registered are the station's records, not the deputies' (D§34).
            "opinions": reception.opinions.order_by("id") if may_run(request.user, reception.venue) else None,
        },
    )


@login_required
@require_POST
@refusals(show=reception_detail)
def reception_hold_view(request: HttpRequest, pk: int) -> HttpResponse:
    reception = get_object_or_404(receptions_visible_to(request.user), pk=pk)
    form = HoldForm(request.POST, reception=reception)
    if not form.is_valid():
        return reception_detail(request, pk)
    reception_hold(
        reception=reception,
        summary=form.cleaned_data["summary"],
        deputies=list(form.cleaned_data["deputies"]),
        other_deputies=form.cleaned_data["other_deputies"],
        actor=actor(request),
    )
    messages.success(request, _("The reception is recorded as held."))
    return redirect("stations:reception", pk=pk)


@login_required
@require_POST
@refusals(show=reception_detail)
def reception_cancel_view(request: HttpRequest, pk: int) -> HttpResponse:
    reception = get_object_or_404(receptions_visible_to(request.user), pk=pk)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        return reception_detail(request, pk)
    reception_cancel(reception=reception, reason=form.cleaned_data["reason"], actor=actor(request))
    messages.success(request, _("The reception is cancelled and the deputies are told."))
    return redirect("stations:reception", pk=pk)
