"""The actions posted from a motion's page: each handler parses its form and calls one service.
A refusal shows the motion's page again, the form as typed (congress.pages.refusals)."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from congress.models import User
from congress.pages import refusals
from motions import forms
from motions.checks import proposers
from motions.models import Hearing, Motion, OpinionRequest
from motions.services import filing, intake, presidium, recess, review
from motions.views.common import user_of, valid, visible_motion
from motions.views.detail import motion_detail

Handler = Callable[[HttpRequest, Motion, User], str]


def _invite(request: HttpRequest, motion: Motion, user: User) -> str:
    data = valid(forms.InviteForm(request.POST, congress_id=motion.session.congress_id))
    created = filing.motion_invite(motion=motion, actor=user, deputies=data["names"])
    return _("%(n)s co-signers invited.") % {"n": len(created)}


def _uninvite(request: HttpRequest, motion: Motion, user: User) -> str:
    signature = get_object_or_404(motion.cosignatures, pk=request.POST.get("signature"))
    filing.motion_uninvite(motion=motion, actor=user, deputy=signature.deputy)
    return _("Invitation withdrawn.")


def _attach(request: HttpRequest, motion: Motion, user: User) -> str:
    data = valid(forms.AttachmentForm(request.POST, request.FILES))
    filing.motion_attach(motion=motion, actor=user, kind=data["kind"], file=data["file"])
    return _("File attached.")


def _detach(request: HttpRequest, motion: Motion, user: User) -> str:
    attachment = get_object_or_404(motion.attachments, pk=request.POST.get("attachment"))
    filing.motion_detach(attachment=attachment, actor=user)
    return _("File removed.")


def _delegation_vote(request: HttpRequest, motion: Motion, user: User) -> str:
    data = valid(forms.DelegationVoteForm(request.POST))
    head = motion.delegation.head if motion.delegation and data["head_signed"] else None
    filing.motion_update(
        motion=motion,
        actor=user,
        plenary_date=data["plenary_date"],
        member_count=data["member_count"],
        votes_for=data["votes_for"],
        head_signed_by=head,
    )
    return _("The delegation's vote is recorded.")


def _confirm(request: HttpRequest, motion: Motion, user: User) -> str:
    filing.motion_confirm(motion=motion, actor=user)
    return _("You co-signed the motion.")


def _decline(request: HttpRequest, motion: Motion, user: User) -> str:
    filing.motion_decline(motion=motion, actor=user)
    return _("You declined to co-sign.")


def _submit(request: HttpRequest, motion: Motion, user: User) -> str:
    motion = filing.motion_submit(motion=motion, actor=user)
    return _("Motion filed as %(number)s.") % {"number": motion.number_label}


def _refile(request: HttpRequest, motion: Motion, user: User) -> str:
    data = valid(forms.RefileForm(request.POST))
    filing.motion_refile_as_suggestion(motion=motion, actor=user, subject_area=data["subject_area"])
    return _("The text is now a draft suggestion; the co-signers are asked to confirm it.")


def _withdraw(request: HttpRequest, motion: Motion, user: User) -> str:
    data = valid(forms.ReasonForm(request.POST))
    presidium.motion_withdraw(motion=motion, actor=user, reason=data["reason"])
    return _("The motion is withdrawn.")


def _consent_withdrawal(request: HttpRequest, motion: Motion, user: User) -> str:
    data = valid(forms.ConsentWithdrawalForm(request.POST))
    presidium.motion_withdraw(
        motion=motion, actor=user, reason=data["reason"], consented_at=data["consented_at"]
    )
    return _("The motion is withdrawn with the presidium's consent.")


def _classify(request: HttpRequest, motion: Motion, user: User) -> str:
    data = valid(forms.ClassifyForm(request.POST))
    intake.motion_classify(motion=motion, actor=user, **data)
    return _("Classification saved.")


def _request_opinion(request: HttpRequest, motion: Motion, user: User) -> str:
    # Any body parses; the service says which it may be where the motion stands (M§17, M§25).
    data = valid(forms.OpinionRequestForm(request.POST, intake=False))
    intake.motion_request_opinion(motion=motion, actor=user, body=data["body"], question=data["question"])
    return _("Opinion requested from %(body)s.") % {"body": data["body"]}


def _record_opinion(request: HttpRequest, motion: Motion, user: User) -> str:
    data = valid(forms.OpinionAnswerForm(request.POST))
    opinion = get_object_or_404(OpinionRequest, pk=data["opinion"], motion=motion)
    intake.opinion_record(opinion=opinion, actor=user, text=data["text"])
    return _("Opinion recorded.")


def _send_to_review(request: HttpRequest, motion: Motion, user: User) -> str:
    intake.motion_send_to_review(motion=motion, actor=user)
    return _("Sent to the motion-review committee.")


def _recommend(request: HttpRequest, motion: Motion, user: User) -> str:
    data = valid(forms.RecommendForm(request.POST, session=motion.session))
    review.motion_recommend(motion=motion, actor=user, **data)
    return _("Recommendation recorded.")


def _merge(request: HttpRequest, motion: Motion, user: User) -> str:
    data = valid(forms.MergeForm(request.POST, motion=motion))
    review.motion_merge(motion=motion, actor=user, **data)
    return _("Merged into %(number)s.") % {"number": data["into"].number_label}


def _decide(request: HttpRequest, motion: Motion, user: User) -> str:
    data = valid(forms.DecideForm(request.POST))
    presidium.motion_decide(motion=motion, actor=user, **data)
    return _("The presidium's decision is recorded.")


def _reconsider(request: HttpRequest, motion: Motion, user: User) -> str:
    data = valid(forms.ReconsiderationRequestForm(request.POST, proposers=proposers(motion)))
    presidium.motion_request_reconsideration(
        motion=motion, actor=user, signers=data["signers"], reason=data["reason"]
    )
    return _("The reconsideration request is filed with the presidium.")


def _answer(request: HttpRequest, motion: Motion, user: User) -> str:
    data = valid(forms.ReconsiderationAnswerForm(request.POST))
    pending = get_object_or_404(motion.reconsiderations, pk=data.pop("reconsideration"))
    presidium.motion_answer_reconsideration(reconsideration=pending, actor=user, **data)
    return _("The presidium's answer is recorded.")


def _hearing(kind: str) -> Handler:
    def handle(request: HttpRequest, motion: Motion, user: User) -> str:
        data = valid(forms.HearingForm(request.POST, proposers=proposers(motion), kind=kind))
        recess.motion_record_hearing(motion=motion, actor=user, kind=kind, **data)
        return _("Meeting recorded; the proposers are invited.")

    return handle


def _outcome(request: HttpRequest, motion: Motion, user: User) -> str:
    data = valid(forms.OutcomeForm(request.POST))
    presidium.motion_record_outcome(motion=motion, actor=user, **data)
    return _("The plenary's decision is recorded.")


def _not_to_vote(request: HttpRequest, motion: Motion, user: User) -> str:
    data = valid(forms.NotToVoteForm(request.POST))
    presidium.motion_not_to_vote(motion=motion, actor=user, **data)
    return _("The presidium's decision is recorded.")


def _responsible(request: HttpRequest, motion: Motion, user: User) -> str:
    data = valid(forms.ResponsiblePersonForm(request.POST, motion=motion))
    recess.motion_name_responsible(motion=motion, actor=user, person=data["person"])
    return _("%(person)s is responsible for the motion.") % {"person": data["person"]}


def _distribute(request: HttpRequest, motion: Motion, user: User) -> str:
    data = valid(forms.NextSessionForm(request.POST))
    sent = recess.motion_distribute(motion=motion, actor=user, **data)
    return _("Sent to %(session)s.") % {"session": sent.session.name}


def _submit_to_next_session(request: HttpRequest, motion: Motion, user: User) -> str:
    data = valid(forms.NextSessionForm(request.POST))
    sent = recess.motion_submit_to_next_session(motion=motion, actor=user, **data)
    return _("Submitted to %(session)s.") % {"session": sent.session.name}


def _report(request: HttpRequest, motion: Motion, user: User) -> str:
    data = valid(forms.ReportForm(request.POST, request.FILES))
    recess.motion_submit_report(motion=motion, actor=user, **data)
    return _("The report is submitted.")


def _conclude(request: HttpRequest, motion: Motion, user: User) -> str:
    data = valid(forms.ConcludeForm(request.POST))
    recess.motion_conclude(motion=motion, actor=user, **data)
    return _("The SC's conclusion is recorded and published.")


# The page's actions by the name in their URL (motions:act).
ACTIONS: dict[str, Handler] = {
    "refile-as-suggestion": _refile,
    "invite": _invite,
    "uninvite": _uninvite,
    "attach": _attach,
    "detach": _detach,
    "delegation-vote": _delegation_vote,
    "confirm": _confirm,
    "decline": _decline,
    "submit": _submit,
    "withdraw": _withdraw,
    "consent-withdrawal": _consent_withdrawal,
    "classify": _classify,
    "request-opinion": _request_opinion,
    "record-opinion": _record_opinion,
    "send-to-review": _send_to_review,
    "recommend": _recommend,
    "merge": _merge,
    "decide": _decide,
    "request-reconsideration": _reconsider,
    "answer-reconsideration": _answer,
    "deliberate": _hearing(Hearing.Kind.DELIBERATION),
    "hearing": _hearing(Hearing.Kind.RECESS_HEARING),
    "sc-meeting": _hearing(Hearing.Kind.SC_MEETING),
    "record-outcome": _outcome,
    "not-to-vote": _not_to_vote,
    "responsible-person": _responsible,
    "meet": _hearing(Hearing.Kind.FACE_TO_FACE),
    "report": _report,
    "conclude": _conclude,
    "distribute": _distribute,
    "submit-to-next-session": _submit_to_next_session,
}


@login_required
@require_POST
@refusals(show=motion_detail)
def motion_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    handler = ACTIONS.get(action)
    if handler is None:
        raise Http404
    motion = visible_motion(request, pk)
    messages.success(request, handler(request, motion, user_of(request)))
    return redirect(reverse("motions:detail", args=[motion.pk]) + f"#{action}")
