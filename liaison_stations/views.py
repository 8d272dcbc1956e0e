"""Pages of the liaison stations: public pages (stations, the opinion form, tracking, QR
codes), the station staff's desk and lists, the deputies' view, and the reports."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any, cast

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from congress.errors import DomainError
from congress.excel import excel_response
from congress.lists import list_context
from congress.models import User
from deputies.models import Deputy
from liaison_stations import services, workflow
from liaison_stations.abuse import client_address, over_limit
from liaison_stations.forms import (
    AnswerForm,
    AttachForm,
    ClassifyForm,
    FeedbackForm,
    ForwardForm,
    HoldForm,
    OfficerForm,
    OpinionListFilter,
    PublicOpinionForm,
    PublicStationFilter,
    ReasonForm,
    ReceptionForm,
    ReceptionListFilter,
    RegistrationForm,
    StationInfoForm,
    ToSuggestionForm,
    TrackForm,
)
from liaison_stations.models import Opinion, Reception, Station
from liaison_stations.permissions import is_overseer, is_station_staff, may_handle, may_report, may_run
from liaison_stations.selectors import (
    attendance_report,
    deputy_activities,
    forwarded_by_due,
    forwarding_deadline,
    missing_months_report,
    normalise_tracking_code,
    opinions_visible_to,
    public_matter,
    public_station,
    public_stations,
    published_matters,
    receptions_visible_to,
    station_months_without_reception,
    stations_run_by,
    tracking,
    visitor_counts,
    with_open_forwarding,
)


def _actor(request: Any) -> User:
    """The signed-in user (login_required and the API's permissions ensure there is one)."""
    return cast(User, request.user)


# --- Public pages (D§30(3), D§35, D§37) -------------------------------------------------


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


def _rate_limited(request: HttpRequest) -> bool:
    return over_limit("public-opinion", client_address(request), settings.PUBLIC_OPINION_RATE)


def _opinion_form(request: HttpRequest, *, station: Station | None, deputy: Deputy | None) -> HttpResponse:
    form = PublicOpinionForm(request.POST or None)
    context: dict[str, Any] = {"form": form, "station": station, "deputy": deputy}
    if request.method == "POST":
        # Every attempt counts, right or wrong: the limit also stops guessing the question.
        if _rate_limited(request):
            context["refusal"] = workflow.message("rate_limited")
            return render(request, "liaison_stations/opinion_form.html", context, status=429)
        if form.is_valid():
            try:
                opinion = services.opinion_submit_online(
                    station=station,
                    deputy=deputy,
                    name=form.cleaned_data["name"],
                    contact=form.cleaned_data["contact"],
                    matter=form.cleaned_data["matter"],
                )
            except DomainError as error:
                context["refusal"] = str(error.detail)
            else:
                return render(
                    request,
                    "liaison_stations/opinion_sent.html",
                    {"code": opinion.tracking_code, "station": station, "deputy": deputy},
                    status=201,
                )
    return render(request, "liaison_stations/opinion_form.html", context)


def station_opinion_form(request: HttpRequest, pk: int) -> HttpResponse:
    station = get_object_or_404(Station, pk=pk, is_active=True)
    return _opinion_form(request, station=station, deputy=None)


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
            context["refusal"] = workflow.message("rate_limited")
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


# --- Working pages ----------------------------------------------------------------------


def _require_station_work(request: HttpRequest) -> None:
    user = request.user
    if not (is_overseer(user) or is_station_staff(user) or getattr(user, "deputy", None)):
        raise PermissionDenied


@login_required
def desk(request: HttpRequest) -> HttpResponse:
    """The station desk: this month's reception, matters to handle and answers due; for a
    deputy, the receptions they are on, their matters and their year's activities."""
    _require_station_work(request)
    user = request.user
    today = timezone.localdate()
    stations = (
        stations_run_by(user) if (is_station_staff(user) or is_overseer(user)) else Station.objects.none()
    )
    deputy = getattr(user, "deputy", None)
    context: dict[str, Any] = {"today": today, "deputy": deputy}
    if is_station_staff(user):
        mine = list(
            stations.annotate(open_count=Count("opinions", filter=Q(opinions__status__in=workflow.OPEN)))
        )
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
        waiting = visible.filter(status__in=workflow.WAITING).order_by("-received_on", "-id")
        context["to_handle"] = waiting[:10]
        context["to_handle_count"] = waiting.count()
        # Soonest answer due first, from the open forwardings (a partial index).
        context["forwarded"] = [_for_display(o) for o in forwarded_by_due(visible)[:10]]
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
        context["my_opinions"] = opinions_visible_to(user).filter(status__in=workflow.OPEN)[:10]
    return render(request, "liaison_stations/desk.html", context)


def _for_display(opinion: Opinion) -> Opinion:
    forwarding = next((f for f in getattr(opinion, "open_forwardings", [])), None)
    opinion.reply_deadline = forwarding_deadline(forwarding) if forwarding else None  # type: ignore[attr-defined]
    return opinion


@login_required
def opinion_list(request: HttpRequest) -> HttpResponse:
    _require_station_work(request)
    user = request.user
    stations = (
        stations_run_by(user) if (is_station_staff(user) or is_overseer(user)) else Station.objects.none()
    )
    queryset = opinions_visible_to(user).order_by("-received_on", "-id")
    filterset = OpinionListFilter(request.GET or None, queryset=queryset, stations=stations)
    rows = filterset.qs
    if request.GET.get("export") == "xlsx":
        return excel_response(
            "opinions.xlsx",
            _("Constituent opinions"),
            [
                _("Tracking code"),
                _("Station"),
                _("Date received"),
                _("Category"),
                _("Status"),
                _("Summary"),
                _("Matter raised"),
                _("Answer"),
            ],
            (
                (
                    o.tracking_code,
                    (o.venue or o.deputy),
                    o.received_on,
                    o.get_category_display(),
                    o.get_status_display(),
                    o.summary,
                    o.matter,
                    o.answer,
                )
                for o in rows.iterator(chunk_size=2000)
            ),
        )
    context = list_context(request, filterset, with_open_forwarding(rows))
    context["rows"] = [_for_display(o) for o in context["page"].object_list]
    context["may_register"] = stations.exists()
    return render(request, "liaison_stations/opinion_list.html", context)


def _venue_from(request: HttpRequest) -> Station:
    """The station or point a form is for: ?station=…, else the user's first."""
    stations = stations_run_by(request.user)
    chosen = request.GET.get("station") or request.POST.get("station")
    venue = stations.filter(pk=chosen).first() if chosen and str(chosen).isdigit() else None
    venue = (
        venue or stations.filter(staff=request.user.pk).order_by("kind", "name").first() or stations.first()
    )
    if venue is None:
        raise PermissionDenied
    return venue


@login_required
def opinion_new(request: HttpRequest) -> HttpResponse:
    """The registration form (D§34), made for a phone: one visitor, one matter."""
    reception = None
    if request.GET.get("reception", "").isdigit():
        reception = get_object_or_404(receptions_visible_to(request.user), pk=request.GET["reception"])
        venue = reception.venue
    else:
        venue = _venue_from(request)
    if not may_run(request.user, venue):
        raise PermissionDenied
    form = RegistrationForm(request.POST or None, venue=venue, reception=reception)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            opinion = services.opinion_register(
                venue=venue,
                reception=reception,
                visitor_name=data["visitor_name"],
                visitor_contact=data["visitor_contact"],
                visitor_address=data["visitor_address"],
                matter=data["matter"],
                category=data["category"],
                received_on=data["received_on"],
                received_by=list(data["received_by"]),
                actor=_actor(request),
            )
        except DomainError as error:
            form.add_error(None, str(error.detail))
        else:
            messages.success(
                request,
                _("Registered. Give the visitor the tracking code %(code)s to follow the answer online.")
                % {"code": opinion.tracking_code},
            )
            if "another" in request.POST:
                query = f"?reception={reception.pk}" if reception else f"?station={venue.pk}"
                return redirect(reverse("stations:opinion-new") + query)
            return redirect("stations:opinion", pk=opinion.pk)
    return render(
        request,
        "liaison_stations/opinion_new.html",
        {"form": form, "venue": venue, "reception": reception, "stations": stations_run_by(request.user)},
    )


@login_required
def opinion_detail(request: HttpRequest, pk: int) -> HttpResponse:
    opinion = get_object_or_404(
        opinions_visible_to(request.user).prefetch_related(
            "forwardings__unit", "received_by", "events__actor"
        ),
        pk=pk,
    )
    handle = may_handle(request.user, opinion)
    status = opinion.status
    forwarding = next((f for f in opinion.forwardings.all() if f.is_open), None)
    context: dict[str, Any] = {
        "opinion": opinion,
        "forwarding": forwarding,
        "reply_deadline": forwarding_deadline(forwarding) if forwarding else None,
        "may_handle": handle,
        "public": opinion.is_published,
    }
    if status == Opinion.Status.REGISTERED and may_report(request.user, opinion):
        context["may_report"] = True
    if handle or (status == Opinion.Status.REGISTERED and may_report(request.user, opinion)):
        if status in workflow.CLASSIFIABLE:
            context["classify_form"] = ClassifyForm(
                initial={
                    "summary": opinion.summary,
                    "category": opinion.category,
                    "is_secret": opinion.is_secret,
                }
            )
        if workflow.opinion_target("dismiss", status):
            context["dismiss_form"] = ReasonForm()
    deputy = getattr(request.user, "deputy", None)
    received = deputy is not None and (
        opinion.deputy_id == deputy.pk or any(d.pk == deputy.pk for d in opinion.received_by.all())
    )
    if received and status in workflow.SUGGESTIBLE and not opinion.suggestion_id:
        title, body = services.suggestion_text_for(opinion)
        context["suggest_form"] = ToSuggestionForm(
            initial={
                "title": title,
                "body": body,
                "subject_area": services.subject_area_for(opinion.category),
            }
        )
    if handle:
        if workflow.opinion_target("forward", status) and status != Opinion.Status.REGISTERED:
            context["forward_form"] = ForwardForm()
        if workflow.opinion_target("answer", status) and status != Opinion.Status.REGISTERED:
            context["answer_form"] = AnswerForm()
        if workflow.opinion_target("feedback", status):
            context["feedback_form"] = FeedbackForm()
    return render(request, "liaison_stations/opinion_detail.html", context)


def _opinion_action(
    form_class: type | None, run: Callable[[Opinion, Any, dict[str, Any]], Any], done: Any
) -> Callable[[HttpRequest, int], HttpResponse]:
    """A POST that runs one service on an opinion and goes back to its page."""

    @login_required
    @require_POST
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        opinion = get_object_or_404(opinions_visible_to(request.user), pk=pk)
        data: dict[str, Any] = {}
        if form_class is not None:
            form = form_class(request.POST)
            if not form.is_valid():
                for errors in form.errors.values():
                    messages.error(request, " ".join(errors))
                return redirect("stations:opinion", pk=pk)
            data = form.cleaned_data
        try:
            run(opinion, request.user, data)
        except DomainError as error:
            messages.error(request, str(error.detail))
        else:
            messages.success(request, done)
        return redirect("stations:opinion", pk=pk)

    return view


opinion_report_view = _opinion_action(
    None, lambda o, u, d: services.opinion_report(opinion=o, actor=u), gettext_lazy("Sent to the station.")
)
opinion_classify_view = _opinion_action(
    ClassifyForm,
    lambda o, u, d: services.opinion_classify(opinion=o, actor=u, **d),
    gettext_lazy("The summary is saved."),
)
opinion_forward_view = _opinion_action(
    ForwardForm,
    lambda o, u, d: services.opinion_forward(
        opinion=o,
        actor=u,
        body_name=d["body_name"],
        unit=d["unit"],
        note=d["note"],
        forwarded_on=d["forwarded_on"],
    ),
    gettext_lazy("Forwarded. The answer is due by the date shown."),
)
opinion_answer_view = _opinion_action(
    AnswerForm,
    lambda o, u, d: services.opinion_answer(
        opinion=o, actor=u, answer=d["answer"], answered_on=d["answered_on"]
    ),
    gettext_lazy(
        "The answer is recorded: the visitor can read it by the tracking code, the deputies are told."
    ),
)
opinion_feedback_view = _opinion_action(
    FeedbackForm,
    lambda o, u, d: services.opinion_feedback(
        opinion=o, actor=u, way=d["way"], fed_back_on=d["fed_back_on"], note=d["note"]
    ),
    gettext_lazy("Recorded: the visitor was told."),
)


@login_required
@require_POST
def opinion_to_suggestion_view(request: HttpRequest, pk: int) -> HttpResponse:
    """One step from a constituent's matter to the deputy's draft suggestion, then its editor."""
    opinion = get_object_or_404(opinions_visible_to(request.user), pk=pk)
    form = ToSuggestionForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(str(e) for e in errors))
        return redirect("stations:opinion", pk=pk)
    try:
        suggestion = services.opinion_to_suggestion(
            opinion=opinion, actor=_actor(request), **form.cleaned_data
        )
    except DomainError as error:
        messages.error(request, str(error.detail))
        return redirect("stations:opinion", pk=pk)
    messages.success(request, _("A draft suggestion is made from the matter. Edit it, then submit it."))
    return redirect("suggestions:edit", pk=suggestion.pk)


opinion_dismiss_view = _opinion_action(
    ReasonForm,
    lambda o, u, d: services.opinion_dismiss(opinion=o, actor=u, reason=d["reason"]),
    gettext_lazy("Set aside, with the reason recorded."),
)


# --- Receptions -------------------------------------------------------------------------


@login_required
def reception_list(request: HttpRequest) -> HttpResponse:
    _require_station_work(request)
    user = request.user
    stations = (
        stations_run_by(user) if (is_station_staff(user) or is_overseer(user)) else Station.objects.none()
    )
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
    context["may_schedule"] = stations.exists()
    return render(request, "liaison_stations/reception_list.html", context)


@login_required
def reception_new(request: HttpRequest) -> HttpResponse:
    venue = _venue_from(request)
    form = ReceptionForm(request.POST or None, venue=venue)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            reception = services.reception_schedule(
                venue=venue,
                kind=data["kind"],
                theme=data["theme"],
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                place=data["place"],
                deputies=list(data["deputies"]),
                other_attendees=data["other_attendees"],
                actor=_actor(request),
            )
        except DomainError as error:
            form.add_error(None, str(error.detail))
        else:
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
    run = may_run(request.user, reception.venue)
    scheduled = reception.status == Reception.Status.SCHEDULED
    return render(
        request,
        "liaison_stations/reception_detail.html",
        {
            "reception": reception,
            "may_run": run,
            "hold_form": HoldForm(reception=reception) if run and scheduled else None,
            "cancel_form": ReasonForm() if run and scheduled else None,
            "opinions": reception.opinions.order_by("id") if run else None,
            "started": reception.starts_at <= timezone.now(),
        },
    )


@login_required
@require_POST
def reception_hold_view(request: HttpRequest, pk: int) -> HttpResponse:
    reception = get_object_or_404(receptions_visible_to(request.user), pk=pk)
    form = HoldForm(request.POST, reception=reception)
    if form.is_valid():
        try:
            services.reception_hold(
                reception=reception,
                summary=form.cleaned_data["summary"],
                deputies=list(form.cleaned_data["deputies"]),
                actor=_actor(request),
            )
        except DomainError as error:
            messages.error(request, str(error.detail))
        else:
            messages.success(request, _("The reception is recorded as held."))
    return redirect("stations:reception", pk=pk)


@login_required
@require_POST
def reception_cancel_view(request: HttpRequest, pk: int) -> HttpResponse:
    reception = get_object_or_404(receptions_visible_to(request.user), pk=pk)
    form = ReasonForm(request.POST)
    if form.is_valid():
        try:
            services.reception_cancel(
                reception=reception, reason=form.cleaned_data["reason"], actor=_actor(request)
            )
        except DomainError as error:
            messages.error(request, str(error.detail))
        else:
            messages.success(request, _("The reception is cancelled and the deputies are told."))
    return redirect("stations:reception", pk=pk)


# --- A station's own page to keep (D§21, D§30(3), D§33) ----------------------------------


def _station_to_run(request: HttpRequest, pk: int) -> Station:
    station = get_object_or_404(Station.objects.select_related("parent"), pk=pk)
    if not may_run(request.user, station):
        raise PermissionDenied
    return station


@login_required
def station_manage(request: HttpRequest, pk: int) -> HttpResponse:
    """What the station publishes, its liaison officers and the deputies attached to it."""
    station = _station_to_run(request, pk)
    info = StationInfoForm(request.POST or None, instance=station)
    if request.method == "POST" and info.is_valid():
        services.station_update_info(station=station, actor=_actor(request), **info.cleaned_data)
        messages.success(request, _("The station's public information is saved."))
        return redirect("stations:manage", pk=pk)
    return render(
        request,
        "liaison_stations/station_manage.html",
        {
            "station": station,
            "info_form": info,
            "attach_form": AttachForm(),
            "officer_form": OfficerForm(),
            "attachments": station.attachments.select_related("deputy__delegation").order_by("deputy__name"),
            "officers": station.officers.all(),
        },
    )


def _manage_action(request: HttpRequest, pk: int, run: Callable[[Station], Any]) -> HttpResponse:
    station = _station_to_run(request, pk)
    try:
        run(station)
    except DomainError as error:
        messages.error(request, str(error.detail))
    return redirect("stations:manage", pk=pk)


@login_required
@require_POST
def station_attach(request: HttpRequest, pk: int) -> HttpResponse:
    form = AttachForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a deputy and the ground."))
        return redirect("stations:manage", pk=pk)
    return _manage_action(
        request,
        pk,
        lambda s: services.station_attach_deputy(
            station=s,
            deputy=form.cleaned_data["deputy"],
            basis=form.cleaned_data["basis"],
            actor=_actor(request),
        ),
    )


@login_required
@require_POST
def station_detach(request: HttpRequest, pk: int, deputy_id: int) -> HttpResponse:
    deputy = get_object_or_404(Deputy, pk=deputy_id)
    return _manage_action(
        request, pk, lambda s: services.station_detach_deputy(station=s, deputy=deputy, actor=_actor(request))
    )


@login_required
@require_POST
def station_officer_add(request: HttpRequest, pk: int) -> HttpResponse:
    form = OfficerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the officer's name and background."))
        return redirect("stations:manage", pk=pk)
    return _manage_action(
        request,
        pk,
        lambda s: services.station_add_officer(station=s, actor=_actor(request), **form.cleaned_data),
    )


@login_required
@require_POST
def station_officer_remove(request: HttpRequest, pk: int, officer_id: int) -> HttpResponse:
    station = _station_to_run(request, pk)
    officer = get_object_or_404(station.officers, pk=officer_id)
    services.station_remove_officer(officer=officer, actor=_actor(request))
    return redirect("stations:manage", pk=pk)


# --- Reports (D§21, D§31) ---------------------------------------------------------------


def _require_reports(request: HttpRequest) -> None:
    if not (is_overseer(request.user) or is_station_staff(request.user)):
        raise PermissionDenied


def _year(request: HttpRequest) -> int:
    text = request.GET.get("year", "")
    year = int(text) if text.isdigit() else timezone.localdate().year
    return min(max(year, 2000), timezone.localdate().year)


@login_required
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
                _("Receptions held"),
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
