"""A suggestion's page: what it says, who proposed it, where it stands, its units and their
clocks, the replies, the history; and the actions this user may take on it now, as the
tables answer (`available_actions`), nothing decided here."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from congress.cosigning import signing_progress
from congress.downloads import send_file
from congress.models import Organisation, User
from congress.roles import Role
from congress.workflow import available_actions
from deputies.forms import picker_attrs
from suggestions import selectors
from suggestions.forms import AssignForm, MessageForm
from suggestions.models import Assignment, CoOpinion, KeySuggestion, Reply, Suggestion
from suggestions.permissions import is_general_office, visible_assignments
from suggestions.services.filing import suggestion_submit_refusal
from suggestions.similarity import similar_suggestions
from suggestions.views.common import user_of, visible
from suggestions.workflow import REPLY
from suggestions.workflow.signing import SUGGESTION_SIGNING
from suggestions.workflow.who import deputies_of, deputy_of, is_assigning_staff, unit_of

GOVERNMENT_UNITS_OF_EVENTS = Q(assignment__unit__kind=Organisation.Kind.GOVERNMENT)


@login_required
def suggestion_detail(request: HttpRequest, pk: int) -> HttpResponse:
    suggestion = visible(request, pk)
    user = user_of(request)
    unit_id = unit_of(user)
    staff = is_assigning_staff(user, suggestion)
    actions = available_actions(suggestion, user)
    assignments = list(
        suggestion.assignments.select_related(
            "suggestion", "unit", "replaced_by__unit", "extension_request", "co_opinion"
        ).prefetch_related("communications", "replies")
    )
    events = suggestion.events.select_related("actor", "assignment__unit")
    if unit_id and not staff:
        # A unit sees its own part only (WORKFLOWS.md §6).
        assignments = [a for a in assignments if a.unit_id == unit_id]
        events = events.filter(assignment__isnull=True) | events.filter(assignment__unit_id=unit_id)
    elif is_general_office(user) and not staff:
        # The general office follows the government's departments, no other unit (S§43).
        assignments = [a for a in assignments if a.unit.kind == Organisation.Kind.GOVERNMENT]
        events = events.filter(assignment__isnull=True) | events.filter(GOVERNMENT_UNITS_OF_EVENTS)
    deputy = deputy_of(user)
    cosigners = list(suggestion.cosigners.select_related("deputy"))
    context: dict[str, Any] = {
        "s": suggestion,
        "actions": actions,
        "cosigners": cosigners,
        "attachments": suggestion.attachments.all(),
        "assignments": [(a, selectors.assignment_clocks(a), available_actions(a, user)) for a in assignments],
        "events": events.order_by("at", "id"),
        # The user's own invitation is among them (one co-signature per deputy).
        "invitation": next((c for c in cosigners if deputy and c.deputy_id == deputy.pk), None),
        "picker": picker_attrs() if "invite" in actions else {},
        # The submit button is enabled only when filing can succeed, and says why not.
        "submit_refusal": suggestion_submit_refusal(suggestion=suggestion) if "submit" in actions else None,
        "progress": signing_progress(signing=SUGGESTION_SIGNING, item=suggestion)
        if suggestion.kind == Suggestion.Kind.JOINT
        else None,
        "staff": staff,
        "unit_id": unit_id,
        "merged": suggestion.merged.select_related("lead_deputy"),
        "today": timezone.localdate(),
    }
    context |= _handling(suggestion, user, staff)
    context |= _review_forms(suggestion, actions)
    return render(request, "suggestions/detail.html", context)


def assignment_page(request: HttpRequest, assignment_id: int) -> HttpResponse:
    """The page an assignment's buttons post from: its suggestion's."""
    assignment = get_object_or_404(visible_assignments(user_of(request)), pk=assignment_id)
    return suggestion_detail(request, assignment.suggestion_id)


def page_of(request: HttpRequest, pk: int, **kwargs: Any) -> HttpResponse:
    """The suggestion's page, for buttons whose address names more than the suggestion."""
    return suggestion_detail(request, pk)


def _handling(suggestion: Suggestion, user: User, staff: bool) -> dict[str, Any]:
    """What the page shows of handling after assignment (issue 5), to whom may see it."""
    deputy = deputy_of(user)
    is_deputy = deputy is not None and deputy in deputies_of(suggestion)
    signed_off = Reply.objects.filter(
        assignment__suggestion=suggestion, status__in=REPLY.done_statuses
    ).select_related("assignment__unit")
    if is_general_office(user) and not staff:
        signed_off = signed_off.filter(assignment__unit__kind=Organisation.Kind.GOVERNMENT)  # S§43
    readers = is_deputy or staff or user.has_role(Role.SUPERVISOR) or is_general_office(user)
    return {
        "replies": signed_off if readers else [],
        "co_opinions": CoOpinion.objects.filter(assignment__suggestion=suggestion).select_related("assignment__unit"),
        "evaluations": suggestion.evaluations.select_related("deputy").order_by("round", "created"),
        "key": KeySuggestion.objects.filter(suggestion=suggestion).select_related("supervising_body").first(),
        "supervision_requests": suggestion.supervision_requests.select_related("deputy") if staff or is_deputy else [],
    }  # fmt: skip


def _review_forms(suggestion: Suggestion, actions: list[str]) -> dict[str, Any]:
    """The assigning body's forms, for the steps it may take: the review, merging similar
    suggestions into this one, and routing to units with the routing table's proposal."""
    forms: dict[str, Any] = {}
    if "return" in actions:
        forms["return_form"] = MessageForm()
    if "merge_in" in actions:
        forms["similar"] = similar_suggestions(suggestion)
    if {"accept", "assign", "reroute"} & set(actions):
        proposal = selectors.propose_units(suggestion)
        initial = {f"unit_{i}": unit for i, (unit, _role) in enumerate(proposal)} | {
            f"role_{i}": role for i, (_unit, role) in enumerate(proposal)
        }
        forms["assign_form"] = AssignForm(initial=initial)
        forms["has_proposal"] = bool(proposal)
    if "answer_disagreement" in actions:
        forms["disagreements"] = suggestion.disagreements.filter(resolved_at__isnull=True).select_related(
            "deputy"
        )
    return forms


def the_assignment(request: HttpRequest, assignment_id: int) -> Assignment:
    """An assignment this user may see; else 404."""
    return get_object_or_404(
        visible_assignments(user_of(request)).select_related("suggestion", "unit"), pk=assignment_id
    )


@login_required
def attachment_download(request: HttpRequest, pk: int, attachment_id: int) -> FileResponse:
    """A file attached to a suggestion, for whom may see the suggestion (404 to anyone else)."""
    suggestion = visible(request, pk)
    attachment = get_object_or_404(suggestion.attachments, pk=attachment_id)
    return send_file(attachment.file, attachment.name)
