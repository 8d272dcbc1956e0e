"""Handling pages after assignment (issue 5): the unit hears the deputy, sends its opinion,
asks for more time, drafts and signs off replies; deputies read and rate them; the committee
decides extensions and re-handling."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from congress.documents.sources import reply_source
from congress.downloads import send_file
from congress.pages import refusals
from congress.workflow import available_actions
from suggestions.forms import (
    ApproveReplyForm,
    CommunicationForm,
    ExtensionDecisionForm,
    OpinionForm,
    ReasonForm,
    RehandlingForm,
    ReplyForm,
    ReplyTemplateForm,
    WithholdForm,
)
from suggestions.models import Communication, Evaluation, ExtensionRequest, Reply, ReplyTemplate, Suggestion
from suggestions.permissions import may_see_reply
from suggestions.services import evaluation, handling
from suggestions.views.common import form_action, may_open, user_of, visible
from suggestions.views.detail import suggestion_detail, the_assignment
from suggestions.workflow.who import deputies_of, deputy_of, unit_of


@login_required
@refusals
def communicate(request: HttpRequest, assignment_id: int) -> HttpResponse:
    assignment = the_assignment(request, assignment_id)
    user = may_open(request, assignment, "communicate")
    return form_action(
        request, assignment.suggestion, partial(CommunicationForm, assignment=assignment),
        lambda d: handling.assignment_communicate(
            assignment=assignment, actor=user, date=d["date"], way=d["way"], participants=d["participants"], summary=d["summary"],
            understanding=d["understanding"], party=d.get("party") or Communication.Party.DEPUTY,
            leader_present=d.get("leader_present", False), co_units=list(d.get("co_units") or []),
        ),
        heading=_("Record a communication with the deputy"), success=_("Recorded."),
        explanation=_("Before replying, the unit hears the deputy by visit, meeting or call, and replies once it has the deputy's understanding (S§24)."),
    )  # fmt: skip


@login_required
@refusals
def send_opinion(request: HttpRequest, assignment_id: int) -> HttpResponse:
    assignment = the_assignment(request, assignment_id)
    user = may_open(request, assignment, "send_opinion")
    return form_action(
        request, assignment.suggestion, OpinionForm,
        lambda d: handling.assignment_send_opinion(assignment=assignment, actor=user, body=d["body"]),
        heading=_("Send the co-handling opinion to the lead unit"), success=_("Sent to the lead unit."),
        explanation=_("A co-handling unit sends its written opinion to the lead unit within two months of receipt; the lead unit replies for all (S§26)."),
    )  # fmt: skip


@login_required
@refusals
def request_extension(request: HttpRequest, assignment_id: int) -> HttpResponse:
    assignment = the_assignment(request, assignment_id)
    user = may_open(request, assignment, "request_extension")
    return form_action(
        request, assignment.suggestion, ReasonForm,
        lambda d: handling.assignment_request_extension(assignment=assignment, actor=user, reason=d["reason"]),
        heading=_("Ask for a three-month extension"), success=_("Sent to the assigning body for its decision."),
        explanation=_("Where a case is complicated and the reply truly cannot be given in time, the unit explains why to the assigning body before the reply is due; with its consent the period is extended by three months, once (S§28)."),
    )  # fmt: skip


@login_required
@refusals
def decide_extension(request: HttpRequest, assignment_id: int) -> HttpResponse:
    assignment = the_assignment(request, assignment_id)
    user = may_open(request, assignment, "decide_extension")
    row = get_object_or_404(ExtensionRequest, assignment=assignment)
    return form_action(
        request, assignment.suggestion, ExtensionDecisionForm,
        lambda d: handling.assignment_decide_extension(assignment=assignment, actor=user, approve=d["approve"], reason=d["reason"]),
        heading=_("Decide the extension"), success=_("Decided; the unit and, on approval, the deputies are told (S§28)."),
        explanation=_("%(unit)s asks: %(reason)s") % {"unit": assignment.unit.name, "reason": row.reason},
        back="/suggestions/objections/",
    )  # fmt: skip


@login_required
@refusals
def draft_reply(request: HttpRequest, assignment_id: int) -> HttpResponse:
    assignment = the_assignment(request, assignment_id)
    user = may_open(request, assignment, "draft_reply")
    suggestion = assignment.suggestion
    current = assignment.replies.filter(round=suggestion.reply_round).first()
    initial: dict[str, Any] = {}
    if current:
        initial = {
            f: getattr(current, f) for f in ["category", "body", "plan", "path", "completion_date", "contact"]
        }
    template_id = request.GET.get("template", "")
    if template_id.isdigit():
        template = ReplyTemplate.objects.filter(pk=template_id, unit_id=assignment.unit_id).first()
        if template:
            initial |= {"category": template.category, "body": template.body}
    form = ReplyForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        reply = handling.assignment_draft_reply(
            assignment=assignment, actor=user, category=d["category"], body=d["body"], plan=d["plan"], path=d["path"],
            completion_date=d["completion_date"], contact=d["contact"], scan=d.get("scan"),
        )  # fmt: skip
        messages.success(request, _("The draft is saved; the unit's head signs it off."))
        return redirect("suggestions:reply", reply_id=reply.pk)
    templates = ReplyTemplate.objects.filter(unit_id=assignment.unit_id)
    context = {"form": form, "s": suggestion, "assignment": assignment, "templates": templates}
    return render(request, "suggestions/reply_form.html", context)


def _visible_reply(request: HttpRequest, reply_id: int) -> Reply:
    reply = get_object_or_404(
        Reply.objects.select_related(
            "assignment__suggestion__session__congress", "assignment__unit", "drafted_by", "approved_by"
        ),
        pk=reply_id,
    )
    visible(request, reply.assignment.suggestion_id)  # 404 unless the viewer may see the suggestion
    if not may_see_reply(user_of(request), reply):
        raise Http404
    return reply


@login_required
def reply_scan(request: HttpRequest, reply_id: int) -> FileResponse:
    """The sealed scan of a signed reply (S§29), for whom the reply page shows it to; streamed
    from the storage (disk or bucket) after that check, never a public link."""
    reply = _visible_reply(request, reply_id)
    if not reply.scan:
        raise Http404
    return send_file(reply.scan, (reply.scan.name or "").rsplit("/", 1)[-1])


@login_required
def reply_page(request: HttpRequest, reply_id: int) -> HttpResponse:
    reply = _visible_reply(request, reply_id)
    user = user_of(request)
    suggestion = reply.assignment.suggestion
    deputy = deputy_of(user)
    evaluation = None
    if deputy is not None and deputy in deputies_of(suggestion):
        evaluation = Evaluation.objects.filter(
            suggestion=suggestion, deputy=deputy, round=suggestion.reply_round
        ).first()
    context = {
        "reply": reply, "s": suggestion, "assignment": reply.assignment, "letter": letter_context(reply),
        "actions": available_actions(reply, user), "suggestion_actions": available_actions(suggestion, user),
        "commitments": reply.commitments.prefetch_related("progress"), "evaluation": evaluation,
        "ratings": Evaluation.Rating.choices, "approve_form": ApproveReplyForm(), "withhold_form": WithholdForm(),
        "today": timezone.localdate(), "letter_source": reply_source(reply.pk),
    }  # fmt: skip
    return render(request, "suggestions/reply.html", context)


def letter_context(reply: Reply) -> dict[str, Any]:
    """What the prescribed reply letter (答复函) says, from the reply and its suggestion."""
    suggestion = reply.assignment.suggestion
    if suggestion.kind == Suggestion.Kind.DELEGATION and suggestion.delegation is not None:
        # S§27: every member of the delegation (and its city's SC) is answered.
        addressees = f"{suggestion.delegation.name}各位"
    else:
        addressees = "、".join(d.name for d in deputies_of(suggestion))
    return {
        "addressees": addressees,
        "date": (reply.approved_at or reply.drafted_at),
        "copy_to": reply.assignment.unit.kind == "government",
    }


@login_required
def reply_letter(request: HttpRequest, reply_id: int) -> HttpResponse:
    """The printable reply letter in the prescribed layout (S§29)."""
    reply = _visible_reply(request, reply_id)
    context = {"reply": reply, "s": reply.assignment.suggestion, "letter": letter_context(reply)}
    return render(request, "suggestions/reply_letter.html", context)


@login_required
@require_POST
@refusals(show=reply_page)
def approve_reply(request: HttpRequest, reply_id: int) -> HttpResponse:
    reply = _visible_reply(request, reply_id)
    form = ApproveReplyForm(request.POST, request.FILES)
    form.is_valid()
    handling.reply_approve(reply=reply, actor=user_of(request), scan=form.cleaned_data.get("scan"))
    messages.success(
        request,
        _("Signed off; the reply is delivered to the deputies, with copies to the committee (S§27, S§31)."),
    )
    return redirect("suggestions:reply", reply_id=reply.pk)


@login_required
@require_POST
@refusals(show=reply_page)
def withhold_reply(request: HttpRequest, reply_id: int) -> HttpResponse:
    reply = _visible_reply(request, reply_id)
    user = user_of(request)
    if request.POST.get("publish"):
        handling.reply_publish(reply=reply, actor=user)
        messages.success(request, _("The reply is public again."))
    else:
        handling.reply_withhold(reply=reply, actor=user, ground=request.POST.get("ground", ""))
        messages.success(request, _("The reply is withheld from publication; this is logged."))
    return redirect("suggestions:reply", reply_id=reply.pk)


@login_required
@require_POST
@refusals(show=suggestion_detail)
def evaluate(request: HttpRequest, pk: int) -> HttpResponse:
    """One tap from the reply: recorded at once (USERS.md)."""
    rating, comment = request.POST.get("rating", ""), request.POST.get("comment", "")
    evaluation.suggestion_evaluate(
        suggestion=visible(request, pk), actor=user_of(request), rating=rating, comment=comment
    )
    messages.success(request, _("Thank you: your evaluation is recorded."))
    return redirect(request.POST.get("next") or f"/suggestions/{pk}/")


@login_required
@refusals
def decide_rehandling(request: HttpRequest, pk: int) -> HttpResponse:
    suggestion = visible(request, pk)
    user = may_open(request, suggestion, "decide_rehandling")
    unsatisfied = suggestion.evaluations.filter(
        round=suggestion.reply_round, rating=Evaluation.Rating.UNSATISFIED
    ).select_related("deputy")
    explanation = "；".join(f"{e.deputy.name}：{e.comment or e.get_rating_display()}" for e in unsatisfied)
    return form_action(
        request, suggestion, RehandlingForm,
        lambda d: evaluation.suggestion_decide_rehandling(suggestion=suggestion, actor=user, rehandle=d["rehandle"], explanation=d["explanation"]),
        heading=_("Unsatisfied: handle again or explain"), success=_("Decided; the deputy is told (S§30)."),
        explanation=explanation,
    )  # fmt: skip


@login_required
def reply_templates(request: HttpRequest) -> HttpResponse:
    """A unit's boilerplate per reply category, so clerks do not retype it."""
    unit_id = unit_of(user_of(request))
    if unit_id is None:
        raise PermissionDenied
    form = ReplyTemplateForm(request.POST or None)
    if request.method == "POST":
        if "delete" in request.POST:
            ReplyTemplate.objects.filter(pk=request.POST["delete"], unit_id=unit_id).delete()
            messages.success(request, _("Template removed."))
            return redirect("suggestions:templates")
        if form.is_valid():
            template = form.save(commit=False)
            template.unit_id = unit_id
            template.save()
            messages.success(request, _("Template saved."))
            return redirect("suggestions:templates")
    templates = ReplyTemplate.objects.filter(unit_id=unit_id)
    return render(request, "suggestions/templates.html", {"form": form, "templates": templates})
