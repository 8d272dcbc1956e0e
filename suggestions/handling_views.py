"""Pages of handling after assignment (issue 5): the unit hears the deputy, sends opinions,
asks for more time, drafts and signs off replies; deputies read and rate them; the committee
decides extensions, re-handling, key handling and arranges deputies' requests."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from congress.errors import DomainError
from congress.roles import Role
from suggestions.forms import (
    ApproveReplyForm,
    ArrangeForm,
    CommunicationForm,
    ExtensionDecisionForm,
    KeyForm,
    OpinionForm,
    ProgressForm,
    ReasonForm,
    RehandlingForm,
    ReplyForm,
    ReplyTemplateForm,
    SupervisionRequestForm,
    WithholdForm,
)
from suggestions.models import (
    Commitment,
    Evaluation,
    ExtensionRequest,
    Reply,
    ReplyTemplate,
    SupervisionRequest,
)
from suggestions.services import follow_up, handling
from suggestions.views import _attempt, _form_action, _staff_only, _unit_assignment, _user, _visible
from suggestions.workflow import Status
from suggestions.workflow.who import deputies_of, is_assigning_staff, unit_of, unit_staff


@login_required
def communicate(request: HttpRequest, assignment_id: int) -> HttpResponse:
    assignment = _unit_assignment(request, assignment_id)
    return _form_action(
        request, assignment.suggestion, CommunicationForm,
        lambda d: handling.assignment_communicate(
            assignment=assignment, actor=_user(request), date=d["date"], way=d["way"], participants=d["participants"], summary=d["summary"]
        ),
        heading=_("Record a communication with the deputy"), success=_("Recorded."),
        explanation=_("Before replying, the unit hears the deputy by visit, meeting or call, and replies once it has the deputy's understanding (S§24)."),
    )  # fmt: skip


@login_required
def send_opinion(request: HttpRequest, assignment_id: int) -> HttpResponse:
    assignment = _unit_assignment(request, assignment_id)
    return _form_action(
        request, assignment.suggestion, OpinionForm,
        lambda d: handling.assignment_send_opinion(assignment=assignment, actor=_user(request), body=d["body"]),
        heading=_("Send the co-handling opinion to the lead unit"), success=_("Sent to the lead unit."),
        explanation=_("A co-handling unit sends its written opinion to the lead unit within two months of receipt; the lead unit replies for all (S§26)."),
    )  # fmt: skip


@login_required
def request_extension(request: HttpRequest, assignment_id: int) -> HttpResponse:
    assignment = _unit_assignment(request, assignment_id)
    return _form_action(
        request, assignment.suggestion, ReasonForm,
        lambda d: handling.assignment_request_extension(assignment=assignment, actor=_user(request), reason=d["reason"]),
        heading=_("Ask for a three-month extension"), success=_("Sent to the assigning body for its decision."),
        explanation=_("Where a case is complicated and the reply truly cannot be given in time, the unit explains why to the assigning body before the reply is due; with its consent the period is extended by three months, once (S§28)."),
    )  # fmt: skip


@login_required
def decide_extension(request: HttpRequest, assignment_id: int) -> HttpResponse:
    row = get_object_or_404(
        ExtensionRequest.objects.select_related("assignment__suggestion", "assignment__unit"),
        assignment_id=assignment_id,
    )
    user = _staff_only(request, row.assignment.suggestion)
    return _form_action(
        request, row.assignment.suggestion, ExtensionDecisionForm,
        lambda d: handling.assignment_decide_extension(assignment=row.assignment, actor=user, approve=d["approve"], reason=d["reason"]),
        heading=_("Decide the extension"), success=_("Decided; the unit and, on approval, the deputies are told (S§28)."),
        explanation=_("%(unit)s asks: %(reason)s") % {"unit": row.assignment.unit.name, "reason": row.reason},
        back="/suggestions/objections/",
    )  # fmt: skip


@login_required
def draft_reply(request: HttpRequest, assignment_id: int) -> HttpResponse:
    assignment = _unit_assignment(request, assignment_id)
    user = _user(request)
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
        try:
            reply = handling.assignment_draft_reply(
                assignment=assignment, actor=user, category=d["category"], body=d["body"], plan=d["plan"], path=d["path"],
                completion_date=d["completion_date"], contact=d["contact"], scan=d.get("scan"),
            )  # fmt: skip
        except DomainError as error:
            form.add_error(None, str(error.detail))
        else:
            messages.success(request, _("The draft is saved; the unit's head signs it off."))
            return redirect("suggestions:reply", reply_id=reply.pk)
    templates = ReplyTemplate.objects.filter(unit_id=assignment.unit_id)
    return render(
        request,
        "suggestions/reply_form.html",
        {"form": form, "s": suggestion, "assignment": assignment, "templates": templates},
    )


def _visible_reply(request: HttpRequest, reply_id: int) -> Reply:
    reply = get_object_or_404(
        Reply.objects.select_related(
            "assignment__suggestion__session__congress", "assignment__unit", "drafted_by", "approved_by"
        ),
        pk=reply_id,
    )
    _visible(request, reply.assignment.suggestion_id)  # 404 unless the viewer may see the suggestion
    user = _user(request)
    if reply.status == Reply.Status.DRAFT and not (
        unit_staff(reply.assignment, user) or is_assigning_staff(user)
    ):
        raise Http404  # a draft is the unit's own until signed off
    if unit_of(user) and not is_assigning_staff(user) and not unit_staff(reply.assignment, user):
        raise Http404  # another unit's reply
    return reply


@login_required
def reply_page(request: HttpRequest, reply_id: int) -> HttpResponse:
    reply = _visible_reply(request, reply_id)
    user = _user(request)
    suggestion = reply.assignment.suggestion
    deputy = getattr(user, "deputy", None)
    evaluation = None
    may_evaluate = False
    if deputy is not None and deputy in deputies_of(suggestion):
        evaluation = Evaluation.objects.filter(
            suggestion=suggestion, deputy=deputy, round=suggestion.reply_round
        ).first()
        may_evaluate = (
            suggestion.status == Status.REPLIED
            and evaluation is None
            and reply.status == Reply.Status.APPROVED
        )
    unit_user = unit_staff(reply.assignment, user)
    context = {
        "reply": reply, "s": suggestion, "assignment": reply.assignment, "letter": letter_context(reply),
        "commitments": reply.commitments.prefetch_related("progress"), "evaluation": evaluation,
        "may_evaluate": may_evaluate, "ratings": Evaluation.Rating.choices,
        "may_approve": unit_user and reply.status == Reply.Status.DRAFT and user.has_role(Role.UNIT_HEAD) and reply.drafted_by_id != user.pk,
        "may_edit": unit_user and reply.status == Reply.Status.DRAFT,
        "may_withhold": reply.status == Reply.Status.APPROVED and (unit_user or is_assigning_staff(user)),
        "unit_user": unit_user, "approve_form": ApproveReplyForm(), "withhold_form": WithholdForm(),
        "today": timezone.localdate(),
    }  # fmt: skip
    return render(request, "suggestions/reply.html", context)


def letter_context(reply: Reply) -> dict[str, Any]:
    """What the prescribed reply letter (答复函) says, from the reply and its suggestion."""
    suggestion = reply.assignment.suggestion
    names = [d.name for d in deputies_of(suggestion)]
    return {
        "addressees": "、".join(names),
        "date": (reply.approved_at or reply.drafted_at),
        "copy_to": reply.assignment.unit.kind == "government",
    }


@login_required
def reply_letter(request: HttpRequest, reply_id: int) -> HttpResponse:
    """The printable reply letter in the prescribed layout (S§29)."""
    reply = _visible_reply(request, reply_id)
    return render(
        request,
        "suggestions/reply_letter.html",
        {"reply": reply, "s": reply.assignment.suggestion, "letter": letter_context(reply)},
    )


@login_required
@require_POST
def approve_reply(request: HttpRequest, reply_id: int) -> HttpResponse:
    reply = _visible_reply(request, reply_id)
    form = ApproveReplyForm(request.POST, request.FILES)
    form.is_valid()
    _attempt(
        request, lambda: handling.reply_approve(reply=reply, actor=_user(request), scan=form.cleaned_data.get("scan")),
        _("Signed off; the reply is delivered to the deputies, with copies to the committee (S§27, S§31)."),
    )  # fmt: skip
    return redirect("suggestions:reply", reply_id=reply.pk)


@login_required
@require_POST
def withhold_reply(request: HttpRequest, reply_id: int) -> HttpResponse:
    reply = _visible_reply(request, reply_id)
    user = _user(request)
    if request.POST.get("publish"):
        _attempt(
            request, lambda: handling.reply_publish(reply=reply, actor=user), _("The reply is public again.")
        )
    else:
        ground = request.POST.get("ground", "")
        _attempt(
            request,
            lambda: handling.reply_withhold(reply=reply, actor=user, ground=ground),
            _("The reply is withheld from publication; this is logged."),
        )
    return redirect("suggestions:reply", reply_id=reply.pk)


@login_required
@require_POST
def evaluate(request: HttpRequest, pk: int) -> HttpResponse:
    """One tap from the reply: recorded at once (USERS.md)."""
    suggestion = _visible(request, pk)
    rating, comment = request.POST.get("rating", ""), request.POST.get("comment", "")
    _attempt(
        request, lambda: handling.suggestion_evaluate(suggestion=suggestion, actor=_user(request), rating=rating, comment=comment),
        _("Thank you: your evaluation is recorded."),
    )  # fmt: skip
    return redirect(request.POST.get("next") or f"/suggestions/{pk}/")


@login_required
def decide_rehandling(request: HttpRequest, pk: int) -> HttpResponse:
    suggestion = _visible(request, pk)
    user = _staff_only(request, suggestion)
    unsatisfied = suggestion.evaluations.filter(
        round=suggestion.reply_round, rating=Evaluation.Rating.UNSATISFIED
    ).select_related("deputy")
    explanation = "；".join(f"{e.deputy.name}：{e.comment or e.get_rating_display()}" for e in unsatisfied)
    return _form_action(
        request, suggestion, RehandlingForm,
        lambda d: handling.suggestion_decide_rehandling(suggestion=suggestion, actor=user, rehandle=d["rehandle"], explanation=d["explanation"]),
        heading=_("Unsatisfied: handle again or explain"), success=_("Decided; the deputy is told (S§30)."),
        explanation=explanation,
    )  # fmt: skip


@login_required
def mark_key(request: HttpRequest, pk: int) -> HttpResponse:
    suggestion = _visible(request, pk)
    user = _user(request)
    if not (user.has_role(Role.COMMITTEE_STAFF) or user.is_superuser):
        raise PermissionDenied
    return _form_action(
        request, suggestion, KeyForm,
        lambda d: follow_up.suggestion_mark_key(suggestion=suggestion, actor=user, **d),
        heading=_("Key handling and supervision"), success=_("Recorded as a key suggestion."),
        explanation=_("Key suggestions concern the province's central work, the SC's key tasks, or major matters raised by many deputies (S§34). Session suggestions are approved by the chairpersons' meeting (S§35); recess ones go by the through-train (S§36)."),
    )  # fmt: skip


@login_required
def ask(request: HttpRequest, pk: int) -> HttpResponse:
    suggestion = _visible(request, pk)
    return _form_action(
        request, suggestion, SupervisionRequestForm,
        lambda d: follow_up.supervision_request(suggestion=suggestion, actor=_user(request), kind=d["kind"], message=d["message"]),
        heading=_("Ask about progress or meet the unit's head"), success=_("Sent to the committee, which contacts the unit for you (S§44)."),
        explanation=_("Deputies may ask the handling unit about progress, or meet the unit's head; the committee arranges it (S§44)."),
    )  # fmt: skip


@login_required
def arrange(request: HttpRequest, request_id: int) -> HttpResponse:
    row = get_object_or_404(SupervisionRequest.objects.select_related("suggestion", "deputy"), pk=request_id)
    user = _staff_only(request)
    return _form_action(
        request, row.suggestion, ArrangeForm,
        lambda d: follow_up.supervision_arrange(request=row, actor=user, arrangement=d["arrangement"]),
        heading=_("Arrange the deputy's request"), success=_("The deputy is told."),
        explanation=f"{row.deputy.name}（{row.get_kind_display()}）：{row.message}", back="/suggestions/objections/",
    )  # fmt: skip


@login_required
def commitment_progress(request: HttpRequest, commitment_id: int) -> HttpResponse:
    commitment = get_object_or_404(
        Commitment.objects.select_related("reply__assignment__suggestion", "reply__assignment__unit"),
        pk=commitment_id,
    )
    if not unit_staff(commitment.reply.assignment, _user(request)):
        raise Http404
    return _form_action(
        request, commitment.reply.assignment.suggestion, ProgressForm,
        lambda d: follow_up.commitment_progress(commitment=commitment, actor=_user(request), text=d["text"], done=d["done"]),
        heading=_("Report progress on a commitment"), success=_("Reported; the deputy and the committee are told (S§32)."),
        explanation=commitment.text, back=f"/suggestions/replies/{commitment.reply_id}/",
    )  # fmt: skip


@login_required
def reply_templates(request: HttpRequest) -> HttpResponse:
    """A unit's boilerplate per reply category, so clerks do not retype it."""
    user = _user(request)
    unit_id = unit_of(user)
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
    return render(
        request,
        "suggestions/templates.html",
        {"form": form, "templates": ReplyTemplate.objects.filter(unit_id=unit_id)},
    )
