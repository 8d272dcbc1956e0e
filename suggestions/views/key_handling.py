"""Key suggestions and their supervision (S§7, S§34–S§42): marking a key suggestion, the
supervisors' list and page, their comments, the units' reports and leaders, the supervising
body's responsible person and meetings, follow-on handling."""

from __future__ import annotations

import datetime as dt
from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from congress.excel import excel_response
from congress.lists import list_context
from congress.pages import refusals
from congress.replica import reads_from_replica
from congress.workflow import available_actions
from suggestions.forms import (
    FollowOnForm,
    KeyForm,
    LeaderForm,
    MeetingForm,
    NoteForm,
    ReportForm,
    ResponsibleForm,
)
from suggestions.models import KeyNote, KeySuggestion, Suggestion
from suggestions.permissions import visible_suggestions
from suggestions.reports.disclosure import stacked
from suggestions.reports.filters import KeySuggestionFilter
from suggestions.reports.supervision import RATINGS, key_rows, key_summary, key_view, visible_keys
from suggestions.services import key_handling
from suggestions.views.common import form_action, may_open, user_of, visible
from suggestions.views.detail import the_assignment
from suggestions.workflow.who import deputies_of, is_assigning_staff, supervising_body, unit_of


@login_required
@refusals
def mark_key(request: HttpRequest, pk: int) -> HttpResponse:
    suggestion = visible(request, pk)
    user = may_open(request, suggestion, "mark_key")
    return form_action(
        request, suggestion, KeyForm,
        lambda d: key_handling.suggestion_mark_key(suggestion=suggestion, actor=user, **d),
        heading=_("Key handling and supervision"), success=_("Recorded as a key suggestion."),
        explanation=_("Key suggestions concern the province's central work, the SC's key tasks, or major matters raised by many deputies (S§34). Session suggestions are approved by the chairpersons' meeting (S§35); recess ones go by the through-train (S§36)."),
    )  # fmt: skip


@login_required
@reads_from_replica()
def key_list(request: HttpRequest) -> HttpResponse:
    """Supervisors: the key suggestions their body supervises; the committee: all of them.
    At a glance what each unit promised, what is late and what the deputies rated: what the
    committee reports to the chairpersons' meeting on key handling and its supervision (S§42),
    exported to Excel."""
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
    notes = key.notes.select_related("author__organisation", "assignment__unit", "held_by").prefetch_related(
        "attended_by"
    )
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
    user = may_open(request, suggestion, key_handling.NOTE_ACTIONS[kind])
    heading, explanation, sent = _note_texts(kind)
    form = (ReportForm if kind == KeyNote.Kind.REPORT else NoteForm)(request.POST or None)
    if request.method == "POST" and form.is_valid():
        key_handling.key_note(
            key=key, actor=user, kind=kind, text=form.cleaned_data["text"],
            leader_informed=form.cleaned_data.get("leader_informed", ""),
        )  # fmt: skip
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


# --- Who handles and supervises it in person (S§7, S§37, S§40(4)) ------------------------------


@login_required
@refusals
def name_leader(request: HttpRequest, assignment_id: int) -> HttpResponse:
    assignment = the_assignment(request, assignment_id)
    user = may_open(request, assignment, "name_leader")
    return form_action(
        request, assignment.suggestion, LeaderForm,
        lambda d: key_handling.assignment_name_leader(assignment=assignment, actor=user, leader=d["leader"]),
        heading=_("Name the unit's leader handling it"), success=_("Named."),
        explanation=_("A key suggestion is handled by the unit's principal or deputy leader, who hears the deputies face to face at a forum, in research or on a visit before the reply (S§37)."),
    )  # fmt: skip


@login_required
@refusals
def name_responsible(request: HttpRequest, pk: int) -> HttpResponse:
    suggestion, key = _key_suggestion(request, pk)
    user = may_open(request, suggestion, "name_responsible")
    return form_action(
        request, suggestion, partial(ResponsibleForm, body_id=key.supervising_body_id),
        lambda d: key_handling.key_name_responsible(key=key, actor=user, person=d["person"]),
        heading=_("Name the responsible person"), success=_("Named."),
        explanation=_("The supervising body names its person responsible for the suggestion, who meets the deputies face to face and hears them (S§7)."),
        back=reverse("suggestions:key-detail", args=[pk]),
    )  # fmt: skip


@login_required
@refusals
def meet_deputies(request: HttpRequest, pk: int) -> HttpResponse:
    suggestion, key = _key_suggestion(request, pk)
    user = may_open(request, suggestion, "meet_deputies")
    return form_action(
        request, suggestion, partial(MeetingForm, deputies=deputies_of(suggestion)),
        lambda d: key_handling.key_meet_deputies(key=key, actor=user, met_on=d["met_on"], deputies=list(d["deputies"]), summary=d["summary"]),
        heading=_("Record the meeting with the deputies"), success=_("Recorded."),
        explanation=_("The responsible person meets the deputies face to face and hears them (S§7, S§40)."),
        back=reverse("suggestions:key-detail", args=[pk]),
    )  # fmt: skip


@login_required
@refusals
def follow_on(request: HttpRequest, pk: int) -> HttpResponse:
    suggestion, key = _key_suggestion(request, pk)
    user = may_open(request, suggestion, "follow_on")
    replied = suggestion.assignments.filter(replied_at__isnull=False).select_related("unit")
    return form_action(
        request, suggestion, partial(FollowOnForm, replied=replied),
        lambda d: key_handling.key_follow_on(key=key, actor=user, assignment=d["assignment"], text=d["text"]),
        heading=_("Hand it back for follow-on handling"), success=_("Handed back; the unit is told and reports again (S§41)."),
        explanation=_("What needs following up, the supervising body hands to the unit for follow-on handling (S§40)."),
        back=reverse("suggestions:key-detail", args=[pk]),
    )  # fmt: skip
