"""A motion's page: its text, signatures, history, and the form of every action the user may
take on it now (the table's `available_actions`)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import pgettext_lazy

from congress.workflow import available_actions
from motions import forms
from motions.checks import deputy_of, filing_closed, own_proposers, proposers
from motions.models import Hearing, Motion, ReviewMeeting
from motions.selectors import confirmed_signers, merge_label, report_deadline
from motions.services.filing import motion_submit_refusal
from motions.signing import MIN_SIGNERS
from motions.views.common import user_of, visible_motion
from motions.views.lists import status_tone
from motions.workflow import MOTION, Status


@login_required
def motion_detail(request: HttpRequest, pk: int, action: str | None = None) -> HttpResponse:
    """`action` names the page action a refused post came from (congress.pages.refusals): its
    form is shown again as it was typed."""
    motion = visible_motion(request, pk)
    user = user_of(request)
    actions = available_actions(motion, user)
    deputy = deputy_of(user)
    signatures = list(motion.cosignatures.select_related("deputy__delegation"))
    my_signature = next((s for s in signatures if deputy and s.deputy_id == deputy.pk), None)
    motion_proposers = proposers(motion) if motion.number else []
    context: dict[str, Any] = {
        "motion": motion,
        "actions": actions,
        "refused": action,
        "numbers": merge_label(motion) if motion.number else motion.number_label,
        "tone": status_tone(motion.status),
        "signatures": signatures,
        "signed": confirmed_signers(motion),
        "needed": MIN_SIGNERS,
        # The submit button is enabled only when filing can succeed, and says why not.
        "submit_refusal": motion_submit_refusal(motion=motion) if "submit" in actions else None,
        "my_signature": my_signature,
        "my_signature_current": bool(my_signature and my_signature.confirmed_version == motion.text_version),
        # The text is still open for signatures (M§12); after filing, who did not confirm did not sign.
        "collecting": motion.status in MOTION.sources("confirm"),
        "proposers": motion_proposers,
        # Its own co-signers; the proposers of motions merged into it are proposers too (M§18).
        "co_signed": len(own_proposers(motion)) - 1 if motion.number else 0,
        "attachments": motion.attachments.all(),
        "events": [_event(e) for e in motion.events.select_related("actor")],
        "opinions": motion.opinions.select_related("body"),
        "recommendation": getattr(motion, "recommendation", None),
        "decisions": motion.decisions.select_related("body"),
        "reconsiderations": motion.reconsiderations.prefetch_related("signers"),
        "hearings": motion.hearings.select_related("body").prefetch_related("attended_by"),
        "plenary_result": getattr(motion, "plenary_result", None),
        "recess_report": getattr(motion, "recess_report", None),
        "conclusion": getattr(motion, "conclusion", None),
        "next_session_report": getattr(motion, "next_session_report", None),
        "merged_into": motion.merged_into,
        "deadline": report_deadline(motion),
        "deadline_done": not MOTION.running_clocks(motion),
        # A draft the deadline caught (M§13): the page says so to everyone who sees it.
        "late": motion.status in MOTION.sources("submit") and filing_closed(motion.session) is not None,
    }
    context.update(_forms(request, motion, actions, motion_proposers, action))
    return render(request, "motions/detail.html", context)


EVENT_LABELS = {
    "create": pgettext_lazy("motion event", "Draft created"),
    "edit": pgettext_lazy("motion event", "Text edited"),
    "attach": pgettext_lazy("motion event", "File attached"),
    "detach": pgettext_lazy("motion event", "File removed"),
    "invite": pgettext_lazy("motion event", "Co-signers invited"),
    "uninvite": pgettext_lazy("motion event", "Invitation withdrawn"),
    "confirm": pgettext_lazy("motion event", "Co-signed"),
    "decline": pgettext_lazy("motion event", "Declined to co-sign"),
    "submit": pgettext_lazy("motion event", "Filed"),
    "classify": pgettext_lazy("motion event", "Classified"),
    "request_opinion": pgettext_lazy("motion event", "Opinion requested"),
    "record_opinion": pgettext_lazy("motion event", "Opinion received"),
    "send_to_review": pgettext_lazy("motion event", "Sent to the review committee"),
    "recommend": pgettext_lazy("motion event", "Recommendation recorded"),
    "merge": pgettext_lazy("motion event", "Merged into another motion"),
    "absorb": pgettext_lazy("motion event", "Another motion merged into this one"),
    "decide": pgettext_lazy("motion event", "Presidium decision"),
    "request_reconsideration": pgettext_lazy("motion event", "Reconsideration requested"),
    "answer_reconsideration": pgettext_lazy("motion event", "Reconsideration answered"),
    "withdraw": pgettext_lazy("motion event", "Withdrawn"),
    "withdraw_with_consent": pgettext_lazy("motion event", "Withdrawn with the presidium's consent"),
    "deliberate": pgettext_lazy("motion event", "Deliberation meeting"),
    "record_outcome": pgettext_lazy("motion event", "Plenary decision"),
    "hearing": pgettext_lazy("motion event", "Meeting with the proposers"),
    "sc_meeting": pgettext_lazy("motion event", "SC meeting"),
    "report": pgettext_lazy("motion event", "Report submitted"),
    "conclude": pgettext_lazy("motion event", "Concluded by the SC"),
    "not_to_vote": pgettext_lazy("motion event", "Not put to the vote by the presidium"),
    "name_responsible": pgettext_lazy("motion event", "Responsible person named"),
    "meet": pgettext_lazy("motion event", "Face-to-face meeting with the proposers"),
    "distribute": pgettext_lazy("motion event", "Sent to the next session"),
    "submit_to_next_session": pgettext_lazy("motion event", "Submitted to the next session"),
    "report_due_recomputed": pgettext_lazy("motion event", "Report due date recomputed on the new calendar"),
    "refile_as_suggestion": pgettext_lazy("motion event", "Refiled as a suggestion"),
}


def _event(event: Any) -> dict[str, Any]:
    def label(status: str) -> str:
        return str(Status(status).label) if status in Status.values else ""

    return {
        "at": event.at,
        "actor": event.actor,
        "label": EVENT_LABELS.get(event.action, event.action),
        "moved": event.from_status != event.to_status,
        "from": label(event.from_status),
        "to": label(event.to_status),
        "note": event.note,
        "who": ", ".join(str(d) for d in (event.data.get("deputies") or []))
        or event.data.get("deputy", "")
        or event.data.get("person", ""),
    }


def _forms(
    request: HttpRequest, motion: Motion, actions: list[str], motion_proposers: list[Any], refused: str | None
) -> dict[str, Any]:
    """A form for each action the user may take now; the one whose post was refused is bound
    to what was posted, so it shows as typed, with its errors."""

    def posted(page_action: str) -> Any:
        return request.POST if page_action == refused else None

    def uploaded(page_action: str) -> Any:
        return request.FILES if page_action == refused else None

    now = timezone.localtime().replace(second=0, microsecond=0)
    recommendation = getattr(motion, "recommendation", None)
    built: dict[str, Any] = {}
    if "refile_as_suggestion" in actions:
        built["refile_form"] = forms.RefileForm(posted("refile-as-suggestion"))
    if "invite" in actions:
        built["invite_form"] = forms.InviteForm(posted("invite"), congress_id=motion.session.congress_id)
    if "edit" in actions:
        built["attachment_form"] = forms.AttachmentForm(posted("attach"), uploaded("attach"))
        if motion.kind == Motion.Kind.DELEGATION:
            built["vote_form"] = forms.DelegationVoteForm(posted("delegation-vote"), initial=_vote(motion))
    if "withdraw" in actions:
        built["withdraw_form"] = forms.ReasonForm(posted("withdraw"))
    if "request_reconsideration" in actions:
        built["reconsider_form"] = forms.ReconsiderationRequestForm(
            posted("request-reconsideration"), proposers=motion_proposers
        )
    if "classify" in actions:
        built["classify_form"] = forms.ClassifyForm(
            posted("classify"),
            initial={
                "category": motion.category,
                "subject_body": motion.subject_body_id,
                "preliminary_opinion": motion.preliminary_opinion,
            },
        )
    if "request_opinion" in actions:
        built["opinion_form"] = forms.OpinionRequestForm(posted("request-opinion"), intake=True)
    if "recommend" in actions:
        built["recommend_form"] = forms.RecommendForm(
            posted("recommend"),
            session=motion.session,
            initial={
                "meeting": ReviewMeeting.objects.filter(session=motion.session).order_by("-number").first(),
                "kind": recommendation.kind if recommendation else None,
                "body": recommendation.body_id if recommendation else motion.subject_body_id,
            },
        )
    if "merge" in actions:
        built["merge_form"] = forms.MergeForm(posted("merge"), motion=motion)
    if "decide" in actions:
        built["decide_form"] = forms.DecideForm(
            posted("decide"),
            initial={
                "kind": recommendation.kind if recommendation else None,
                "body": recommendation.body_id if recommendation else None,
                "decided_at": now,
            },
        )
    if "answer_reconsideration" in actions:
        pending = motion.reconsiderations.filter(answered_at__isnull=True).first()
        built["answer_form"] = forms.ReconsiderationAnswerForm(
            posted("answer-reconsideration"),
            initial={"reconsideration": pending.pk if pending else None, "answered_at": now},
        )
    if "withdraw_with_consent" in actions:
        built["consent_form"] = forms.ConsentWithdrawalForm(
            posted("consent-withdrawal"), initial={"consented_at": now}
        )
    meetings = {
        "deliberate": ("deliberation_form", Hearing.Kind.DELIBERATION),
        "hearing": ("hearing_form", Hearing.Kind.RECESS_HEARING),
        "meet": ("meet_form", Hearing.Kind.FACE_TO_FACE),
        "sc_meeting": ("sc_form", Hearing.Kind.SC_MEETING),
    }
    for name, (key, kind) in meetings.items():
        if name in actions:
            built[key] = forms.HearingForm(
                posted(name.replace("_", "-")),
                proposers=motion_proposers,
                kind=kind,
                initial={"held_at": now},
            )
    if "record_outcome" in actions:
        built["outcome_form"] = forms.OutcomeForm(posted("record-outcome"), initial={"voted_at": now})
    if "not_to_vote" in actions:
        built["not_to_vote_form"] = forms.NotToVoteForm(posted("not-to-vote"), initial={"decided_at": now})
    if "name_responsible" in actions:
        built["responsible_form"] = forms.ResponsiblePersonForm(
            posted("responsible-person"), motion=motion, initial={"person": motion.responsible_person_id}
        )
    if "body_opinion" in actions:
        built["body_opinion_form"] = forms.OpinionRequestForm(posted("request-opinion"), intake=False)
    if "report" in actions:
        built["report_form"] = forms.ReportForm(posted("report"), uploaded("report"))
    if "conclude" in actions:
        built["conclude_form"] = forms.ConcludeForm(posted("conclude"), initial={"sc_meeting_on": now.date()})
    if "distribute" in actions:
        built["distribute_form"] = forms.NextSessionForm(
            posted("distribute"), initial={"sent_on": now.date()}
        )
    if "submit_to_next_session" in actions:
        built["next_session_form"] = forms.NextSessionForm(
            posted("submit-to-next-session"), initial={"sent_on": now.date()}
        )
    if motion.opinions.filter(answered_at__isnull=True).exists():
        built["opinion_answer_form"] = forms.OpinionAnswerForm()
    return built


def _vote(motion: Motion) -> dict[str, Any]:
    """What the delegation's vote form starts from: as recorded, the members counted if not yet."""
    members = motion.member_count
    if members is None and motion.delegation:
        members = motion.delegation.deputies.filter(status="active").count()
    return {
        "plenary_date": motion.plenary_date,
        "member_count": members,
        "votes_for": motion.votes_for,
        "head_signed": bool(motion.head_signed_by_id),
    }
