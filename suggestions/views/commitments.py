"""Commitments of category-B replies (S§32, S§45): the unit reports progress on each; the
yearly report per unit, the lists and one commitment's page for whoever follows them."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from congress.excel import excel_response
from congress.lists import list_context
from congress.models import User
from congress.pages import refusals
from congress.replica import reads_from_replica
from congress.workflow import available_actions
from suggestions.forms import ProgressForm
from suggestions.models import Commitment
from suggestions.reports.commitments import (
    commitment_rows,
    commitment_state,
    commitment_table,
    in_report_of,
    may_see_commitments,
    report_years,
    visible_commitments,
)
from suggestions.reports.filters import CommitmentFilter
from suggestions.services import follow_up
from suggestions.views.common import form_action, may_open, user_of, year_asked
from suggestions.workflow.who import is_assigning_staff, unit_of


@login_required
@refusals
def commitment_progress(request: HttpRequest, commitment_id: int) -> HttpResponse:
    commitment = get_object_or_404(
        visible_commitments(user_of(request)).select_related(
            "reply__assignment__suggestion", "reply__assignment__unit"
        ),
        pk=commitment_id,
    )
    user = may_open(request, commitment.reply, "report_progress")
    return form_action(
        request, commitment.reply.assignment.suggestion, ProgressForm,
        lambda d: follow_up.commitment_progress(commitment=commitment, actor=user, text=d["text"], done=d["done"]),
        heading=_("Report progress on a commitment"), success=_("Reported; the deputy and the committee are told (S§32)."),
        explanation=commitment.text, back=f"/suggestions/replies/{commitment.reply_id}/",
    )  # fmt: skip


def _may_see_commitments(request: HttpRequest) -> User:
    user = user_of(request)
    if not may_see_commitments(user):
        raise PermissionDenied
    return user


@login_required
@reads_from_replica()
def commitments(request: HttpRequest) -> HttpResponse:
    """The yearly report: per unit and year of the reply letter, the commitments in this year's
    and last year's letters (S§45), fulfilled, overdue and open, and those whose yearly progress
    report is late (S§25(2), S§32)."""
    user = _may_see_commitments(request)
    today = timezone.localdate()
    years = [(y, str(y)) for y in report_years(today)]
    year = year_asked(request, years, today.year)
    scope = visible_commitments(user)
    if year:
        scope = in_report_of(scope, year)
    table = commitment_table(scope, today)
    if request.GET.get("export") == "xlsx":
        return excel_response(
            f"commitments-{year or 'all'}.xlsx",
            _("Commitments"),
            [
                _("Handling unit"),
                _("Year of the reply letter"),
                _("Commitments promised"),
                _("Fulfilled"),
                _("Of which late"),
                _("Overdue"),
                _("Open, not yet due"),
                _("Yearly progress report late"),
            ],
            (
                (r.unit, r.letter_year, r.due, r.done, r.done_late, r.overdue, r.open, r.progress_late)
                for r in table
            ),
        )
    totals = {
        kind: sum(getattr(r, kind) for r in table)
        for kind in ("due", "done", "done_late", "overdue", "open", "progress_late")
    }
    context = {"table": table, "totals": totals, "years": years, "year": year, "today": today}
    return render(request, "suggestions/reports/commitments.html", context)


@login_required
@reads_from_replica()
def commitment_items(request: HttpRequest) -> HttpResponse:
    user = _may_see_commitments(request)
    filterset = CommitmentFilter(request.GET or None, queryset=visible_commitments(user), request=request)
    if unit_of(user) and not is_assigning_staff(user):
        del filterset.filters["unit"]  # a unit sees its own only
    queryset = commitment_rows(filterset.qs)
    if request.GET.get("export") == "xlsx":
        return _export_commitments(queryset)
    context = list_context(request, filterset, queryset)
    context["today"] = timezone.localdate()
    return render(request, "suggestions/reports/commitment_items.html", context)


def _export_commitments(queryset: QuerySet[Commitment]) -> HttpResponse:
    today = timezone.localdate()
    states = {
        "done": _("Fulfilled"),
        "overdue": _("Overdue"),
        "soon": _("Open, not yet due"),
        "open": _("Open, not yet due"),
    }
    headers = [
        _("Number"), _("Title"), _("Handling unit"), _("Promised action"), _("Promised date"), _("Commitment state"),
        _("Done on"), _("Progress reports"), _("Last report"), _("Next progress report due"),
    ]  # fmt: skip
    rows = (
        (c.reply.assignment.suggestion.number_label, c.reply.assignment.suggestion.title, c.reply.assignment.unit.name,
         c.text, c.promised_date, states[commitment_state(c, today)], c.done_on, c.reports,  # type: ignore[attr-defined]
         c.last_report, None if c.done_on else c.progress_due)  # type: ignore[attr-defined]
        for c in queryset.iterator(chunk_size=2000)
    )  # fmt: skip
    return excel_response("commitment-list.xlsx", _("Commitments"), headers, rows)


@login_required
def commitment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One commitment and every progress report on it (S§32)."""
    user = _may_see_commitments(request)
    commitment = get_object_or_404(
        visible_commitments(user).select_related("reply__assignment__unit", "reply__assignment__suggestion"),
        pk=pk,
    )
    assignment = commitment.reply.assignment
    context: dict[str, Any] = {
        "c": commitment,
        "a": assignment,
        "s": assignment.suggestion,
        "progress": commitment.progress.select_related("reported_by"),
        "actions": available_actions(commitment.reply, user),
        "today": timezone.localdate(),
    }
    return render(request, "suggestions/reports/commitment.html", context)
