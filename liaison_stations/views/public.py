"""The public pages of the liaison stations: find a station, its page and board of matters
(D§30(3), D§35), the opinion form and tracking (D§37), and the QR codes that open the form."""

from __future__ import annotations

import io
from typing import Any

import segno
from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from congress.excel import excel_response
from congress.lists import list_context
from congress.pages import refusals
from deputies.models import Deputy
from liaison_stations.abuse import client_address, over_limit
from liaison_stations.forms import PublicOpinionForm, PublicStationFilter, TrackForm
from liaison_stations.models import Station
from liaison_stations.permissions import may_run
from liaison_stations.selectors import (
    normalise_tracking_code,
    public_matter,
    public_station,
    public_stations,
    published_matters,
    tracking,
)
from liaison_stations.services.opinions import opinion_submit_online
from liaison_stations.workflow import message


def station_list(request: HttpRequest) -> HttpResponse:
    """Find a station: every station and point, by city and district."""
    filterset = PublicStationFilter(request.GET or None, queryset=public_stations())
    context = list_context(request, filterset, filterset.qs)
    if request.GET.get("export") == "xlsx":
        return excel_response(
            "liaison-stations.xlsx",
            _("Liaison stations"),
            [
                _("City"),
                _("County or district"),
                _("Name"),
                _("Kind"),
                _("Address"),
                _("Opening hours"),
                _("Contact phone"),
            ],
            (
                (s.city, s.county, s.name, s.get_kind_display(), s.address, s.opening_hours, s.contact_phone)
                for s in filterset.qs
            ),
        )
    return render(request, "liaison_stations/station_list.html", context)


def station_page(request: HttpRequest, pk: int) -> HttpResponse:
    """A station's public page: deputies, contacts, opening times, duties (D§30(3)), the
    receptions to come and the matters raised with how they were handled (D§35)."""
    try:
        station = public_station(pk)
    except Station.DoesNotExist:
        raise Http404 from None
    upcoming = station.upcoming_point_receptions if station.is_point else station.upcoming_receptions  # type: ignore[attr-defined]
    matters = published_matters(station)
    page = Paginator(matters, 10).get_page(1)
    return render(
        request,
        "liaison_stations/station_page.html",
        {
            "station": station,
            "upcoming": upcoming[:5],
            "matters": [public_matter(row) for row in page.object_list],
            "matters_total": page.paginator.count,
            "may_run": request.user.is_authenticated and may_run(request.user, station),
        },
    )


def station_matters(request: HttpRequest, pk: int) -> HttpResponse:
    station = get_object_or_404(Station, pk=pk, is_active=True)
    page = Paginator(published_matters(station), 25).get_page(request.GET.get("page"))
    return render(
        request,
        "liaison_stations/station_matters.html",
        {"station": station, "page": page, "matters": [public_matter(row) for row in page.object_list]},
    )


def _opinion_form(request: HttpRequest, *, station: Station | None, deputy: Deputy | None) -> HttpResponse:
    """The form; a refusal (the hour's limit, a question answered twice at once) shows it again
    with what was typed and a new question (congress.pages.refusals)."""
    form = PublicOpinionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        opinion = opinion_submit_online(
            sender=form.sender(client_address(request)),
            station=station,
            deputy=deputy,
            name=form.cleaned_data["name"],
            contact=form.cleaned_data["contact"],
            matter=form.cleaned_data["matter"],
        )
        return render(
            request,
            "liaison_stations/opinion_sent.html",
            {"code": opinion.tracking_code, "station": station, "deputy": deputy},
            status=201,
        )
    context = {"form": form, "station": station, "deputy": deputy}
    return render(request, "liaison_stations/opinion_form.html", context)


@refusals
def station_opinion_form(request: HttpRequest, pk: int) -> HttpResponse:
    station = get_object_or_404(Station, pk=pk, is_active=True)
    return _opinion_form(request, station=station, deputy=None)


@refusals
def deputy_opinion_form(request: HttpRequest, pk: int) -> HttpResponse:
    """Opened by the deputy's QR code (代表码): the opinion goes to this deputy."""
    deputy = get_object_or_404(Deputy, pk=pk, status=Deputy.Status.ACTIVE)
    return _opinion_form(request, station=None, deputy=deputy)


def opinion_track(request: HttpRequest) -> HttpResponse:
    """The sender follows an opinion by its code: status and answer, nothing personal."""
    form = TrackForm(request.GET or None)
    context: dict[str, Any] = {"form": form}
    if request.GET and form.is_valid():
        if over_limit("tracking", client_address(request), settings.TRACKING_LOOKUP_RATE):
            context["refusal"] = message("rate_limited")
            return render(request, "liaison_stations/track.html", context, status=429)
        context["result"] = tracking(normalise_tracking_code(form.cleaned_data["code"]))
        context["searched"] = True
    return render(request, "liaison_stations/track.html", context)


def _qr_svg(url: str) -> bytes:
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="svg", scale=10, border=2, xmldecl=False, svgclass="qr")
    return buffer.getvalue()


def station_qr_svg(request: HttpRequest, pk: int) -> HttpResponse:
    station = get_object_or_404(Station, pk=pk, is_active=True)
    url = request.build_absolute_uri(reverse("stations:opinion-form", args=[station.pk]))
    return HttpResponse(_qr_svg(url), content_type="image/svg+xml")


def deputy_qr_svg(request: HttpRequest, pk: int) -> HttpResponse:
    deputy = get_object_or_404(Deputy, pk=pk, status=Deputy.Status.ACTIVE)
    url = request.build_absolute_uri(reverse("stations:deputy-opinion-form", args=[deputy.pk]))
    return HttpResponse(_qr_svg(url), content_type="image/svg+xml")


def station_qr(request: HttpRequest, pk: int) -> HttpResponse:
    """A printable sheet: the station's QR code that opens the opinion form."""
    station = get_object_or_404(Station, pk=pk, is_active=True)
    return render(
        request,
        "liaison_stations/qr_sheet.html",
        {
            "title": station.name,
            "subtitle": station.address,
            "svg_url": reverse("stations:qr-svg", args=[station.pk]),
            "form_url": request.build_absolute_uri(reverse("stations:opinion-form", args=[station.pk])),
        },
    )


def deputy_qr(request: HttpRequest, pk: int) -> HttpResponse:
    """The deputy's printable QR code (代表码)."""
    deputy = get_object_or_404(
        Deputy.objects.select_related("delegation"), pk=pk, status=Deputy.Status.ACTIVE
    )
    return render(
        request,
        "liaison_stations/qr_sheet.html",
        {
            "title": _("Deputy %(name)s") % {"name": deputy.name},
            "subtitle": deputy.delegation.name,
            "svg_url": reverse("stations:deputy-qr-svg", args=[deputy.pk]),
            "form_url": request.build_absolute_uri(reverse("stations:deputy-opinion-form", args=[deputy.pk])),
            "deputy": deputy,
        },
    )
