"""Assignment pages (S§17–S§21): routing to units and re-routing, the deputies'
disagreements, the units' inbox, objections and the assigning body's decisions on them."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from congress.excel import excel_response
from congress.lists import list_context, page_size
from congress.pages import refusals
from suggestions import selectors
from suggestions.filters import AssignmentFilter
from suggestions.forms import AssignForm, ReasonForm, ReassignForm
from suggestions.models import Assignment, Disagreement, ExtensionRequest, SupervisionRequest
from suggestions.permissions import visible_assignments
from suggestions.services import assignment as routing
from suggestions.views.common import form_action, may_open, staff_only, user_of, visible
from suggestions.views.detail import assignment_page, the_assignment
from suggestions.workflow.who import is_assigning_staff, unit_of


def _units(form: AssignForm) -> list[routing.HandlingUnit]:
    return [routing.HandlingUnit(unit, role) for unit, role in form.cleaned_data["pairs"]]


@login_required
@refusals
def suggestion_assign(request: HttpRequest, pk: int) -> HttpResponse:
    """Route it to its handling units (S§19), accepting it first if it awaits review. An
    assigned suggestion is refused here, in place: re-routing is its own page."""
    suggestion = visible(request, pk)
    user = may_open(request, suggestion, "assign")
    form = AssignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        routing.suggestion_accept_and_assign(suggestion=suggestion, units=_units(form), actor=user)
        messages.success(request, _("Assigned; the deputies and the units are told (S§21)."))
        return redirect("suggestions:detail", pk=pk)
    return render(request, "suggestions/assign.html", {"form": form, "s": suggestion, "reroute": False})


@login_required
@refusals
def suggestion_reroute(request: HttpRequest, pk: int) -> HttpResponse:
    """Route an assigned suggestion again (S§21); the deputies' disagreements are answered."""
    suggestion = visible(request, pk)
    user = may_open(request, suggestion, "reroute")
    form = AssignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        routing.suggestion_reroute(
            suggestion=suggestion, units=_units(form), actor=user, reason=form.cleaned_data["reason"]
        )
        messages.success(request, _("Re-routed; the deputies and the units are told (S§21)."))
        return redirect("suggestions:detail", pk=pk)
    return render(request, "suggestions/assign.html", {"form": form, "s": suggestion, "reroute": True})


@login_required
@refusals
def suggestion_disagree(request: HttpRequest, pk: int) -> HttpResponse:
    suggestion = visible(request, pk)
    user = may_open(request, suggestion, "disagree")
    return form_action(
        request, suggestion, ReasonForm,
        lambda d: routing.suggestion_disagree(suggestion=suggestion, actor=user, reason=d["reason"]),
        heading=_("Disagree with the assignment"),
        success=_("Your disagreement was sent to the committee, which will study it (S§21)."),
        explanation=_("Say which unit should handle it, and why."),
    )  # fmt: skip


@login_required
@refusals
def disagreement_answer(request: HttpRequest, pk: int, disagreement_id: int) -> HttpResponse:
    suggestion = visible(request, pk)
    user = may_open(request, suggestion, "answer_disagreement")
    row = get_object_or_404(Disagreement, pk=disagreement_id, suggestion=suggestion)
    return form_action(
        request, suggestion, ReasonForm,
        lambda d: routing.disagreement_resolve(disagreement=row, actor=user, resolution=d["reason"]),
        heading=_("Keep the assignment and explain"), success=_("The deputy is told."),
        explanation=row.reason,
    )  # fmt: skip


@login_required
def objections(request: HttpRequest) -> HttpResponse:
    """What awaits the assigning body's decision: objections, disagreements, extensions,
    unsatisfied ratings and the deputies' requests."""
    staff_only(request)
    # Paged: ten years of a province hold tens of thousands of objections; one page of them
    # with their clocks, soonest first (issue 15: all 36,890 took 22 s).
    page = Paginator(selectors.objection_queue(), page_size(request)).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "rows": [(a, selectors.assignment_clocks(a).get("reassignment")) for a in page.object_list],
        "page": page,
        "query": query.urlencode(),
        "disagreements": selectors.open_disagreements(),
        "extensions": ExtensionRequest.objects.filter(approved__isnull=True).select_related(
            "assignment__suggestion", "assignment__unit"
        ),
        "unsatisfied": selectors.awaiting_rehandling_decision(),
        "requests": SupervisionRequest.objects.filter(arranged_at__isnull=True).select_related(
            "suggestion", "deputy"
        ),
        "today": timezone.localdate(),
    }
    return render(request, "suggestions/objections.html", context)


@login_required
@refusals
def assignment_reassign(request: HttpRequest, assignment_id: int) -> HttpResponse:
    assignment = the_assignment(request, assignment_id)
    user = may_open(request, assignment, "reassign")
    return form_action(
        request, assignment.suggestion, ReassignForm,
        lambda d: routing.assignment_reassign(assignment=assignment, unit=d["unit"], actor=user, reason=d["reason"]),
        heading=_("Reassign to another unit"), success=_("Reassigned; the new unit's clocks start today (S§20)."),
        explanation=_("%(unit)s objected: %(reason)s") % {"unit": assignment.unit.name, "reason": assignment.objection_reason},
        back="/suggestions/objections/",
    )  # fmt: skip


@login_required
@refusals
def assignment_reject_objection(request: HttpRequest, assignment_id: int) -> HttpResponse:
    assignment = the_assignment(request, assignment_id)
    user = may_open(request, assignment, "reject_objection")
    return form_action(
        request, assignment.suggestion, ReasonForm,
        lambda d: routing.assignment_reject_objection(assignment=assignment, actor=user, reason=d["reason"]),
        heading=_("Reject the objection"), success=_("The unit is told to handle it."),
        explanation=_("%(unit)s objected: %(reason)s") % {"unit": assignment.unit.name, "reason": assignment.objection_reason},
        back="/suggestions/objections/",
    )  # fmt: skip


# --- Handling units (S§20) ---------------------------------------------------------------------


@login_required
def unit_inbox(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    unit_id = unit_of(user)
    if unit_id is None and not is_assigning_staff(user):
        raise PermissionDenied
    base = visible_assignments(user).select_related(
        "suggestion__lead_deputy", "suggestion__subject_area", "unit"
    )
    data = request.GET.copy()
    if "open" not in data:
        data["open"] = "true"
    filterset = AssignmentFilter(data, queryset=base, request=request)
    if unit_id is not None:
        del filterset.filters["unit"]  # a unit sees only its own
    queryset = filterset.qs.order_by("objection_due", "reply_due", "co_opinion_due", "id")
    if request.GET.get("export") == "xlsx":
        return export_assignments(queryset)
    context = list_context(request, filterset, queryset)
    context["rows"] = [
        (a, selectors.named_clocks(a) if a.is_open else []) for a in context["page"].object_list
    ]
    context["today"] = timezone.localdate()
    return render(request, "suggestions/inbox.html", context)


@login_required
@require_POST
@refusals(show=assignment_page)
def assignment_acknowledge(request: HttpRequest, assignment_id: int) -> HttpResponse:
    assignment = the_assignment(request, assignment_id)
    routing.assignment_acknowledge(assignment=assignment, actor=user_of(request))
    messages.success(request, _("Acknowledged: your unit handles it."))
    return redirect("suggestions:detail", pk=assignment.suggestion_id)


@login_required
@refusals
def assignment_object(request: HttpRequest, assignment_id: int) -> HttpResponse:
    assignment = the_assignment(request, assignment_id)
    user = may_open(request, assignment, "object")
    return form_action(
        request, assignment.suggestion, ReasonForm,
        lambda d: routing.assignment_object(assignment=assignment, actor=user, reason=d["reason"]),
        heading=_("Not our unit's responsibility"),
        success=_("Sent to the assigning body, which decides within 10 days (S§20)."),
        explanation=_("Within five days of receipt, say in writing why this is not your unit's responsibility. Your unit may not forward it itself (S§20)."),
    )  # fmt: skip


def export_assignments(queryset: QuerySet[Assignment]) -> HttpResponse:
    headers = [
        _("Number"), _("Title"), _("Handling unit"), _("Role"), _("Status"), _("Assigned"), _("Objection due"),
        _("Reply due"), _("Opinion due"),
    ]  # fmt: skip
    rows = (
        (a.suggestion.number_label, a.suggestion.title, a.unit.name, a.get_role_display(), a.get_status_display(),
         a.assigned_on, a.objection_due, a.reply_due, a.co_opinion_due)
        for a in queryset.select_related("suggestion", "unit").iterator(chunk_size=2000)
    )  # fmt: skip
    return excel_response("交办.xlsx", "交办", headers, rows)
