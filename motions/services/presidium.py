"""The presidium (M§18–M§21, D§11), as the secretariat records it: the review report passed,
each motion's decision, the proposers' reconsideration requests and their answers, withdrawal,
the plenary's vote."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from congress.errors import DomainError
from congress.models import Organisation, Session, User
from congress.workflow import Step
from deputies.models import Deputy
from motions import notices
from motions.checks import proposers, report_not_adopted
from motions.models import Motion, PlenaryResult, PresidiumDecision, Reconsideration, ReviewReport
from motions.selectors import report_clock
from motions.services.common import check_review_body, lock, move, record, require_role
from motions.workflow import MOTION, REPORT_CLOCK, Status, revisions
from suggestions.models import Suggestion
from suggestions.services.filing import DelegationVote, suggestion_create_accepted

DECISION_STATUS = {
    PresidiumDecision.Kind.AGENDA: Status.ON_AGENDA,
    PresidiumDecision.Kind.RECESS_REVIEW: Status.REFERRED,
    PresidiumDecision.Kind.AS_SUGGESTION: Status.CONVERTED,
}


def review_report_approve(*, session: Session, actor: User, approved_at: dt.datetime) -> int:
    """The presidium passes the review report (M§19): each recommended motion is decided as
    the committee recommended. Returns how many motions were decided."""
    require_role(actor, MOTION.action("decide").roles)
    with transaction.atomic():
        report = ReviewReport.objects.select_for_update().filter(session=session).first()
        if report is None or report.adopted_at is None:
            raise report_not_adopted()
        if report.approved_at:
            raise DomainError(
                "review_report_already_approved", _("The presidium has already passed the report.")
            )
        report.approved_at = approved_at
        report.approved_by = actor
        report.save(update_fields=["approved_at", "approved_by"])
        decided = 0
        recommended = Motion.objects.filter(
            session=session, status__in=MOTION.sources("decide")
        ).select_related("recommendation")
        for motion in recommended.order_by("number"):
            recommendation = motion.recommendation
            motion_decide(
                motion=motion,
                actor=actor,
                kind=recommendation.kind,
                body=recommendation.body,
                decided_at=approved_at,
                note=_("As the review report recommends"),
            )
            decided += 1
        notices.report_distributed(session)
    return decided


def motion_decide(
    *,
    motion: Motion,
    actor: User,
    kind: str,
    decided_at: dt.datetime,
    body: Organisation | None = None,
    note: str = "",
) -> PresidiumDecision:
    """Record the presidium's decision: on the agenda (M§20), referred for review in recess
    with the 6-month report clock (M§23), or handled as a suggestion (M§18(3))."""
    with transaction.atomic():
        motion = lock(motion)
        target = _decision_target(kind)
        step = MOTION.require("decide", motion, actor, target=target)
        return _apply_decision(motion, step, actor, kind, decided_at, body, note)


def _decision_target(kind: str) -> Status:
    try:
        return DECISION_STATUS[PresidiumDecision.Kind(kind)]
    except (ValueError, KeyError):
        raise DomainError("invalid", _("Unknown decision."), status=400) from None


def _as_suggestion(motion: Motion, actor: User) -> Suggestion:
    """M§18(3): the motion is handled as a suggestion, entering that workflow accepted, with
    its proposers as the suggestion's deputies (they signed its final text).

    A delegation's motion becomes a suggestion of the delegation (S§2, S§14), signed by its
    head with the vote of its plenary meeting, so that every member and the city's SC get the
    reply (S§27); not a single deputy's suggestion of its head. The proposers of the motions
    merged into it (M§18) stay its proposers: its co-signers."""
    signers = proposers(motion)
    lead = motion.lead_deputy or motion.head_signed_by or (signers[0] if signers else None)
    if lead is None:
        raise DomainError("invalid_transition", _("The motion names no deputy to file the suggestion."))
    delegation, vote = None, None
    if motion.kind == Motion.Kind.DELEGATION:
        delegation = motion.delegation
        vote = DelegationVote(motion.member_count or 0, motion.votes_for or 0, head_signed=True)
    with translation.override(settings.LANGUAGE_CODE):
        body = "\n\n".join(
            f"{label}：{text}"
            for label, text in [
                (pgettext("motion", "Reason"), motion.reason),
                (pgettext("motion", "Grounds"), motion.grounds),
                (pgettext("motion", "Solution"), motion.solution),
            ]
            if text
        )
        note = _("Motion %(number)s handled as a suggestion by the presidium's decision (M§18)") % {
            "number": motion.number_label
        }
    return suggestion_create_accepted(
        session=motion.session, lead_deputy=lead, co_signers=[d for d in signers if d.pk != lead.pk],
        title=motion.title, body=body, subject_area=None, actor=actor, note=note, delegation=delegation,
        delegation_vote=vote,
    )  # fmt: skip


def _apply_decision(
    motion: Motion,
    step: Step,
    actor: User,
    kind: str,
    decided_at: dt.datetime,
    body: Organisation | None,
    note: str,
) -> PresidiumDecision:
    """Move the motion to the decision and start or stop what it brings: the linked suggestion
    (M§18(3)), the reviewing body and the report clock of the state it enters (M§23)."""
    fields = ["review_body", "report_due", "report_due_provisional"]
    if step.target == Status.CONVERTED:
        motion.converted_to = _as_suggestion(motion, actor)
        fields.append("converted_to")
    if REPORT_CLOCK in MOTION.states[step.target].clocks:
        motion.review_body = check_review_body(body)
        clock = report_clock(motion.session)
        motion.report_due, motion.report_due_provisional = clock.due, clock.provisional
    else:
        body = None
        motion.review_body, motion.report_due, motion.report_due_provisional = None, None, False
    decision = PresidiumDecision.objects.create(
        motion=motion, kind=kind, body=body, decided_at=decided_at, note=note, recorded_by=actor
    )
    move(
        motion,
        step,
        actor,
        fields=fields,
        note=note,
        data={"decision": kind, "body": body.name if body else "", "report_due": _iso(motion.report_due)},
    )
    notices.decided(motion, str(decision.get_kind_display()), body.name if body else "", motion.report_due)
    return decision


def _iso(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


def motion_request_reconsideration(
    *, motion: Motion, actor: User, signers: Iterable[Deputy], reason: str
) -> Reconsideration:
    """Proposers object to the review report (M§19): two thirds or more of them, in writing,
    no later than four hours before the presidium's last meeting (the table's guard). The
    proposers of the motions merged into this one are among them, counted once each (M§18)."""
    with transaction.atomic():
        motion = lock(motion)
        MOTION.require("request_reconsideration", motion, actor)
        all_proposers = {d.pk: d for d in proposers(motion)}
        chosen = {d.pk: d for d in signers}
        if set(chosen) - set(all_proposers):
            raise DomainError(
                "reconsideration_signer_not_proposer",
                _("Only the motion's proposers sign a reconsideration request (M§19)."),
                status=400,
            )
        if len(chosen) * 3 < len(all_proposers) * 2:
            raise DomainError(
                "reconsideration_needs_two_thirds",
                _(
                    "%(signed)s of %(total)s proposers signed: a reconsideration request needs two thirds or more of them (M§19)."
                )
                % {"signed": len(chosen), "total": len(all_proposers)},
            )
        request = Reconsideration.objects.create(
            motion=motion,
            reason=reason,
            requested_at=timezone.now(),
            requested_by=actor,
            proposers_total=len(all_proposers),
        )
        request.signers.set(chosen.values())
        record(motion, actor, "request_reconsideration", note=reason, data={"signers": len(chosen)})
    return request


def motion_answer_reconsideration(
    *,
    reconsideration: Reconsideration,
    actor: User,
    outcome: str,
    answer: str,
    answered_at: dt.datetime,
    kind: str = "",
    body: Organisation | None = None,
) -> Reconsideration:
    """The presidium reconsiders and decides; the answer goes to the proposers (M§19). Upheld,
    the motion stays where it is; revised, it moves to the new decision the table allows from
    where it stands (its handling has not begun elsewhere)."""
    with transaction.atomic():
        motion = lock(reconsideration.motion)
        request = Reconsideration.objects.select_for_update().get(pk=reconsideration.pk)
        # Who may answer, and whether a request awaits an answer: staying where it stands (upheld)
        # is a move the table has from every source; a revision is required with its target below.
        step = MOTION.require("answer_reconsideration", motion, actor, target=motion.status)
        if request.answered_at:
            raise DomainError(
                "reconsideration_answered", _("The presidium has already answered this request.")
            )
        if outcome not in Reconsideration.Outcome.values or not answer.strip():
            raise DomainError("invalid", _("Record the outcome and the presidium's answer."), status=400)
        revised = outcome == Reconsideration.Outcome.REVISED
        if revised:
            target = _decision_target(kind)
            if target not in revisions(motion.status):
                raise DomainError(
                    "reconsideration_revision_not_possible",
                    _("A motion that is “%(status)s” cannot be moved to “%(target)s” by a reconsideration.")
                    % {"status": Status(motion.status).label, "target": target.label},
                )
            step = MOTION.require("answer_reconsideration", motion, actor, target=target)
        request.outcome, request.answer = outcome, answer
        request.answered_at, request.answered_by = answered_at, actor
        request.save(update_fields=["outcome", "answer", "answered_at", "answered_by"])
        if revised:
            _apply_decision(motion, step, actor, kind, answered_at, body, answer)
        else:
            record(motion, actor, step.action.name, note=answer, data={"outcome": outcome})
        notices.reconsideration_answered(motion, str(request.get_outcome_display()), answer)
    return request


def motion_withdraw(
    *, motion: Motion, actor: User, reason: str, consented_at: dt.datetime | None = None
) -> Motion:
    """The proposers withdraw their motion in writing. Once it is on the agenda only the
    presidium's consent ends its deliberation (D§11): the secretariat records the withdrawal
    with the date of the presidium's meeting that consented."""
    with transaction.atomic():
        motion = lock(motion)
        if motion.status not in MOTION.sources("withdraw_with_consent"):
            step = MOTION.require("withdraw", motion, actor)
        elif consented_at is None:
            raise DomainError(
                "withdrawal_needs_presidium_consent",
                _("The motion is on the agenda: it is withdrawn only with the presidium's consent (D§11)."),
            )
        else:
            step = MOTION.require("withdraw_with_consent", motion, actor)
            PresidiumDecision.objects.create(
                motion=motion,
                kind=PresidiumDecision.Kind.WITHDRAWAL_CONSENT,
                decided_at=consented_at,
                note=reason,
                recorded_by=actor,
            )
        move(motion, step, actor, note=reason)
        notices.status_changed(motion, str(Status(step.target).label), reason)
    return motion


def motion_not_to_vote(
    *, motion: Motion, actor: User, decided_at: dt.datetime, note: str = ""
) -> PresidiumDecision:
    """The presidium decides not to put a motion on the agenda to the plenary vote (M§20: 由主席团
    决定是否提请大会全体会议表决). Nothing in the measures carries it further: its deliberation
    ends with the session. A motion with major questions to study goes instead to the SC by the
    plenary's authorization (M§21), recorded as the plenary's outcome."""
    with transaction.atomic():
        motion = lock(motion)
        step = MOTION.require("not_to_vote", motion, actor)
        decision = PresidiumDecision.objects.create(
            motion=motion,
            kind=PresidiumDecision.Kind.NOT_TO_VOTE,
            decided_at=decided_at,
            note=note,
            recorded_by=actor,
        )
        move(motion, step, actor, note=note, data={"decision": decision.kind})
        notices.status_changed(motion, str(Status(step.target).label), note)
    return decision


def motion_record_outcome(
    *,
    motion: Motion,
    actor: User,
    outcome: str,
    voted_at: dt.datetime,
    votes_for: int | None = None,
    votes_against: int | None = None,
    abstentions: int | None = None,
    note: str = "",
) -> PlenaryResult:
    """The plenary adopted or rejected the motion (M§20), or authorized the SC (M§21)."""
    with transaction.atomic():
        motion = lock(motion)
        if outcome not in PlenaryResult.Outcome.values:
            raise DomainError("invalid", _("Unknown outcome."), status=400)
        step = MOTION.require("record_outcome", motion, actor, target=outcome)
        result = PlenaryResult.objects.create(
            motion=motion,
            outcome=outcome,
            voted_at=voted_at,
            votes_for=votes_for,
            votes_against=votes_against,
            abstentions=abstentions,
            note=note,
            recorded_by=actor,
        )
        move(motion, step, actor, note=note, data={"outcome": outcome})
        notices.outcome(motion, str(result.get_outcome_display()))
    return result
