"""Follow-up pages: key suggestions for their supervisors (S§39–S§41), the committee's S§47
lists, and the commitments of category-B replies (S§32). Thin: who may see what, a selector,
at most one service."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from congress.errors import DomainError
from congress.excel import excel_response
from congress.lists import list_context
from congress.models import User
from suggestions import reports
from suggestions.disclosure import stacked
from suggestions.models import Assignment, Commitment, KeyNote, KeySuggestion, Suggestion
from suggestions.permissions import visible_suggestions
from suggestions.report_filters import (
    AccountabilityFilter,
    CommitmentFilter,
    KeySuggestionFilter,
    assignment_years,
    commitment_years,
)
from suggestions.report_forms import NoteForm
from suggestions.services import follow_up
from suggestions.workflow import AssignmentStatus
from suggestions.workflow.who import is_assigning_staff, supervising_body, unit_of, unit_staff


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _staff_only(request: HttpRequest) -> User:
    user = _user(request)
    if not is_assigning_staff(user):
        raise PermissionDenied
    return user


def _year(request: HttpRequest, choices: list[tuple[int, str]], default: int | None) -> int | None:
    """The year asked for if it is one of the choices; "" means every year."""
    asked = request.GET.get("year")
    if asked is None:
        return default
    return int(asked) if asked.isdigit() and int(asked) in {y for y, _label in choices} else None


# --- Key suggestions and supervision (S§34–S§42) -----------------------------------------------


@login_required
def key_list(request: HttpRequest) -> HttpResponse:
    """Supervisors: the key suggestions their body supervises; the committee: all of them.
    At a glance what each unit promised, what is late and what the deputies rated."""
    user = _user(request)
    staff = is_assigning_staff(user)
    if not (staff or supervising_body(user)):
        raise PermissionDenied
    today = timezone.localdate()
    filterset = KeySuggestionFilter(request.GET or None, queryset=reports.visible_keys(user), request=request)
    if not staff:
        del filterset.filters["supervising_body"]  # a supervisor sees its own body's only
    queryset = filterset.qs.order_by("suggestion__number_scope", "suggestion__number", "id")
    if request.GET.get("export") == "xlsx":
        return _export_keys(reports.key_rows(queryset), today)
    context = list_context(request, filterset, reports.key_rows(queryset))
    context["rows"] = [reports.key_view(key, today) for key in context["page"].object_list]
    context["glance"] = glance = reports.key_summary(queryset, today)
    context["rating_bars"] = stacked([(rating, glance.ratings[rating]) for rating in reports.RATINGS])
    context["staff"] = staff
    context["today"] = today
    return render(request, "suggestions/reports/key_list.html", context)


def _export_keys(queryset: QuerySet[KeySuggestion], today: dt.date) -> HttpResponse:
    headers = [
        _("Number"), _("Title"), _("Lead deputy"), _("Channel"), _("Ground for key handling"), _("Chairpersons' meeting approval"),
        _("Supervising body"), _("Supervising leader"), _("Leading official"), _("Status"), _("Handling units"),
        _("Something late"), _("Promises overdue"), _("Satisfied"), _("Basically satisfied"), _("Unsatisfied"),
        _("Supervisors' comments"), _("Handling reports"),
    ]  # fmt: skip
    rows = []
    for key in queryset:
        view = reports.key_view(key, today)
        s = key.suggestion
        units = "；".join(
            f"{p.assignment.unit.name}（{p.assignment.get_role_display()}·{p.assignment.get_status_display()}"
            + (f"·{p.reply.category}" if p.reply else "")
            + (f"·{p.clock.due.isoformat()}" if p.clock else "")
            + "）"
            for p in view.parts
        )
        rows.append(
            (
                s.number_label, s.title, s.lead_deputy.name, key.get_channel_display(), key.get_ground_display(),
                key.approved_on, key.supervising_body.name if key.supervising_body else "", key.supervising_leader,
                key.leading_official, s.get_status_display(), units, _("yes") if view.late else _("no"),
                view.promises_late, view.ratings["satisfied"], view.ratings["basically_satisfied"],
                view.ratings["unsatisfied"], key.comments, key.reports,  # type: ignore[attr-defined]
            )
        )  # fmt: skip
    return excel_response("key-suggestions.xlsx", _("Key suggestions"), headers, rows)


def _key_suggestion(request: HttpRequest, pk: int) -> tuple[Suggestion, KeySuggestion]:
    """A key suggestion the user may see: its supervisors, the committee, its units, its deputies."""
    suggestion = get_object_or_404(visible_suggestions(_user(request)).filter(key__isnull=False), pk=pk)
    key = reports.key_rows(KeySuggestion.objects.filter(suggestion=suggestion)).get()
    return suggestion, key


def _may_comment(user: User, key: KeySuggestion) -> bool:
    body = supervising_body(user)
    return body is not None and body == key.supervising_body_id


def _may_report(user: User, suggestion: Suggestion) -> bool:
    """S§41: a unit reports to the supervising body once it has replied."""
    unit_id = unit_of(user)
    return bool(
        unit_id and suggestion.assignments.filter(unit_id=unit_id, status=AssignmentStatus.REPLIED).exists()
    )


@login_required
def key_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One key suggestion: who supervises, each unit's clock, reply and promises, the ratings,
    the supervisors' comments and the units' reports. A unit sees its own part only."""
    user = _user(request)
    suggestion, key = _key_suggestion(request, pk)
    today = timezone.localdate()
    overseer = is_assigning_staff(user) or supervising_body(user) is not None
    unit_id = None if overseer else unit_of(user)
    notes = key.notes.select_related("author__organisation")
    if unit_id is not None:
        notes = notes.filter(Q(kind=KeyNote.Kind.COMMENT) | Q(author__organisation_id=unit_id))
    context = {
        "s": suggestion,
        "key": key,
        "view": reports.key_view(key, today, unit_id),
        "notes": notes,
        "may_comment": _may_comment(user, key),
        "may_report": _may_report(user, suggestion),
        "today": today,
    }
    return render(request, "suggestions/reports/key_detail.html", context)


def _note_page(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    user = _user(request)
    suggestion, key = _key_suggestion(request, pk)
    allowed = _may_comment(user, key) if kind == KeyNote.Kind.COMMENT else _may_report(user, suggestion)
    if not allowed:
        raise PermissionDenied
    form = NoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            follow_up.key_note(key=key, actor=user, kind=kind, text=form.cleaned_data["text"])
        except DomainError as error:
            form.add_error(None, str(error.detail))
        else:
            sent = (
                _("Your comment was sent to the handling units.")
                if kind == KeyNote.Kind.COMMENT
                else _("Your report was sent to the supervising body (S§41).")
            )
            messages.success(request, sent)
            return redirect("suggestions:key-detail", pk=pk)
    if kind == KeyNote.Kind.COMMENT:
        heading = _("Comment on the handling")
        explanation = _(
            "The supervising body coordinates the handling and hears the unit and the deputies (S§40). "
            "Your comment goes to the handling units and is kept in the suggestion's history."
        )
    else:
        heading = _("Report the handling to the supervising body")
        explanation = _(
            "After replying, the unit reports how it handled the key suggestion to the body that "
            "supervises it (S§41)."
        )
    return render(
        request,
        "suggestions/reports/note_form.html",
        {"form": form, "s": suggestion, "key": key, "heading": heading, "explanation": explanation},
    )


@login_required
def key_comment(request: HttpRequest, pk: int) -> HttpResponse:
    return _note_page(request, pk, KeyNote.Kind.COMMENT)


@login_required
def key_report(request: HttpRequest, pk: int) -> HttpResponse:
    return _note_page(request, pk, KeyNote.Kind.REPORT)


# --- S§47: overdue, unanswered, passed around ----------------------------------------------------


@login_required
def accountability(request: HttpRequest) -> HttpResponse:
    """Per unit, what S§47 holds units to account for; each count opens its list."""
    _staff_only(request)
    today = timezone.localdate()
    years = assignment_years()
    year = _year(request, years, None)
    table = reports.accountability_table(today, year)
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
        "cutoff": reports.reply_period_cutoff(today),
        "today": today,
    }
    return render(request, "suggestions/reports/accountability.html", context)


@login_required
def accountability_items(request: HttpRequest) -> HttpResponse:
    _staff_only(request)
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
    context["rows"] = [(a, reports.owed_clock(a)) for a in context["page"].object_list]
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


# --- Commitments (S§32) ---------------------------------------------------------------------------


def _may_see_commitments(request: HttpRequest) -> User:
    user = _user(request)
    if not reports.may_see_commitments(user):
        raise PermissionDenied
    return user


@login_required
def commitments(request: HttpRequest) -> HttpResponse:
    """The yearly progress report: per unit, the commitments promised for the year, fulfilled,
    overdue and open (S§32, S§45)."""
    user = _may_see_commitments(request)
    today = timezone.localdate()
    years = commitment_years()
    if today.year not in {y for y, _label in years}:
        years = [(today.year, str(today.year)), *years]
    year = _year(request, years, today.year)
    scope = reports.visible_commitments(user)
    if year:
        scope = scope.filter(promised_date__year=year)
    table = reports.commitment_table(scope, today)
    if request.GET.get("export") == "xlsx":
        return excel_response(
            f"commitments-{year or 'all'}.xlsx",
            _("Commitments"),
            [
                _("Handling unit"),
                _("Commitments promised"),
                _("Fulfilled"),
                _("Of which late"),
                _("Overdue"),
                _("Open, not yet due"),
            ],
            ((r.unit, r.due, r.done, r.done_late, r.overdue, r.open) for r in table),
        )
    totals = {
        kind: sum(getattr(r, kind) for r in table) for kind in ("due", "done", "done_late", "overdue", "open")
    }
    context = {"table": table, "totals": totals, "years": years, "year": year, "today": today}
    return render(request, "suggestions/reports/commitments.html", context)


@login_required
def commitment_items(request: HttpRequest) -> HttpResponse:
    user = _may_see_commitments(request)
    filterset = CommitmentFilter(
        request.GET or None, queryset=reports.visible_commitments(user), request=request
    )
    if unit_of(user) and not is_assigning_staff(user):
        del filterset.filters["unit"]  # a unit sees its own only
    queryset = reports.commitment_rows(filterset.qs)
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
        _("Done on"), _("Progress reports"), _("Last report"),
    ]  # fmt: skip
    rows = (
        (c.reply.assignment.suggestion.number_label, c.reply.assignment.suggestion.title, c.reply.assignment.unit.name,
         c.text, c.promised_date, states[reports.commitment_state(c, today)], c.done_on, c.reports,  # type: ignore[attr-defined]
         c.last_report)  # type: ignore[attr-defined]
        for c in queryset.iterator(chunk_size=2000)
    )  # fmt: skip
    return excel_response("commitment-list.xlsx", _("Commitments"), headers, rows)


@login_required
def commitment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One commitment and every progress report on it (S§32)."""
    user = _may_see_commitments(request)
    commitment = get_object_or_404(
        reports.visible_commitments(user).select_related(
            "reply__assignment__unit", "reply__assignment__suggestion"
        ),
        pk=pk,
    )
    assignment = commitment.reply.assignment
    context: dict[str, Any] = {
        "c": commitment,
        "a": assignment,
        "s": assignment.suggestion,
        "progress": commitment.progress.select_related("reported_by"),
        "may_report": unit_staff(assignment, user) and commitment.done_on is None,
        "today": timezone.localdate(),
    }
    return render(request, "suggestions/reports/commitment.html", context)
