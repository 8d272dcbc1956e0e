"""Pages of the suggestion workflow, for deputies, staff and handling units.

Views are thin: they check who may see what, read with selectors, and call one service.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from congress.errors import DomainError
from congress.excel import excel_response
from congress.lists import list_context
from congress.models import Organisation, Session, User
from congress.roles import Role
from congress.selectors import current_session
from suggestions import selectors
from suggestions.excel_import import TEMPLATE_HEADERS, import_suggestions, template_workbook
from suggestions.filters import AssignmentFilter, SuggestionFilter
from suggestions.forms import (
    AssignForm,
    ImportForm,
    MessageForm,
    NotAcceptForm,
    ReasonForm,
    ReassignForm,
    RoutingRuleForm,
    StaffEntryForm,
    SuggestionForm,
    WithdrawForm,
    resolve_deputies,
)
from suggestions.models import Assignment, Attachment, CoSigner, Disagreement, RoutingRule, Suggestion
from suggestions.permissions import visible_assignments, visible_suggestions
from suggestions.services import assignment as routing
from suggestions.services import filing, review
from suggestions.similarity import similar_suggestions
from suggestions.workflow import SUGGESTION, Status
from suggestions.workflow.who import is_assigning_staff, is_lead, lead_or_enterer, unit_of, unit_staff


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _visible(request: HttpRequest, pk: int) -> Suggestion:
    queryset = Suggestion.objects.select_related(
        "lead_deputy__delegation", "subject_area", "session__congress", "merged_into"
    )
    return get_object_or_404(visible_suggestions(_user(request), queryset), pk=pk)


def _staff_only(request: HttpRequest, suggestion: Suggestion | None = None) -> User:
    user = _user(request)
    if not is_assigning_staff(user, suggestion):
        raise PermissionDenied
    return user


def _attempt(request: HttpRequest, action: Callable[[], Any], success: str) -> bool:
    """Run one service; a refusal is shown with its rule and nothing is lost."""
    try:
        action()
    except DomainError as error:
        messages.error(request, str(error.detail))
        return False
    messages.success(request, success)
    return True


def _sessions() -> Any:
    session = current_session()
    return Session.objects.filter(pk=session.pk) if session else Session.objects.none()


# --- Deputies -------------------------------------------------------------------------------------


@login_required
def my_suggestions(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    deputy = getattr(user, "deputy", None)
    base = (
        visible_suggestions(user)
        .select_related("subject_area", "lead_deputy")
        .prefetch_related("assignments")
    )
    filterset = SuggestionFilter(request.GET or None, queryset=base, request=request)
    queryset = filterset.qs.order_by("-created_at", "-id")
    if request.GET.get("export") == "xlsx":
        return _export_suggestions(queryset)
    invitations = (
        CoSigner.objects.filter(
            deputy=deputy,
            status=CoSigner.Status.INVITED,
            suggestion__status__in=SUGGESTION.sources("confirm"),
        ).select_related("suggestion__lead_deputy")
        if deputy
        else []
    )
    context = list_context(request, filterset, queryset)
    context["invitations"] = invitations
    return render(request, "suggestions/mine.html", context)


@login_required
def suggestion_new(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    deputy = getattr(user, "deputy", None)
    if deputy is None:
        if is_assigning_staff(user) or user.delegations.exists():
            return redirect("suggestions:staff-entry")
        raise PermissionDenied
    form = SuggestionForm(
        request.POST or None, request.FILES or None, congress_id=deputy.congress_id, sessions=_sessions()
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                suggestion = filing.suggestion_create(
                    actor=user, lead_deputy=deputy, title=data["title"], body=data["body"], subject_area=data["subject_area"],
                    session=data["session"], co_signers=data["co_signers"], urgent=data["urgent"],
                )  # fmt: skip
                _attach(suggestion, data.get("attachment"), user)
        except DomainError as error:
            form.add_error(None, str(error.detail))
        else:
            messages.success(
                request, _("Saved as a draft. Check it, then file it; co-signers confirm first.")
            )
            return redirect("suggestions:detail", pk=suggestion.pk)
    return render(request, "suggestions/form.html", {"form": form, "heading": _("New suggestion")})


@login_required
def staff_entry(request: HttpRequest) -> HttpResponse:
    """Staff enter a suggestion from the deputy's paper form (S§13); recorded as such."""
    user = _user(request)
    if not (is_assigning_staff(user) or user.delegations.exists()):
        raise PermissionDenied
    session = current_session()
    congress_id = session.congress_id if session else 0
    form = StaffEntryForm(
        request.POST or None, request.FILES or None, congress_id=congress_id, sessions=_sessions()
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        vote = None
        if data["kind"] == Suggestion.Kind.DELEGATION:
            vote = filing.DelegationVote(
                data.get("delegation_members") or 0,
                data.get("delegation_votes_for") or 0,
                data["delegation_head_signed"],
            )
        try:
            with transaction.atomic():
                suggestion = filing.suggestion_create(
                    actor=user, lead_deputy=data["lead_deputy"], kind=data["kind"], title=data["title"], body=data["body"],
                    subject_area=data["subject_area"], session=data["session"], co_signers=data["co_signers"],
                    delegation_vote=vote, urgent=data["urgent"],
                )  # fmt: skip
                _attach(suggestion, data.get("attachment"), user)
        except DomainError as error:
            form.add_error(None, str(error.detail))
        else:
            messages.success(request, _("Entered from the paper form as a draft."))
            return redirect("suggestions:detail", pk=suggestion.pk)
    return render(
        request,
        "suggestions/form.html",
        {"form": form, "heading": _("Enter a suggestion from the paper form")},
    )


def _attach(suggestion: Suggestion, upload: Any, user: User) -> None:
    if upload:
        Attachment.objects.create(suggestion=suggestion, file=upload, name=upload.name, uploaded_by=user)


@login_required
def suggestion_edit(request: HttpRequest, pk: int) -> HttpResponse:
    suggestion = _visible(request, pk)
    user = _user(request)
    if not lead_or_enterer(suggestion, user):
        raise PermissionDenied
    initial = {
        "title": suggestion.title, "body": suggestion.body, "subject_area": suggestion.subject_area,
        "session": suggestion.session, "urgent": suggestion.urgent,
    }  # fmt: skip
    sessions = Session.objects.filter(pk=suggestion.session_id) if suggestion.session_id else _sessions()
    form = SuggestionForm(
        request.POST or None,
        request.FILES or None,
        initial=initial,
        congress_id=suggestion.congress_id,
        sessions=sessions,
    )
    form.fields["co_signers"].disabled = True
    form.fields["session"].disabled = True
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                filing.suggestion_edit(
                    suggestion=suggestion, actor=user, title=data["title"], body=data["body"],
                    subject_area=data["subject_area"], urgent=data["urgent"],
                )  # fmt: skip
                _attach(suggestion, data.get("attachment"), user)
        except DomainError as error:
            form.add_error(None, str(error.detail))
        else:
            messages.success(request, _("Saved."))
            return redirect("suggestions:detail", pk=pk)
    return render(
        request,
        "suggestions/form.html",
        {"form": form, "heading": _("Edit suggestion"), "suggestion": suggestion},
    )


@login_required
def suggestion_detail(request: HttpRequest, pk: int) -> HttpResponse:
    suggestion = _visible(request, pk)
    user = _user(request)
    unit_id = unit_of(user)
    staff = is_assigning_staff(user, suggestion)
    assignments = list(
        suggestion.assignments.select_related(
            "unit", "replaced_by__unit", "extension_request", "co_opinion"
        ).prefetch_related("communications", "replies")
    )
    events = suggestion.events.select_related("actor", "assignment__unit")
    if unit_id and not staff:
        # A unit sees its own part only (WORKFLOWS.md §6).
        assignments = [a for a in assignments if a.unit_id == unit_id]
        events = events.filter(assignment__isnull=True) | events.filter(assignment__unit_id=unit_id)
    deputy = getattr(user, "deputy", None)
    invitation = suggestion.cosigners.filter(deputy=deputy).first() if deputy else None
    context: dict[str, Any] = {
        "s": suggestion,
        "cosigners": suggestion.cosigners.select_related("deputy"),
        "attachments": suggestion.attachments.all(),
        "assignments": [(a, selectors.assignment_clocks(a)) for a in assignments],
        "events": events.order_by("at", "id"),
        "may_edit": lead_or_enterer(suggestion, user) and suggestion.status in {Status.DRAFT, Status.RETURNED},
        "is_proposer": is_lead(suggestion, user),
        "may_withdraw": (is_lead(suggestion, user) or (suggestion.entered_on_paper and staff))
        and suggestion.status in SUGGESTION.sources("withdraw"),
        "invitation": invitation,
        "may_disagree": deputy is not None and suggestion.status == Status.ASSIGNED
        and (is_lead(suggestion, user) or (invitation is not None and invitation.status == CoSigner.Status.CONFIRMED)),
        "staff": staff,
        "unit_id": unit_id,
        "merged": suggestion.merged.select_related("lead_deputy"),
        "today": timezone.localdate(),
    }  # fmt: skip
    context |= _handling_context(suggestion, user, deputy, staff)
    if staff and suggestion.status in {Status.SUBMITTED, Status.ACCEPTED}:
        context["similar"] = similar_suggestions(suggestion)
    if staff and suggestion.status in {Status.SUBMITTED, Status.ACCEPTED, Status.ASSIGNED}:
        proposal = selectors.propose_units(suggestion)
        initial = {f"unit_{i}": unit for i, (unit, _role) in enumerate(proposal)} | {
            f"role_{i}": role for i, (_unit, role) in enumerate(proposal)
        }
        context["assign_form"] = AssignForm(initial=initial)
        context["has_proposal"] = bool(proposal)
        context["not_accept_form"] = NotAcceptForm()
        context["return_form"] = MessageForm()
        context["disagreements"] = suggestion.disagreements.filter(resolved_at__isnull=True).select_related(
            "deputy"
        )
    return render(request, "suggestions/detail.html", context)


def _handling_context(suggestion: Suggestion, user: User, deputy: Any, staff: bool) -> dict[str, Any]:
    """What the detail page shows of handling after assignment (issue 5)."""
    from suggestions.models import CoOpinion, Evaluation, KeySuggestion, Reply
    from suggestions.workflow.who import deputies_of

    round_ = suggestion.reply_round
    evaluations = list(suggestion.evaluations.select_related("deputy").order_by("round", "created"))
    is_deputy = deputy is not None and deputy in deputies_of(suggestion)
    approved = Reply.objects.filter(
        assignment__suggestion=suggestion, status=Reply.Status.APPROVED
    ).select_related("assignment__unit")
    return {
        "replies": approved if (is_deputy or staff or user.has_role(Role.SUPERVISOR)) else [],
        "co_opinions": CoOpinion.objects.filter(assignment__suggestion=suggestion).select_related("assignment__unit"),
        "evaluations": evaluations,
        "unsatisfied": staff and suggestion.status == Status.REPLIED
        and any(e.round == round_ and e.rating == Evaluation.Rating.UNSATISFIED for e in evaluations),
        "may_ask": is_deputy and suggestion.status in {Status.ASSIGNED, Status.REPLIED, Status.REHANDLING},
        "may_mark_key": user.has_role(Role.COMMITTEE_STAFF) or user.is_superuser,
        "key": KeySuggestion.objects.filter(suggestion=suggestion).select_related("supervising_body").first(),
        "supervision_requests": suggestion.supervision_requests.select_related("deputy") if staff or is_deputy else [],
    }  # fmt: skip


def _post_action(
    request: HttpRequest, pk: int, action: Callable[[Suggestion, User], Any], success: str
) -> HttpResponse:
    suggestion = _visible(request, pk)
    _attempt(request, lambda: action(suggestion, _user(request)), success)
    return redirect("suggestions:detail", pk=pk)


@login_required
@require_POST
def suggestion_submit(request: HttpRequest, pk: int) -> HttpResponse:
    return _post_action(
        request,
        pk,
        lambda s, u: filing.suggestion_submit(suggestion=s, actor=u),
        _("Filed. It now awaits review (S§15)."),
    )


@login_required
@require_POST
def cosigner_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    return _post_action(
        request,
        pk,
        lambda s, u: filing.cosigner_confirm(suggestion=s, actor=u),
        _("You confirmed the final text and co-sign it."),
    )


@login_required
@require_POST
def cosigner_decline(request: HttpRequest, pk: int) -> HttpResponse:
    return _post_action(
        request,
        pk,
        lambda s, u: filing.cosigner_decline(suggestion=s, actor=u),
        _("You declined to co-sign."),
    )


@login_required
@require_POST
def cosigner_invite(request: HttpRequest, pk: int) -> HttpResponse:
    suggestion = _visible(request, pk)
    user = _user(request)
    if not lead_or_enterer(suggestion, user):
        raise PermissionDenied
    deputies, problems = resolve_deputies(request.POST.get("names", ""), suggestion.congress_id)
    if problems:
        messages.error(request, "；".join(problems))
    else:
        _attempt(
            request,
            lambda: filing.cosigner_invite(suggestion=suggestion, deputies=deputies, actor=user),
            _("Invited."),
        )
    return redirect("suggestions:detail", pk=pk)


@login_required
@require_POST
def cosigner_remove(request: HttpRequest, pk: int, deputy_id: int) -> HttpResponse:
    suggestion = _visible(request, pk)
    row = get_object_or_404(CoSigner, suggestion=suggestion, deputy_id=deputy_id)
    _attempt(
        request,
        lambda: filing.cosigner_remove(suggestion=suggestion, deputy=row.deputy, actor=_user(request)),
        _("Invitation withdrawn."),
    )
    return redirect("suggestions:detail", pk=pk)


def _form_action(
    request: HttpRequest,
    suggestion: Suggestion,
    form_class: type,
    action: Callable[[dict[str, Any]], Any],
    *,
    heading: str,
    success: str,
    explanation: str = "",
    back: str | None = None,
) -> HttpResponse:
    """A page with one small form that runs one service; on refusal the text stays."""
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            action(form.cleaned_data)
        except DomainError as error:
            form.add_error(None, str(error.detail))
        else:
            messages.success(request, success)
            return redirect(back or f"/suggestions/{suggestion.pk}/")
    return render(
        request, "suggestions/action_form.html",
        {"form": form, "heading": heading, "s": suggestion, "explanation": explanation},
    )  # fmt: skip


@login_required
def suggestion_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    suggestion = _visible(request, pk)
    return _form_action(
        request, suggestion, WithdrawForm,
        lambda d: filing.suggestion_withdraw(suggestion=suggestion, actor=_user(request), letter=d["letter"]),
        heading=_("Withdraw the suggestion"), success=_("The suggestion is withdrawn."),
        explanation=_("A suggestion can be withdrawn in writing by its proposer until it is replied (S§16)."),
    )  # fmt: skip


@login_required
def suggestion_disagree(request: HttpRequest, pk: int) -> HttpResponse:
    suggestion = _visible(request, pk)
    return _form_action(
        request, suggestion, ReasonForm,
        lambda d: routing.suggestion_disagree(suggestion=suggestion, actor=_user(request), reason=d["reason"]),
        heading=_("Disagree with the assignment"),
        success=_("Your disagreement was sent to the committee, which will study it (S§21)."),
        explanation=_("Say which unit should handle it, and why."),
    )  # fmt: skip


# --- Review and assignment (staff) ---------------------------------------------------------------


@login_required
def review_queue(request: HttpRequest) -> HttpResponse:
    user = _staff_only(request)
    data = request.GET.copy()
    if "status" not in data:
        data["status"] = Status.SUBMITTED
    filterset = SuggestionFilter(data, queryset=visible_suggestions(user), request=request)
    queryset = selectors.review_queue(filterset.qs)
    if request.GET.get("export") == "xlsx":
        return _export_suggestions(queryset)
    return render(request, "suggestions/review_queue.html", list_context(request, filterset, queryset))


@login_required
@require_POST
def review_bulk(request: HttpRequest) -> HttpResponse:
    """Bulk actions on the ticked rows: accept; accept and assign to the proposed units;
    accept and assign to the units chosen below. Each row succeeds or fails on its own."""
    user = _staff_only(request)
    ids = [int(pk) for pk in request.POST.getlist("ids") if pk.isdigit()]
    action = request.POST.get("action", "")
    if action == "choose_units":
        # Second step of "assign to these units": the ticked rows and the unit picker.
        rows = visible_suggestions(user).filter(pk__in=ids).order_by("submitted_at")
        context = {"rows": rows, "form": AssignForm(), "next": request.POST.get("next", "")}
        return render(request, "suggestions/bulk_assign.html", context)
    form = AssignForm(request.POST) if action == "assign_chosen" else None
    if form is not None and not form.is_valid():
        messages.error(request, _("Choose the units and their roles for the ticked suggestions."))
        return redirect(request.POST.get("next") or "suggestions:review")
    done, refused = 0, []
    for suggestion in visible_suggestions(user).filter(pk__in=ids).order_by("submitted_at"):
        try:
            if action == "accept":
                review.suggestion_accept(suggestion=suggestion, actor=user)
            elif action == "assign_proposed":
                proposal = selectors.propose_units(suggestion)
                if not proposal:
                    raise DomainError("no_proposal", _("the routing table has no units for its subject area"))
                routing.suggestion_accept_and_assign(
                    suggestion=suggestion, units=_unit_roles(proposal), actor=user
                )
            elif action == "assign_chosen" and form is not None:
                units = [routing.HandlingUnit(unit, role) for unit, role in form.cleaned_data["pairs"]]
                routing.suggestion_accept_and_assign(suggestion=suggestion, units=units, actor=user)
            else:
                raise DomainError("unknown_action", _("unknown action"), status=400)
            done += 1
        except DomainError as error:
            refused.append(f"{suggestion.number_label}：{error.detail}")
    if done:
        messages.success(request, _("%(count)s suggestions done.") % {"count": done})
    for line in refused[:20]:
        messages.error(request, line)
    return redirect(request.POST.get("next") or "suggestions:review")


def _unit_roles(pairs: list[tuple[int, str]]) -> list[routing.HandlingUnit]:
    units = Organisation.objects.in_bulk([unit for unit, _role in pairs])
    return [routing.HandlingUnit(units[unit], role) for unit, role in pairs]


@login_required
@require_POST
def suggestion_accept(request: HttpRequest, pk: int) -> HttpResponse:
    suggestion = _visible(request, pk)
    _staff_only(request, suggestion)
    return _post_action(
        request,
        pk,
        lambda s, u: review.suggestion_accept(suggestion=s, actor=u),
        _("Accepted; it awaits assignment."),
    )


@login_required
@require_POST
def suggestion_return(request: HttpRequest, pk: int) -> HttpResponse:
    suggestion = _visible(request, pk)
    _staff_only(request, suggestion)
    form = MessageForm(request.POST)
    message = form.data.get("message", "")
    return _post_action(
        request,
        pk,
        lambda s, u: review.suggestion_return(suggestion=s, actor=u, message=message),
        _("Returned to the deputy."),
    )


@login_required
def suggestion_not_accept(request: HttpRequest, pk: int) -> HttpResponse:
    suggestion = _visible(request, pk)
    _staff_only(request, suggestion)
    return _form_action(
        request, suggestion, NotAcceptForm,
        lambda d: review.suggestion_not_accept(
            suggestion=suggestion, actor=_user(request), ground=d["ground"], forwarded_to=d["forwarded_to"], note=d["note"]
        ),
        heading=_("Not accepted as a suggestion"), success=_("Recorded; it is forwarded as a deputy's letter."),
        explanation=_("Matters under S§10 are not handled as suggestions; they are forwarded as a deputy's letter (S§15)."),
    )  # fmt: skip


@login_required
@require_POST
def suggestion_merge(request: HttpRequest, pk: int) -> HttpResponse:
    target = _visible(request, pk)
    user = _staff_only(request, target)
    ids = [int(x) for x in request.POST.getlist("merge") if x.isdigit()]
    others = list(visible_suggestions(user).filter(pk__in=ids))
    _attempt(
        request, lambda: review.suggestion_merge(suggestions=others, into=target, actor=user),
        _("Merged into %(number)s; their deputies are told.") % {"number": target.number_label},
    )  # fmt: skip
    return redirect("suggestions:detail", pk=pk)


@login_required
def suggestion_assign(request: HttpRequest, pk: int) -> HttpResponse:
    """Route it to its handling units (S§19), accepting it first if it awaits review."""
    suggestion = _visible(request, pk)
    user = _staff_only(request, suggestion)
    form = AssignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        units = [routing.HandlingUnit(unit, role) for unit, role in form.cleaned_data["pairs"]]
        try:
            routing.suggestion_accept_and_assign(suggestion=suggestion, units=units, actor=user)
        except DomainError as error:
            form.add_error(None, str(error.detail))
        else:
            messages.success(request, _("Assigned; the deputies and the units are told (S§21)."))
            return redirect("suggestions:detail", pk=pk)
    return render(request, "suggestions/assign.html", {"form": form, "s": suggestion, "reroute": False})


@login_required
def suggestion_reroute(request: HttpRequest, pk: int) -> HttpResponse:
    """Route an assigned suggestion again (S§21), after a deputy's disagreement or otherwise."""
    suggestion = _visible(request, pk)
    user = _staff_only(request, suggestion)
    form = AssignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        units = [routing.HandlingUnit(unit, role) for unit, role in form.cleaned_data["pairs"]]
        try:
            routing.suggestion_reroute(
                suggestion=suggestion, units=units, actor=user, reason=form.cleaned_data["reason"]
            )
        except DomainError as error:
            form.add_error(None, str(error.detail))
        else:
            messages.success(request, _("Re-routed; the deputies and the units are told (S§21)."))
            return redirect("suggestions:detail", pk=pk)
    return render(request, "suggestions/assign.html", {"form": form, "s": suggestion, "reroute": True})


@login_required
def disagreement_answer(request: HttpRequest, pk: int, disagreement_id: int) -> HttpResponse:
    suggestion = _visible(request, pk)
    user = _staff_only(request, suggestion)
    row = get_object_or_404(Disagreement, pk=disagreement_id, suggestion=suggestion)
    return _form_action(
        request, suggestion, ReasonForm,
        lambda d: routing.disagreement_resolve(disagreement=row, actor=user, resolution=d["reason"]),
        heading=_("Keep the assignment and explain"), success=_("The deputy is told."),
        explanation=row.reason,
    )  # fmt: skip


@login_required
def objections(request: HttpRequest) -> HttpResponse:
    _staff_only(request)
    rows = [(a, selectors.assignment_clocks(a).get("reassignment")) for a in selectors.objection_queue()]
    from suggestions.models import ExtensionRequest, SupervisionRequest

    context = {
        "rows": rows,
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
def assignment_reassign(request: HttpRequest, assignment_id: int) -> HttpResponse:
    assignment = get_object_or_404(Assignment.objects.select_related("suggestion", "unit"), pk=assignment_id)
    user = _staff_only(request, assignment.suggestion)
    return _form_action(
        request, assignment.suggestion, ReassignForm,
        lambda d: routing.assignment_reassign(assignment=assignment, unit=d["unit"], actor=user, reason=d["reason"]),
        heading=_("Reassign to another unit"), success=_("Reassigned; the new unit's clocks start today (S§20)."),
        explanation=_("%(unit)s objected: %(reason)s") % {"unit": assignment.unit.name, "reason": assignment.objection_reason},
        back="/suggestions/objections/",
    )  # fmt: skip


@login_required
def assignment_reject_objection(request: HttpRequest, assignment_id: int) -> HttpResponse:
    assignment = get_object_or_404(Assignment.objects.select_related("suggestion", "unit"), pk=assignment_id)
    user = _staff_only(request, assignment.suggestion)
    return _form_action(
        request, assignment.suggestion, ReasonForm,
        lambda d: routing.assignment_reject_objection(assignment=assignment, actor=user, reason=d["reason"]),
        heading=_("Reject the objection"), success=_("The unit is told to handle it."),
        explanation=_("%(unit)s objected: %(reason)s") % {"unit": assignment.unit.name, "reason": assignment.objection_reason},
        back="/suggestions/objections/",
    )  # fmt: skip


# --- Handling units ------------------------------------------------------------------------------


@login_required
def unit_inbox(request: HttpRequest) -> HttpResponse:
    user = _user(request)
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
        return _export_assignments(queryset)
    context = list_context(request, filterset, queryset)
    context["rows"] = [
        (a, selectors.next_clock(a) if a.is_open else None) for a in context["page"].object_list
    ]
    context["today"] = timezone.localdate()
    return render(request, "suggestions/inbox.html", context)


def _unit_assignment(request: HttpRequest, assignment_id: int) -> Assignment:
    assignment = get_object_or_404(
        visible_assignments(_user(request)).select_related("suggestion", "unit"), pk=assignment_id
    )
    if not unit_staff(assignment, _user(request)):
        raise Http404
    return assignment


@login_required
@require_POST
def assignment_acknowledge(request: HttpRequest, assignment_id: int) -> HttpResponse:
    assignment = _unit_assignment(request, assignment_id)
    _attempt(
        request, lambda: routing.assignment_acknowledge(assignment=assignment, actor=_user(request)),
        _("Acknowledged: your unit handles it."),
    )  # fmt: skip
    return redirect("suggestions:detail", pk=assignment.suggestion_id)


@login_required
def assignment_object(request: HttpRequest, assignment_id: int) -> HttpResponse:
    assignment = _unit_assignment(request, assignment_id)
    return _form_action(
        request, assignment.suggestion, ReasonForm,
        lambda d: routing.assignment_object(assignment=assignment, actor=_user(request), reason=d["reason"]),
        heading=_("Not our unit's responsibility"),
        success=_("Sent to the assigning body, which decides within 10 days (S§20)."),
        explanation=_("Within five days of receipt, say in writing why this is not your unit's responsibility. Your unit may not forward it itself (S§20)."),
    )  # fmt: skip


# --- Routing table, import, export --------------------------------------------------------------


@login_required
def routing_table(request: HttpRequest) -> HttpResponse:
    _staff_only(request)
    form = RoutingRuleForm(request.POST or None)
    if request.method == "POST":
        if "delete" in request.POST:
            RoutingRule.objects.filter(pk=request.POST["delete"]).delete()
            messages.success(request, _("Rule removed."))
            return redirect("suggestions:routing")
        if form.is_valid():
            form.save()
            messages.success(request, _("Rule added."))
            return redirect("suggestions:routing")
    rules = RoutingRule.objects.select_related("subject_area", "unit")
    return render(request, "suggestions/routing.html", {"form": form, "rules": rules})


@login_required
def import_batch(request: HttpRequest) -> HttpResponse:
    user = _staff_only(request)
    if request.GET.get("template"):
        return excel_response("建议导入模板.xlsx", "建议", TEMPLATE_HEADERS, template_workbook())
    form = ImportForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            created = import_suggestions(form.cleaned_data["file"], actor=user, session=current_session())
        except DomainError as error:
            errors = str(error.detail).split("\n")
        else:
            messages.success(
                request, _("%(count)s suggestions imported and filed.") % {"count": len(created)}
            )
            return redirect("suggestions:review")
    return render(
        request, "suggestions/import.html", {"form": form, "errors": errors, "headers": TEMPLATE_HEADERS}
    )


def _export_suggestions(queryset: Any) -> HttpResponse:
    headers = [
        _("Number"),
        _("Title"),
        _("Status"),
        _("Kind"),
        _("Lead deputy"),
        _("Subject area"),
        _("Session"),
        _("Filed"),
    ]
    rows = (
        (s.number_label, s.title, s.get_status_display(), s.get_kind_display(), s.lead_deputy.name, s.subject_area.name,
         str(s.session) if s.session_id else _("recess"), s.submitted_at)
        for s in queryset.select_related("lead_deputy", "subject_area", "session__congress").iterator(chunk_size=2000)
    )  # fmt: skip
    return excel_response("建议.xlsx", "建议", headers, rows)


def _export_assignments(queryset: Any) -> HttpResponse:
    headers = [
        _("Number"),
        _("Title"),
        _("Handling unit"),
        _("Role"),
        _("Status"),
        _("Assigned"),
        _("Objection due"),
        _("Reply due"),
        _("Opinion due"),
    ]
    rows = (
        (a.suggestion.number_label, a.suggestion.title, a.unit.name, a.get_role_display(), a.get_status_display(),
         a.assigned_on, a.objection_due, a.reply_due, a.co_opinion_due)
        for a in queryset.select_related("suggestion", "unit").iterator(chunk_size=2000)
    )  # fmt: skip
    return excel_response("交办.xlsx", "交办", headers, rows)
