"""Key suggestions and their supervision (S§34–S§42), and the deputies' requests to the
committee (S§44): marking a key suggestion, the supervisors' list and page, their comments
and the units' reports, asking and arranging."""

from __future__ import annotations

import datetime as dt

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
from congress.pages import refusals
from congress.workflow import available_actions
from suggestions.forms import ArrangeForm, KeyForm, NoteForm, SupervisionRequestForm
from suggestions.models import KeyNote, KeySuggestion, Suggestion, SupervisionRequest
from suggestions.permissions import visible_suggestions
from suggestions.reports.disclosure import stacked
from suggestions.reports.filters import KeySuggestionFilter
from suggestions.reports.supervision import RATINGS, key_rows, key_summary, key_view, visible_keys
from suggestions.services import follow_up
from suggestions.views.common import form_action, may_open, user_of, visible
from suggestions.workflow.who import is_assigning_staff, supervising_body, unit_of


@login_required
@refusals
def mark_key(request: HttpRequest, pk: int) -> HttpResponse:
    suggestion = visible(request, pk)
    user = may_open(request, suggestion, "mark_key")
    return form_action(
        request, suggestion, KeyForm,
        lambda d: follow_up.suggestion_mark_key(suggestion=suggestion, actor=user, **d),
        heading=_("Key handling and supervision"), success=_("Recorded as a key suggestion."),
        explanation=_("Key suggestions concern the province's central work, the SC's key tasks, or major matters raised by many deputies (S§34). Session suggestions are approved by the chairpersons' meeting (S§35); recess ones go by the through-train (S§36)."),
    )  # fmt: skip


@login_required
def key_list(request: HttpRequest) -> HttpResponse:
    """Supervisors: the key suggestions their body supervises; the committee: all of them.
    At a glance what each unit promised, what is late and what the deputies rated."""
    user = user_of(request)
    staff = is_assigning_staff(user)
    if not (staff or supervising_body(user)):
        raise PermissionDenied
    today = timezone.localdate()
    filterset = KeySuggestionFilter(request.GET or None, queryset=visible_keys(user), request=request)
    if not staff:
        del filterset.filters["supervising_body"]  # a supervisor sees its own body's only
    queryset = filterset.qs.order_by("suggestion__number_scope", "suggestion__number", "id")
    if request.GET.get("export") == "xlsx":
        return _export_keys(key_rows(queryset), today)
    context = list_context(request, filterset, key_rows(queryset))
    context["rows"] = [key_view(key, today) for key in context["page"].object_list]
    context["glance"] = glance = key_summary(queryset, today)
    context["rating_bars"] = stacked([(rating, glance.ratings[rating]) for rating in RATINGS])
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
        view = key_view(key, today)
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
    suggestion = get_object_or_404(visible_suggestions(user_of(request)).filter(key__isnull=False), pk=pk)
    key = key_rows(KeySuggestion.objects.filter(suggestion=suggestion)).get()
    return suggestion, key


@login_required
def key_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One key suggestion: who supervises, each unit's clock, reply and promises, the ratings,
    the supervisors' comments and the units' reports. A unit sees its own part only."""
    user = user_of(request)
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
        "view": key_view(key, today, unit_id),
        "notes": notes,
        "actions": available_actions(suggestion, user),
        "today": today,
    }
    return render(request, "suggestions/reports/key_detail.html", context)


def _note_texts(kind: str) -> tuple[str, str, str]:
    """The page's heading and explanation, and what is said once the note is sent."""
    if kind == KeyNote.Kind.COMMENT:
        return (
            _("Comment on the handling"),
            _(
                "The supervising body coordinates the handling and hears the unit and the deputies (S§40). "
                "Your comment goes to the handling units and is kept in the suggestion's history."
            ),
            _("Your comment was sent to the handling units."),
        )
    return (
        _("Report the handling to the supervising body"),
        _(
            "After replying, the unit reports how it handled the key suggestion to the body that "
            "supervises it (S§41)."
        ),
        _("Your report was sent to the supervising body (S§41)."),
    )


def _note_page(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    suggestion, key = _key_suggestion(request, pk)
    user = may_open(request, suggestion, follow_up.NOTE_ACTIONS[kind])
    heading, explanation, sent = _note_texts(kind)
    form = NoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        follow_up.key_note(key=key, actor=user, kind=kind, text=form.cleaned_data["text"])
        messages.success(request, sent)
        return redirect("suggestions:key-detail", pk=pk)
    context = {"form": form, "s": suggestion, "key": key, "heading": heading, "explanation": explanation}
    return render(request, "suggestions/reports/note_form.html", context)


@login_required
@refusals
def key_comment(request: HttpRequest, pk: int) -> HttpResponse:
    return _note_page(request, pk, KeyNote.Kind.COMMENT)


@login_required
@refusals
def key_report(request: HttpRequest, pk: int) -> HttpResponse:
    return _note_page(request, pk, KeyNote.Kind.REPORT)


# --- The deputies' requests to the committee (S§44) ----------------------------------------------


@login_required
@refusals
def ask(request: HttpRequest, pk: int) -> HttpResponse:
    suggestion = visible(request, pk)
    user = may_open(request, suggestion, "ask")
    return form_action(
        request, suggestion, SupervisionRequestForm,
        lambda d: follow_up.supervision_request(suggestion=suggestion, actor=user, kind=d["kind"], message=d["message"]),
        heading=_("Ask about progress or meet the unit's head"), success=_("Sent to the committee, which contacts the unit for you (S§44)."),
        explanation=_("Deputies may ask the handling unit about progress, or meet the unit's head; the committee arranges it (S§44)."),
    )  # fmt: skip


@login_required
@refusals
def arrange(request: HttpRequest, request_id: int) -> HttpResponse:
    row = get_object_or_404(SupervisionRequest.objects.select_related("suggestion", "deputy"), pk=request_id)
    user = may_open(request, row.suggestion, "arrange")
    return form_action(
        request, row.suggestion, ArrangeForm,
        lambda d: follow_up.supervision_arrange(request=row, actor=user, arrangement=d["arrangement"]),
        heading=_("Arrange the deputy's request"), success=_("The deputy is told."),
        explanation=f"{row.deputy.name}（{row.get_kind_display()}）：{row.message}", back="/suggestions/objections/",
    )  # fmt: skip
