"""Filing pages (S§13–S§16): the deputy's list, a new suggestion (or one entered from the
paper form), editing the draft, co-signers, filing and withdrawing."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from congress.cosigning import signing_counts
from congress.lists import list_context
from congress.models import Session, User
from congress.pages import refusals
from congress.selectors import current_session
from suggestions.filters import SuggestionFilter
from suggestions.forms import StaffEntryForm, SuggestionForm, WithdrawForm, resolve_deputies
from suggestions.models import Attachment, CoSigner, Suggestion
from suggestions.permissions import visible_suggestions
from suggestions.services import filing
from suggestions.views.common import export_suggestions, form_action, may_open, sessions, user_of, visible
from suggestions.views.detail import page_of, suggestion_detail
from suggestions.workflow import SUGGESTION, CoSignerStatus
from suggestions.workflow.signing import SUGGESTION_SIGNING
from suggestions.workflow.who import deputy_of, is_assigning_staff


@login_required
def my_suggestions(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    deputy = deputy_of(user)
    base = (
        visible_suggestions(user)
        .select_related("subject_area", "lead_deputy")
        .prefetch_related("assignments")
    )
    filterset = SuggestionFilter(request.GET or None, queryset=base, request=request)
    queryset = filterset.qs.order_by("-created_at", "-id")
    if request.GET.get("export") == "xlsx":
        return export_suggestions(queryset)
    invitations = (
        CoSigner.objects.filter(
            deputy=deputy, status=CoSignerStatus.INVITED, suggestion__status__in=SUGGESTION.sources("confirm")
        ).select_related("suggestion__lead_deputy")
        if deputy
        else []
    )
    context = list_context(request, filterset, queryset)
    context["invitations"] = invitations
    # Each joint draft shows how far its co-signers are ("2 of 3 confirmed"), one query a page.
    rows = list(context["rows"])
    collecting = [
        s for s in rows if s.kind == Suggestion.Kind.JOINT and s.status in SUGGESTION.sources("confirm")
    ]
    counts = signing_counts(signing=SUGGESTION_SIGNING, items=collecting)
    for s in collecting:
        s.signing = counts.get(s.pk, (0, 0))
    context["rows"] = rows
    return render(request, "suggestions/mine.html", context)


@login_required
@refusals
def suggestion_new(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    deputy = deputy_of(user)
    if deputy is None:
        if may_enter_for_deputies(user):
            return redirect("suggestions:staff-entry")
        raise PermissionDenied
    form = SuggestionForm(
        request.POST or None, request.FILES or None, congress_id=deputy.congress_id, sessions=sessions()
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with transaction.atomic():
            suggestion = filing.suggestion_create(
                actor=user, lead_deputy=deputy, title=data["title"], body=data["body"], subject_area=data["subject_area"],
                session=data["session"], co_signers=data["co_signers"], urgent=data["urgent"],
            )  # fmt: skip
            _attach(suggestion, data.get("attachment"), user)
        messages.success(request, _("Saved as a draft. Check it, then file it; co-signers confirm first."))
        return redirect("suggestions:detail", pk=suggestion.pk)
    return render(request, "suggestions/form.html", {"form": form, "heading": _("New suggestion")})


def may_enter_for_deputies(user: User) -> bool:
    """S§13: the assigning bodies and delegations' staff enter suggestions from paper forms."""
    return is_assigning_staff(user) or user.delegations.exists()


@login_required
@refusals
def staff_entry(request: HttpRequest) -> HttpResponse:
    """Staff enter a suggestion from the deputy's paper form (S§13); recorded as such."""
    user = user_of(request)
    if not may_enter_for_deputies(user):
        raise PermissionDenied
    session = current_session()
    congress_id = session.congress_id if session else 0
    form = StaffEntryForm(
        request.POST or None, request.FILES or None, congress_id=congress_id, sessions=sessions()
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
        with transaction.atomic():
            suggestion = filing.suggestion_create(
                actor=user, lead_deputy=data["lead_deputy"], kind=data["kind"], title=data["title"], body=data["body"],
                subject_area=data["subject_area"], session=data["session"], co_signers=data["co_signers"],
                delegation_vote=vote, urgent=data["urgent"],
            )  # fmt: skip
            _attach(suggestion, data.get("attachment"), user)
        messages.success(request, _("Entered from the paper form as a draft."))
        return redirect("suggestions:detail", pk=suggestion.pk)
    heading = _("Enter a suggestion from the paper form")
    return render(request, "suggestions/form.html", {"form": form, "heading": heading})


def _attach(suggestion: Suggestion, upload: Any, user: User) -> None:
    if upload:
        Attachment.objects.create(suggestion=suggestion, file=upload, name=upload.name, uploaded_by=user)


@login_required
@refusals
def suggestion_edit(request: HttpRequest, pk: int) -> HttpResponse:
    suggestion = visible(request, pk)
    user = may_open(request, suggestion, "edit")
    initial = {
        "title": suggestion.title, "body": suggestion.body, "subject_area": suggestion.subject_area,
        "session": suggestion.session, "urgent": suggestion.urgent,
    }  # fmt: skip
    filed_under = Session.objects.filter(pk=suggestion.session_id) if suggestion.session_id else sessions()
    form = SuggestionForm(
        request.POST or None,
        request.FILES or None,
        initial=initial,
        congress_id=suggestion.congress_id,
        sessions=filed_under,
    )
    form.fields["co_signers"].disabled = True
    form.fields["session"].disabled = True
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with transaction.atomic():
            filing.suggestion_edit(
                suggestion=suggestion, actor=user, title=data["title"], body=data["body"],
                subject_area=data["subject_area"], urgent=data["urgent"],
            )  # fmt: skip
            _attach(suggestion, data.get("attachment"), user)
        messages.success(request, _("Saved."))
        return redirect("suggestions:detail", pk=pk)
    context = {"form": form, "heading": _("Edit suggestion"), "suggestion": suggestion}
    return render(request, "suggestions/form.html", context)


@login_required
@require_POST
@refusals(show=suggestion_detail)
def suggestion_submit(request: HttpRequest, pk: int) -> HttpResponse:
    filing.suggestion_submit(suggestion=visible(request, pk), actor=user_of(request))
    messages.success(request, _("Filed. It now awaits review (S§15)."))
    return redirect("suggestions:detail", pk=pk)


@login_required
@require_POST
@refusals(show=suggestion_detail)
def cosigner_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    filing.cosigner_confirm(suggestion=visible(request, pk), actor=user_of(request))
    messages.success(request, _("You confirmed the final text and co-sign it."))
    return redirect("suggestions:detail", pk=pk)


@login_required
@require_POST
@refusals(show=suggestion_detail)
def cosigner_decline(request: HttpRequest, pk: int) -> HttpResponse:
    filing.cosigner_decline(suggestion=visible(request, pk), actor=user_of(request))
    messages.success(request, _("You declined to co-sign."))
    return redirect("suggestions:detail", pk=pk)


@login_required
@require_POST
@refusals(show=suggestion_detail)
def cosigner_invite(request: HttpRequest, pk: int) -> HttpResponse:
    suggestion = visible(request, pk)
    deputies, problems = resolve_deputies(request.POST.get("names", ""), suggestion.congress_id)
    if problems:
        messages.error(request, "；".join(problems))
    else:
        filing.cosigner_invite(suggestion=suggestion, deputies=deputies, actor=user_of(request))
        messages.success(request, _("Invited."))
    return redirect("suggestions:detail", pk=pk)


@login_required
@require_POST
@refusals(show=page_of)
def cosigner_remove(request: HttpRequest, pk: int, deputy_id: int) -> HttpResponse:
    suggestion = visible(request, pk)
    row = get_object_or_404(CoSigner, suggestion=suggestion, deputy_id=deputy_id)
    filing.cosigner_remove(suggestion=suggestion, deputy=row.deputy, actor=user_of(request))
    messages.success(request, _("Invitation withdrawn."))
    return redirect("suggestions:detail", pk=pk)


@login_required
@refusals
def suggestion_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    suggestion = visible(request, pk)
    user = may_open(request, suggestion, "withdraw")
    return form_action(
        request, suggestion, WithdrawForm,
        lambda d: filing.suggestion_withdraw(suggestion=suggestion, actor=user, letter=d["letter"]),
        heading=_("Withdraw the suggestion"), success=_("The suggestion is withdrawn."),
        explanation=_("A suggestion can be withdrawn in writing by its proposer until it is replied (S§16)."),
    )  # fmt: skip
