"""Writes of handling a suggestion, after assignment (WORKFLOWS.md §2, issue 5): hearing the
deputies, co units' opinions, the one extension, replies signed off and delivered, the
deputies' evaluation, re-handling, commitments, key suggestions and supervision.

Like services.py: one function per transition, the row locked, the workflow table checked,
clocks recomputed, history written, people told after the commit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from congress.deadlines.calendar import deadline
from congress.deadlines.statutory import CO_OPINION, REHANDLING, REPLY, REPLY_EXTENSION, policy_rule
from congress.errors import DomainError
from congress.models import Organisation, User
from congress.roles import Role
from deputies.models import Deputy
from suggestions import notices
from suggestions.models import (
    Assignment,
    Commitment,
    CommitmentProgress,
    Communication,
    CoOpinion,
    Evaluation,
    ExtensionRequest,
    KeyNote,
    KeySuggestion,
    RehandlingDecision,
    Reply,
    Suggestion,
    SupervisionRequest,
    WithheldGround,
)
from suggestions.services import (
    _event,
    _locked,
    _locked_assignment,
    _move,
    _move_assignment,
    _require,
    in_portal_language,
)
from suggestions.workflow import ASSIGNMENT, AssignmentStatus, Status
from suggestions.workflow import Role as UnitRole
from suggestions.workflow.who import is_assigning_staff, unit_staff

MAX_SCAN = 20 * 1024 * 1024


def _unit_user(actor: User, assignment: Assignment) -> None:
    _require(unit_staff(assignment, actor))


# --- Hearing the deputies (S§24) and co units' opinions (S§26) -----------------------------------


def assignment_communicate(
    *, assignment: Assignment, actor: User, date: dt.date, way: str, participants: str, summary: str
) -> Communication:
    """Record a visit, meeting, call or online exchange with the deputies (S§24)."""
    if way not in Communication.Way.values:
        raise DomainError(
            "invalid_way", _("Choose how you communicated: visit, meeting, call or online."), status=400
        )
    if not summary.strip():
        raise DomainError(
            "summary_required", _("Say briefly what was discussed with the deputy."), status=400
        )
    if date > timezone.localdate():
        raise DomainError("date_in_future", _("A communication is recorded after it took place."), status=400)
    with transaction.atomic():
        assignment = _locked_assignment(assignment)
        _unit_user(actor, assignment)
        if assignment.status not in ASSIGNMENT.open_statuses:
            raise DomainError("invalid_status", _("This assignment is finished."))
        if date < assignment.assigned_on:
            raise DomainError(
                "date_before_assignment", _("The date is before the suggestion was assigned."), status=400
            )
        row = Communication.objects.create(
            assignment=assignment, date=date, way=way, participants=participants.strip() or actor.get_full_name(),
            summary=summary.strip(), recorded_by=actor,
        )  # fmt: skip
        _event(
            assignment.suggestion,
            actor=actor,
            action="communicate",
            assignment=assignment,
            note=in_portal_language(lambda: f"{row.get_way_display()}：{row.summary}"),
        )
    return row


def assignment_send_opinion(*, assignment: Assignment, actor: User, body: str) -> CoOpinion:
    """A co unit's written opinion to the lead unit, within two months of receipt (S§26)."""
    if not body.strip():
        raise DomainError("opinion_required", _("Write the opinion for the lead unit."), status=400)
    with transaction.atomic():
        assignment = _locked_assignment(assignment)
        _unit_user(actor, assignment)
        if assignment.role != UnitRole.CO:
            raise DomainError(
                "not_a_co_unit", _("Only a co-handling unit sends an opinion to the lead unit (S§26).")
            )
        opinion = CoOpinion.objects.create(
            assignment=assignment, body=body.strip(), sent_by=actor, sent_at=timezone.now()
        )
        _move_assignment(assignment, "send_opinion", actor=actor, note=body.strip()[:200])
    notices.on_commit(notices.co_opinion_sent, assignment.pk)
    return opinion


def co_opinions_pending(assignment: Assignment, today: dt.date) -> list[Assignment]:
    """Co units whose opinion is neither in nor past its two-month window (S§26)."""
    waiting = []
    for co in assignment.suggestion.assignments.filter(
        role=UnitRole.CO, status__in=[AssignmentStatus.PENDING, AssignmentStatus.HANDLING]
    ):
        if deadline(CO_OPINION, co.assigned_on).due >= today:
            waiting.append(co)
    return waiting


# --- The one extension (S§28) ---------------------------------------------------------------------


def assignment_request_extension(*, assignment: Assignment, actor: User, reason: str) -> ExtensionRequest:
    """Complicated cases only: once, with reasons, before the reply is due (S§28)."""
    if not reason.strip():
        raise DomainError(
            "reason_required", _("Explain why the reply cannot be given in time (S§28)."), status=400
        )
    with transaction.atomic():
        assignment = _locked_assignment(assignment)
        _unit_user(actor, assignment)
        if assignment.role == UnitRole.CO or assignment.status not in {
            AssignmentStatus.PENDING,
            AssignmentStatus.HANDLING,
            AssignmentStatus.OBJECTED,
        }:
            raise DomainError("invalid_status", _("Only a unit that owes the reply can ask for more time."))
        if hasattr(assignment, "extension_request") or assignment.extended:
            raise DomainError(
                "extension_already_used", _("The reply period can be extended only once (S§28).")
            )
        due = deadline(REPLY, assignment.assigned_on)
        if due.is_over(timezone.now()):
            raise DomainError(
                "extension_too_late",
                _("An extension is asked for before the reply is due; it was due on %(due)s (S§28).")
                % {"due": due.due.isoformat()},
            )
        row = ExtensionRequest.objects.create(
            assignment=assignment, reason=reason.strip(), requested_by=actor, requested_at=timezone.now()
        )
        _event(
            assignment.suggestion,
            actor=actor,
            action="request_extension",
            assignment=assignment,
            note=reason.strip(),
        )
    notices.on_commit(notices.extension_requested, row.pk)
    return row


def assignment_decide_extension(
    *, assignment: Assignment, actor: User, approve: bool, reason: str
) -> Assignment:
    """The assigning body approves (the reply is due at start + 6 months) or refuses (S§28)."""
    with transaction.atomic():
        assignment = _locked_assignment(assignment)
        _require(is_assigning_staff(actor, assignment.suggestion))
        row = ExtensionRequest.objects.select_for_update().filter(assignment=assignment).first()
        if row is None or row.approved is not None:
            raise DomainError("no_extension_request", _("There is no extension request awaiting a decision."))
        now = timezone.now()
        row.approved, row.decision_reason, row.decided_by, row.decided_at = (
            approve,
            reason.strip(),
            actor,
            now,
        )
        row.save(update_fields=["approved", "decision_reason", "decided_by", "decided_at"])
        if approve:
            extended = deadline(REPLY, assignment.assigned_on, extension=REPLY_EXTENSION.period)
            assignment.extended, assignment.reply_due = True, extended.due
            assignment.provisional = assignment.provisional or extended.provisional
            assignment.save(update_fields=["extended", "reply_due", "provisional"])
        action = "extension_approved" if approve else "extension_refused"
        _event(assignment.suggestion, actor=actor, action=action, assignment=assignment, note=reason.strip())
    notices.on_commit(notices.extension_decided, row.pk)
    return assignment


# --- Replies (S§25, S§27, S§29, S§31) ------------------------------------------------------------


def check_scan(upload: File | None) -> None:
    """The sealed scan is a PDF of reasonable size: checked by its bytes, not its name."""
    if upload is None:
        return
    if (upload.size or 0) > MAX_SCAN:
        raise DomainError("scan_invalid", _("The scan is larger than 20 MB."), status=400)
    head = upload.read(5)
    upload.seek(0)
    if head != b"%PDF-":
        raise DomainError("scan_invalid", _("The sealed scan must be a PDF file."), status=400)


def assignment_draft_reply(
    *,
    assignment: Assignment,
    actor: User,
    category: str,
    body: str,
    plan: str = "",
    path: str = "",
    completion_date: dt.date | None = None,
    contact: str = "",
    scan: File | None = None,
) -> Reply:
    """The clerk drafts (or redrafts) the reply of the current round. The unit must have heard
    the deputy (S§24); a lead unit waits for its co units' opinions (S§26)."""
    if category not in Reply.Category.values:
        raise DomainError("reply_incomplete", _("Choose the reply's category: A, B or C (S§25)."), status=400)
    if not body.strip():
        raise DomainError("reply_incomplete", _("Write the reply."), status=400)
    if category == Reply.Category.B and not (plan.strip() and path.strip() and completion_date):
        raise DomainError(
            "reply_incomplete",
            _("A category-B reply states the plan, the path and the completion date (S§25(2))."),
            status=400,
        )
    check_scan(scan)
    with transaction.atomic():
        assignment = _locked_assignment(assignment)
        _unit_user(actor, assignment)
        if assignment.role == UnitRole.CO:
            raise DomainError(
                "not_a_replying_unit",
                _("A co-handling unit sends its opinion to the lead unit, which replies (S§26)."),
            )
        if assignment.status not in {
            AssignmentStatus.PENDING,
            AssignmentStatus.HANDLING,
            AssignmentStatus.REHANDLING,
        }:
            raise DomainError("invalid_status", _("This assignment cannot be replied to now."))
        if not assignment.communications.exists():
            raise DomainError(
                "no_communication_recorded",
                _("Record at least one communication with the deputy before replying (S§24)."),
            )
        if assignment.role == UnitRole.LEAD and (
            waiting := co_opinions_pending(assignment, timezone.localdate())
        ):
            raise DomainError(
                "co_opinions_pending",
                _(
                    "The lead unit replies once every co unit's opinion is in or its two months have passed (S§26): waiting for %(units)s."
                )
                % {"units": "、".join(co.unit.name for co in waiting)},
            )
        round_ = assignment.suggestion.reply_round
        reply = Reply.objects.filter(assignment=assignment, round=round_).select_for_update().first()
        if reply and reply.status == Reply.Status.APPROVED:
            raise DomainError("reply_already_approved", _("This reply is signed off already."))
        fields: dict[str, Any] = {
            "category": category, "body": body.strip(), "plan": plan.strip() if category == "B" else "",
            "path": path.strip() if category == "B" else "", "completion_date": completion_date if category == "B" else None,
            "contact": contact.strip(), "drafted_by": actor, "drafted_at": timezone.now(),
        }  # fmt: skip
        if reply is None:
            reply = Reply(assignment=assignment, round=round_, **fields)
        else:
            for name, value in fields.items():
                setattr(reply, name, value)
        if scan is not None:
            reply.scan = scan
        reply.save()
        _event(
            assignment.suggestion,
            actor=actor,
            action="draft_reply",
            assignment=assignment,
            note=in_portal_language(reply.get_category_display),
        )
    notices.on_commit(notices.reply_drafted, reply.pk)
    return reply


def reply_approve(*, reply: Reply, actor: User, scan: File | None = None) -> Reply:
    """The unit's head signs off the reply with the sealed scan (S§29); it is delivered to the
    deputies and copied to the committee and, for government units, the general office (S§27,
    S§31). The suggestion is replied once every required reply is in."""
    check_scan(scan)
    with transaction.atomic():
        reply = (
            Reply.objects.select_for_update()
            .select_related("assignment__suggestion", "assignment__unit")
            .get(pk=reply.pk)
        )
        assignment = _locked_assignment(reply.assignment)
        _unit_user(actor, assignment)
        if not actor.has_role(Role.UNIT_HEAD):
            raise DomainError(
                "head_approval_required",
                _("A reply is signed off by the head of the unit (S§29)."),
                status=403,
            )
        if reply.drafted_by_id == actor.pk:
            raise DomainError(
                "second_person_required",
                _("The reply is signed off by someone other than its drafter (S§29)."),
                status=403,
            )
        if reply.status == Reply.Status.APPROVED:
            raise DomainError("reply_already_approved", _("This reply is signed off already."))
        if scan is not None:
            reply.scan = scan
        if not reply.scan:
            raise DomainError(
                "scan_required",
                _("Attach the sealed scan of the signed reply (PDF) before signing off (S§29)."),
                status=400,
            )
        now = timezone.now()
        reply.status, reply.approved_by, reply.approved_at = Reply.Status.APPROVED, actor, now
        reply.save()
        _move_assignment(
            assignment,
            "reply",
            actor=actor,
            note=in_portal_language(reply.get_category_display),
            replied_at=now,
            closed_at=now,
        )
        if reply.category == Reply.Category.B and reply.completion_date:
            Commitment.objects.create(reply=reply, text=reply.plan, promised_date=reply.completion_date)
        _complete_if_all_replied(assignment.suggestion, actor)
    notices.on_commit(notices.reply_delivered, reply.pk)
    return reply


def _complete_if_all_replied(suggestion: Suggestion, actor: User) -> None:
    """Replied when no unit that owes a reply (sole, split, lead) is still open."""
    suggestion = _locked(suggestion)
    owing = suggestion.assignments.filter(status__in=ASSIGNMENT.open_statuses).exclude(role=UnitRole.CO)
    if owing.exists() or suggestion.status not in {Status.ASSIGNED, Status.REHANDLING}:
        return
    now = timezone.now()
    window = deadline(policy_rule("evaluation"), timezone.localdate(now))
    # Co units are done once the lead replied for all (S§26).
    for co in suggestion.assignments.select_for_update().filter(
        role=UnitRole.CO, status__in=ASSIGNMENT.open_statuses
    ):
        if co.status != AssignmentStatus.OBJECTED:
            _move_assignment(co, "lead_replied", actor=actor, replied_at=now, closed_at=now)
    _move(suggestion, "reply", actor=actor, replied_at=now, evaluation_due=window.due)


def reply_withhold(*, reply: Reply, actor: User, ground: str) -> Reply:
    """Keep a reply off the public page, with an S§33 ground; logged."""
    if ground not in WithheldGround.values:
        raise DomainError("ground_required", _("Choose why the reply is not published (S§33)."), status=400)
    return _set_public(reply, actor, public=False, ground=ground)


def reply_publish(*, reply: Reply, actor: User) -> Reply:
    return _set_public(reply, actor, public=True, ground="")


def _set_public(reply: Reply, actor: User, *, public: bool, ground: str) -> Reply:
    with transaction.atomic():
        reply = Reply.objects.select_for_update().select_related("assignment__suggestion").get(pk=reply.pk)
        _require(unit_staff(reply.assignment, actor) or is_assigning_staff(actor))
        reply.public, reply.withheld_ground = public, ground
        reply.save(update_fields=["public", "withheld_ground"])
        note = in_portal_language(lambda: str(WithheldGround(ground).label)) if ground else ""
        _event(
            reply.assignment.suggestion,
            actor=actor,
            action="publish_reply" if public else "withhold_reply",
            assignment=reply.assignment,
            note=note,
        )
    return reply


# --- Evaluation and re-handling (S§30) ---------------------------------------------------------


def suggestion_evaluate(*, suggestion: Suggestion, actor: User, rating: str, comment: str = "") -> Evaluation:
    """Each deputy rates the reply, once per round. An unsatisfied rating goes to the
    committee; once every deputy rated and none is unsatisfied, the suggestion closes."""
    from suggestions.workflow.who import deputies_of

    if rating not in Evaluation.Rating.values:
        raise DomainError(
            "invalid_rating", _("Choose satisfied, basically satisfied or unsatisfied."), status=400
        )
    deputy = getattr(actor, "deputy", None)
    with transaction.atomic():
        suggestion = _locked(suggestion)
        deputies = deputies_of(suggestion)
        if deputy is None or deputy not in deputies:
            raise DomainError("permission_denied", status=403)
        if suggestion.status != Status.REPLIED:
            raise DomainError("invalid_status", _("Only a replied suggestion is evaluated."))
        if Evaluation.objects.filter(
            suggestion=suggestion, deputy=deputy, round=suggestion.reply_round
        ).exists():
            raise DomainError("already_evaluated", _("You have already evaluated this reply."))
        row = Evaluation.objects.create(
            suggestion=suggestion,
            deputy=deputy,
            round=suggestion.reply_round,
            rating=rating,
            comment=comment.strip(),
            created=timezone.now(),
        )
        _event(
            suggestion,
            actor=actor,
            action="evaluate",
            note=in_portal_language(
                lambda: f"{row.get_rating_display()}{('：' + row.comment) if row.comment else ''}"
            ),
        )
        ratings = list(
            Evaluation.objects.filter(suggestion=suggestion, round=suggestion.reply_round).values_list(
                "rating", flat=True
            )
        )
        if len(ratings) >= len(deputies) and Evaluation.Rating.UNSATISFIED not in ratings:
            _move(suggestion, "close", actor=actor, note=_("every deputy evaluated the reply"))
    if rating == Evaluation.Rating.UNSATISFIED:
        notices.on_commit(notices.unsatisfied, row.pk)
    return row


def suggestion_decide_rehandling(
    *,
    suggestion: Suggestion,
    actor: User,
    rehandle: bool,
    explanation: str,
    units: Sequence[Organisation] = (),
) -> RehandlingDecision:
    """After an unsatisfied rating the committee orders re-handling within one month, or
    explains to the deputy and closes (S§30)."""
    if not explanation.strip():
        raise DomainError("reason_required", _("Explain the decision to the deputy (S§30)."), status=400)
    with transaction.atomic():
        suggestion = _locked(suggestion)
        if not actor.has_role(Role.COMMITTEE_STAFF) and not actor.is_superuser:
            raise DomainError("permission_denied", status=403)
        if suggestion.status != Status.REPLIED:
            raise DomainError("invalid_status", _("Only a replied suggestion can be handled again."))
        if not suggestion.evaluations.filter(
            round=suggestion.reply_round, rating=Evaluation.Rating.UNSATISFIED
        ).exists():
            raise DomainError(
                "no_unsatisfied_rating", _("Re-handling follows an unsatisfied evaluation (S§30).")
            )
        now = timezone.now()
        decision = RehandlingDecision.objects.create(
            suggestion=suggestion, round=suggestion.reply_round, rehandle=rehandle, explanation=explanation.strip(),
            decided_by=actor, decided_at=now,
        )  # fmt: skip
        if rehandle:
            today = timezone.localdate(now)
            clock = deadline(REHANDLING, today)
            replied = (
                suggestion.assignments.select_for_update()
                .filter(status=AssignmentStatus.REPLIED)
                .exclude(role=UnitRole.CO)
            )
            if units:
                replied = replied.filter(unit__in=units)
            for assignment in replied:
                _move_assignment(
                    assignment, "rehandle", actor=actor, note=explanation.strip(), rehandling_on=today,
                    rehandling_due=clock.due, closed_at=None,
                )  # fmt: skip
            _move(
                suggestion,
                "decide_rehandling",
                target=Status.REHANDLING,
                event="rehandle",
                actor=actor,
                note=explanation.strip(),
                reply_round=suggestion.reply_round + 1,
                evaluation_due=None,
            )
        else:
            _event(suggestion, actor=actor, action="explain", note=explanation.strip())
            _move(
                suggestion,
                "decide_rehandling",
                target=Status.CLOSED,
                event="close",
                actor=actor,
                note=explanation.strip(),
            )
    notices.on_commit(notices.rehandling_decided, decision.pk)
    return decision


def suggestions_close_after_evaluation_window(today: dt.date) -> int:
    """The evaluation window passed (S§30): replied suggestions close, unless an unsatisfied
    rating awaits the committee's decision. One indexed query (sugg_evaluation_open)."""
    closed = 0
    for pk in Suggestion.objects.filter(status=Status.REPLIED, evaluation_due__lt=today).values_list(
        "pk", flat=True
    ):
        with transaction.atomic():
            suggestion = Suggestion.objects.select_for_update().get(pk=pk)
            waiting = suggestion.evaluations.filter(
                round=suggestion.reply_round, rating=Evaluation.Rating.UNSATISFIED
            ).exists()
            if suggestion.status != Status.REPLIED or waiting:
                continue
            _move(suggestion, "close", actor=None, note=_("the evaluation window passed"))
            closed += 1
    return closed


# --- Commitments (S§32) ------------------------------------------------------------------------


def commitment_add(*, reply: Reply, actor: User, text: str, promised_date: dt.date) -> Commitment:
    _require(unit_staff(reply.assignment, actor))
    if reply.category != Reply.Category.B or reply.status != Reply.Status.APPROVED:
        raise DomainError("invalid_status", _("Commitments belong to a signed-off category-B reply (S§32)."))
    if not text.strip():
        raise DomainError("text_required", _("Describe the promised action."), status=400)
    return Commitment.objects.create(reply=reply, text=text.strip(), promised_date=promised_date)


def commitment_progress(
    *, commitment: Commitment, actor: User, text: str, done: bool = False
) -> CommitmentProgress:
    """The unit reports progress; the deputies and the committee are told (S§32)."""
    if not text.strip():
        raise DomainError("text_required", _("Describe the progress."), status=400)
    with transaction.atomic():
        commitment = (
            Commitment.objects.select_for_update()
            .select_related("reply__assignment__suggestion")
            .get(pk=commitment.pk)
        )
        _require(unit_staff(commitment.reply.assignment, actor))
        if commitment.done_on:
            raise DomainError("commitment_done", _("This commitment is already fulfilled."))
        row = CommitmentProgress.objects.create(
            commitment=commitment, text=text.strip(), done=done, reported_by=actor, reported_at=timezone.now()
        )
        if done:
            commitment.done_on = timezone.localdate()
            commitment.save(update_fields=["done_on"])
        _event(
            commitment.reply.assignment.suggestion,
            actor=actor,
            action="commitment_progress",
            assignment=commitment.reply.assignment,
            note=text.strip(),
        )
    notices.on_commit(notices.commitment_progress, row.pk)
    return row


# --- Key suggestions (S§34–S§42) ------------------------------------------------------------------


def suggestion_mark_key(
    *,
    suggestion: Suggestion,
    actor: User,
    ground: int,
    grounds_text: str,
    supervising_body: Organisation | None = None,
    supervising_leader: str = "",
    leading_official: str = "",
    approved_on: dt.date | None = None,
) -> KeySuggestion:
    """Staff propose a key suggestion with its grounds (S§34); session suggestions need the
    chairpersons' meeting (S§35), recess ones go by the through-train (S§36); the supervising
    body, leader and leading official are named (S§39)."""
    if ground not in KeySuggestion.Ground.values or not grounds_text.strip():
        raise DomainError("grounds_required", _("State the grounds for key handling (S§34)."), status=400)
    if supervising_body is not None and supervising_body.kind not in {
        Organisation.Kind.SPECIAL_COMMITTEE,
        Organisation.Kind.WORKING_BODY,
    }:
        raise DomainError(
            "invalid_supervisor",
            _("A special committee or a working body of the SC supervises (S§39)."),
            status=400,
        )
    with transaction.atomic():
        suggestion = _locked(suggestion)
        if not (actor.has_role(Role.COMMITTEE_STAFF) or actor.is_superuser):
            raise DomainError("permission_denied", status=403)
        if suggestion.status in {
            Status.DRAFT,
            Status.NOT_ACCEPTED,
            Status.MERGED,
            Status.WITHDRAWN,
            Status.CLOSED,
        }:
            raise DomainError("invalid_status", _("This suggestion cannot be handled as a key suggestion."))
        channel = (
            KeySuggestion.Channel.SESSION if suggestion.session_id else KeySuggestion.Channel.THROUGH_TRAIN
        )
        key, created = KeySuggestion.objects.update_or_create(
            suggestion=suggestion,
            defaults={
                "ground": ground, "grounds_text": grounds_text.strip(), "channel": channel,
                "supervising_body": supervising_body, "supervising_leader": supervising_leader.strip(),
                "leading_official": leading_official.strip(), "approved_on": approved_on,
                "proposed_by": actor, "proposed_at": timezone.now(),
            },
        )  # fmt: skip
        _event(
            suggestion,
            actor=actor,
            action="mark_key" if created else "key_approved",
            note=in_portal_language(key.get_channel_display),
        )
    return key


def key_note(*, key: KeySuggestion, actor: User, kind: str, text: str) -> KeyNote:
    """A supervisor's comment (S§40), or the unit's handling report after the reply (S§41)."""
    if not text.strip():
        raise DomainError("text_required", _("Write the text."), status=400)
    suggestion = key.suggestion
    if kind == KeyNote.Kind.COMMENT:
        _require(actor.has_role(Role.SUPERVISOR) and actor.organisation_id == key.supervising_body_id)
    elif kind == KeyNote.Kind.REPORT:
        _require(
            suggestion.assignments.filter(
                unit_id=actor.unit_id_for_work() or 0, status=AssignmentStatus.REPLIED
            ).exists()
        )
    else:
        raise DomainError("invalid_kind", _("unknown note"), status=400)
    with transaction.atomic():
        note = KeyNote.objects.create(
            key=key, kind=kind, text=text.strip(), author=actor, created=timezone.now()
        )
        _event(
            suggestion,
            actor=actor,
            action="supervisor_comment" if kind == KeyNote.Kind.COMMENT else "key_report",
            note=text.strip(),
        )
    notices.on_commit(notices.key_note_added, note.pk)
    return note


# --- Supervision (S§44) -------------------------------------------------------------------------


def supervision_request(
    *, suggestion: Suggestion, actor: User, kind: str, message: str
) -> SupervisionRequest:
    """A deputy asks, through the committee, about progress or to meet the unit's head (S§44)."""
    from suggestions.workflow.who import deputies_of

    if kind not in SupervisionRequest.Kind.values:
        raise DomainError("invalid_kind", _("Ask about progress or ask to meet the unit's head."), status=400)
    deputy: Deputy | None = getattr(actor, "deputy", None)
    if deputy is None or deputy not in deputies_of(suggestion):
        raise DomainError("permission_denied", status=403)
    if suggestion.status not in {Status.ASSIGNED, Status.REPLIED, Status.REHANDLING}:
        raise DomainError("invalid_status", _("Ask once the suggestion is assigned."))
    with transaction.atomic():
        row = SupervisionRequest.objects.create(
            suggestion=suggestion, deputy=deputy, kind=kind, message=message.strip(), created=timezone.now()
        )
        _event(
            suggestion,
            actor=actor,
            action="supervision_request",
            note=in_portal_language(lambda: f"{row.get_kind_display()}：{row.message}"),
        )
    notices.on_commit(notices.supervision_requested, row.pk)
    return row


def supervision_arrange(*, request: SupervisionRequest, actor: User, arrangement: str) -> SupervisionRequest:
    if not arrangement.strip():
        raise DomainError("reason_required", _("Say what was arranged."), status=400)
    if not (actor.has_role(Role.COMMITTEE_STAFF) or actor.is_superuser):
        raise DomainError("permission_denied", status=403)
    with transaction.atomic():
        request = SupervisionRequest.objects.select_for_update().get(pk=request.pk)
        if request.arranged_at:
            raise DomainError("already_arranged", _("This request is already arranged."))
        request.arrangement, request.arranged_by, request.arranged_at = (
            arrangement.strip(),
            actor,
            timezone.now(),
        )
        request.save(update_fields=["arrangement", "arranged_by", "arranged_at"])
        _event(request.suggestion, actor=actor, action="supervision_arranged", note=arrangement.strip())
    notices.on_commit(notices.supervision_arranged, request.pk)
    return request
