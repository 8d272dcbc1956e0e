"""S§47: the units held to account: per unit, replies left unhandled past their deadline, not
given in time without good reason, and suggestions passed on; each count opens its list. The
SC's orders to put the handling right, and the units' reports of the result."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from congress.excel import excel_response
from congress.lists import list_context
from congress.models import Organisation, User
from congress.pages import refusals
from congress.replica import reads_from_replica
from congress.workflow import available_actions
from suggestions.forms import RectificationForm, RectificationReportForm
from suggestions.models import Assignment, Rectification
from suggestions.reports.accountability import (
    accountability_condition,
    accountability_table,
    owed_clock,
    reply_period_cutoff,
)
from suggestions.reports.filters import AccountabilityFilter, assignment_years
from suggestions.services import accountability as services
from suggestions.views.common import staff_only, user_of, year_asked
from suggestions.workflow import RECTIFICATION
from suggestions.workflow.who import is_assigning_staff, unit_of

KINDS = ("overdue", "unanswered", "passed")


@login_required
@reads_from_replica()
def accountability(request: HttpRequest) -> HttpResponse:
    """Per unit, what S§47 holds units to account for; each count opens its list."""
    staff_only(request)
    today = timezone.localdate()
    years = assignment_years()
    year = year_asked(request, years, None)
    table = accountability_table(today, year)
    if request.GET.get("export") == "xlsx":
        return excel_response(
            "accountability.xlsx",
            _("Accountability (S§47)"),
            [_("Handling unit"), _("Overdue"), _("Late without good reason"), _("Objection not upheld")],
            ((r.unit, r.overdue, r.unanswered, r.passed) for r in table),
        )
    context = {
        "table": table,
        "totals": {kind: sum(getattr(r, kind) for r in table) for kind in KINDS},
        "years": years,
        "year": year,
        "cutoff": reply_period_cutoff(today),
        "today": today,
        "orders": Rectification.objects.select_related("unit")[:50],
    }
    return render(request, "suggestions/reports/accountability.html", context)


@login_required
@reads_from_replica()
def accountability_items(request: HttpRequest) -> HttpResponse:
    staff_only(request)
    data = request.GET.copy()
    if not data.get("kind"):
        data["kind"] = "overdue"
    filterset = AccountabilityFilter(data, queryset=Assignment.objects.all(), request=request)
    queryset = filterset.qs.select_related("unit", "suggestion__lead_deputy", "replaced_by__unit").order_by(
        "assigned_on", "id"
    )
    if request.GET.get("export") == "xlsx":
        return _export_accountability(queryset)
    context = list_context(request, filterset, queryset)
    context["rows"] = [(a, owed_clock(a)) for a in context["page"].object_list]
    context["kind"] = filterset.form.cleaned_data.get("kind") if filterset.is_valid() else "overdue"
    return render(request, "suggestions/reports/accountability_items.html", context)


def _export_accountability(queryset: QuerySet[Assignment]) -> HttpResponse:
    headers = [
        _("Number"), _("Title"), _("Lead deputy"), _("Handling unit"), _("Role"), _("Status"), _("Assigned"),
        _("Reply due"), _("Reply extended"), _("Objection"), _("Decision"),
    ]  # fmt: skip
    rows = (
        (a.suggestion.number_label, a.suggestion.title, a.suggestion.lead_deputy.name, a.unit.name,
         a.get_role_display(), a.get_status_display(), a.assigned_on, a.reply_due, _("yes") if a.extended else "",
         a.objection_reason, a.objection_decision)
        for a in queryset.iterator(chunk_size=2000)
    )  # fmt: skip
    return excel_response("accountability-list.xlsx", _("Accountability (S§47)"), headers, rows)


# --- The SC's orders to put it right (S§47) --------------------------------------------------------


def _visible_orders(user: User) -> QuerySet[Rectification]:
    """The committee sees every order; a unit its own."""
    if is_assigning_staff(user):
        return Rectification.objects.all()
    unit_id = unit_of(user)
    if unit_id is None:
        raise PermissionDenied
    return Rectification.objects.filter(unit_id=unit_id)


@login_required
def rectifications(request: HttpRequest) -> HttpResponse:
    orders = _visible_orders(user_of(request)).select_related("unit")
    context = {"orders": orders, "today": timezone.localdate()}
    return render(request, "suggestions/reports/rectifications.html", context)


@login_required
@refusals
def rectification_new(request: HttpRequest, unit_id: int) -> HttpResponse:
    """The committee records the SC's order, on the unit's suggestions in the S§47 lists."""
    user = staff_only(request)
    unit = get_object_or_404(Organisation, pk=unit_id)
    today = timezone.localdate()
    listed = Q()
    for kind in KINDS:
        listed |= accountability_condition(kind, today)
    cases = Assignment.objects.filter(listed, unit=unit).order_by("assigned_on", "id")
    form = RectificationForm(request.POST or None, cases=cases)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        row = services.rectification_order(
            unit=unit, actor=user, ground=d["ground"], finding=d["finding"], due=d["due"],
            assignments=list(d["assignments"]), referral=d["referral"],
        )  # fmt: skip
        messages.success(request, _("The order is recorded; the unit is told (S§47)."))
        return redirect("suggestions:rectification", pk=row.pk)
    return render(request, "suggestions/reports/rectification_form.html", {"form": form, "unit": unit})


@login_required
@refusals
def rectification(request: HttpRequest, pk: int) -> HttpResponse:
    """One order: the ground, what was found, the suggestions, the date; the unit's report."""
    user = user_of(request)
    row = get_object_or_404(_visible_orders(user).select_related("unit", "ordered_by", "reported_by"), pk=pk)
    actions = available_actions(row, user)
    form = RectificationReportForm(request.POST or None) if "report_rectification" in actions else None
    if request.method == "POST":
        if not RECTIFICATION.may_act(RECTIFICATION.action("report_rectification"), row, user):
            raise PermissionDenied
        form = form or RectificationReportForm(request.POST)
        if form.is_valid():
            services.rectification_report(rectification=row, actor=user, report=form.cleaned_data["report"])
            messages.success(request, _("Reported; the committee is told (S§47)."))
            return redirect("suggestions:rectification", pk=row.pk)
    context = {
        "order": row,
        "cases": row.assignments.select_related("suggestion"),
        "form": form,
        "actions": actions,
        "today": timezone.localdate(),
    }
    return render(request, "suggestions/reports/rectification.html", context)
