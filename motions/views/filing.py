"""Drafting a motion and editing its text (M§8, M§12)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from congress.models import Session
from congress.pages import refusals
from congress.roles import Role
from motions import forms
from motions.models import Kind
from motions.services.filing import TEXT_FIELDS, motion_create, motion_update
from motions.views.common import user_of, visible_motion
from motions.workflow import DEPUTIES, MOTION


def _filing_session() -> Session | None:
    """The session motions are drafted for: the next one whose deadline has not passed."""
    return (
        Session.objects.select_related("congress")
        .filter(motion_deadline__gt=timezone.now())
        .order_by("motion_deadline")
        .first()
    )


@login_required
@refusals
def motion_new(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    if not (user.is_superuser or user.has_role(*DEPUTIES)):
        raise PermissionDenied
    session = _filing_session()
    form = forms.MotionForm(request.POST or None)
    delegations = list(user.delegations.all())
    if not delegations:
        form.fields["kind"].choices = [(Kind.JOINT.value, Kind.JOINT.label)]  # type: ignore[attr-defined]
    deputies_choice = None
    if user.has_role(Role.DELEGATION_STAFF) and delegations:
        deputies_choice = [
            d for delegation in delegations for d in delegation.deputies.filter(status="active")
        ]
    if request.method == "POST" and form.is_valid() and session:
        data = form.cleaned_data
        lead = None
        if data["kind"] == Kind.JOINT and deputies_choice is not None and request.POST.get("lead_deputy"):
            lead = next((d for d in deputies_choice if str(d.pk) == request.POST["lead_deputy"]), None)
        motion = motion_create(
            session=session,
            actor=user,
            kind=data["kind"],
            title=data["title"],
            reason=data["reason"],
            grounds=data["grounds"],
            solution=data["solution"],
            category=data["category"],
            regulation_action=data["regulation_action"],
            lead_deputy=lead,
            delegation=delegations[0] if data["kind"] == Kind.DELEGATION else None,
        )
        messages.success(request, _("The draft is saved. Invite the co-signers next."))
        return redirect("motions:detail", pk=motion.pk)
    return render(
        request,
        "motions/form.html",
        {"form": form, "session": session, "deputies_choice": deputies_choice, "creating": True},
    )


@login_required
@refusals
def motion_edit(request: HttpRequest, pk: int) -> HttpResponse:
    motion = visible_motion(request, pk)
    # The form opens only for whom the table lets edit (M§12: the lead deputy, or the delegation
    # staff who entered it); delegation staff read their deputies' drafts but do not edit them
    # (issue 14). The status is the service's to refuse, in place.
    if not MOTION.may_act(MOTION.action("edit"), motion, user_of(request)):
        raise PermissionDenied
    initial = {f: getattr(motion, f) for f in ("kind", *TEXT_FIELDS)}
    form = forms.MotionForm(request.POST or None, initial=initial)
    form.fields["kind"].disabled = True
    if request.method == "POST" and form.is_valid():
        changes = {f: form.cleaned_data[f] for f in TEXT_FIELDS}
        motion_update(motion=motion, actor=user_of(request), **changes)
        if motion.cosignatures.exists():
            messages.warning(
                request, _("The text changed: every co-signer must read and confirm it again (M§12).")
            )
        return redirect("motions:detail", pk=motion.pk)
    return render(request, "motions/form.html", {"form": form, "motion": motion, "session": motion.session})
