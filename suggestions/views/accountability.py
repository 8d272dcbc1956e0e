"""S§47: the units held to account: per unit, replies overdue and unanswered, suggestions
objected to and moved or passed around; each count opens its list."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from congress.excel import excel_response
from congress.lists import list_context
from suggestions.models import Assignment
from suggestions.reports.accountability import accountability_table, owed_clock, reply_period_cutoff
from suggestions.reports.filters import AccountabilityFilter, assignment_years
from suggestions.views.common import staff_only, year_asked


@login_required
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
            [
                _("Handling unit"),
                _("Overdue"),
                _("Unanswered"),
                _("Objected to and moved"),
                _("Passed around"),
            ],
            ((r.unit, r.overdue, r.unanswered, r.objected, r.passed) for r in table),
        )
    totals = {
        kind: sum(getattr(r, kind) for r in table) for kind in ("overdue", "unanswered", "objected", "passed")
    }
    context = {
        "table": table,
        "totals": totals,
        "years": years,
        "year": year,
        "cutoff": reply_period_cutoff(today),
        "today": today,
    }
    return render(request, "suggestions/reports/accountability.html", context)


@login_required
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
        _("Reply due"), _("Reply extended"), _("Objection"), _("Reassigned to"),
    ]  # fmt: skip
    rows = (
        (a.suggestion.number_label, a.suggestion.title, a.suggestion.lead_deputy.name, a.unit.name,
         a.get_role_display(), a.get_status_display(), a.assigned_on, a.reply_due, _("yes") if a.extended else "",
         a.objection_reason, a.replaced_by.unit.name if a.replaced_by else "")
        for a in queryset.iterator(chunk_size=2000)
    )  # fmt: skip
    return excel_response("accountability-list.xlsx", _("Accountability (S§47)"), headers, rows)
