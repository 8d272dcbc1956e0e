"""Handling after assignment (S§24–S§31): the unit hears the deputies, a co unit sends its
opinion, the one extension, replies drafted and signed off, delivered and published. The
deputies' evaluation and re-handling (S§30) are in suggestions.services.evaluation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from congress.deadlines import statutory
from congress.deadlines.calendar import deadline
from congress.deadlines.statutory import policy_rule
from congress.errors import DomainError
from congress.models import Organisation, User
from suggestions.models import (
    Assignment,
    Commitment,
    Communication,
    CoOpinion,
    ExtensionRequest,
    Reply,
    Suggestion,
    WithheldGround,
)
from suggestions.notices import handling as notices
from suggestions.services.steps import (
    event,
    in_portal_language,
    locked,
    locked_assignment,
    locked_reply,
    required_text,
    take,
)
from suggestions.workflow import ASSIGNMENT, OWING_A_REPLY, REPLY, SUGGESTION, Role
from suggestions.workflow.guards import key_of
from suggestions.workflow.who import head_refusal

MAX_SCAN = 20 * 1024 * 1024


def key_report_due(day: dt.date) -> dt.date:
    """When the unit's handling report on a key suggestion is due (S§41: 及时; portal policy)."""
    return deadline(policy_rule("key_report"), day).due


# --- Hearing the deputies (S§24) and co units' opinions (S§26) -----------------------------------


def assignment_communicate(
    *,
    assignment: Assignment,
    actor: User,
    date: dt.date,
    way: str,
    participants: str,
    summary: str,
    understanding: bool = False,
    party: str = Communication.Party.DEPUTY,
    leader_present: bool = False,
    co_units: Sequence[Organisation] = (),
) -> Communication:
    """Record a visit, meeting, call or online exchange with the deputies, and whether they
    understand how it is handled; or, for a delegation's suggestion, with the SC of the
    delegation's city (S§24). It counts for the current round of handling (S§30). For a key
    suggestion it says whether the unit's named leader took part in person (S§37) and, for
    the lead unit, which co units researched it with the deputies (S§38)."""
    if way not in Communication.Way.values:
        raise DomainError(
            "invalid_way", _("Choose how you communicated: visit, meeting, call or online."), status=400
        )
    summary = required_text(summary, "summary_required", _("Say briefly what was discussed with the deputy."))
    if date > timezone.localdate():
        raise DomainError("date_in_future", _("A communication is recorded after it took place."), status=400)
    with transaction.atomic():
        assignment = locked_assignment(assignment)
        step = ASSIGNMENT.require("communicate", assignment, actor)
        if date < assignment.assigned_on:
            raise DomainError(
                "date_before_assignment", _("The date is before the suggestion was assigned."), status=400
            )
        suggestion = assignment.suggestion
        if party not in Communication.Party.values or (
            party == Communication.Party.CITY_SC and suggestion.kind != Suggestion.Kind.DELEGATION
        ):
            raise DomainError(
                "invalid_party",
                _("A unit keeps in touch with the city's SC for a delegation's suggestion (S§24)."),
                status=400,
            )
        if leader_present and not assignment.leader:
            raise DomainError(
                "key_leader_not_named", _("Name the unit's leader handling it first (S§37)."), status=400
            )
        co_ids = {u.pk for u in co_units}
        if co_ids and (
            assignment.role != Role.LEAD
            or not co_ids
            <= set(suggestion.assignments.filter(role=Role.CO).values_list("unit_id", flat=True))
        ):
            raise DomainError(
                "invalid_units", _("The lead unit researches it with its own co units (S§38)."), status=400
            )
        row = Communication.objects.create(
            assignment=assignment, round=suggestion.reply_round, party=party, date=date, way=way,
            participants=participants.strip() or actor.get_full_name(), summary=summary,
            understanding=understanding and party == Communication.Party.DEPUTY,
            leader=assignment.leader if leader_present else "", recorded_by=actor,
        )  # fmt: skip
        row.co_units.set(co_ids)
        take(step, assignment, actor=actor, note=in_portal_language(lambda: _heard(row)))
    return row


def _heard(row: Communication) -> str:
    """The history's note of a communication: with whom, how, what, and the understanding."""
    text = f"{row.get_way_display()}：{row.summary}"
    if row.leader:
        text = f"{row.leader} · {text}"
    if row.party == Communication.Party.CITY_SC:
        text = f"{row.get_party_display()} · {text}"
    if row.understanding:
        text += " " + _("(the deputies' understanding obtained, S§24)")
    return text


def assignment_send_opinion(*, assignment: Assignment, actor: User, body: str) -> CoOpinion:
    """A co unit's written opinion to the lead unit, within two months of receipt (S§26)."""
    body = required_text(body, "opinion_required", _("Write the opinion for the lead unit."))
    with transaction.atomic():
        assignment = locked_assignment(assignment)
        step = ASSIGNMENT.require("send_opinion", assignment, actor)
        opinion = CoOpinion.objects.create(
            assignment=assignment, body=body, sent_by=actor, sent_at=timezone.now()
        )
        take(step, assignment, actor=actor, note=body[:200])
        notices.co_opinion_sent(assignment.pk)
    return opinion


# --- The one extension (S§28) ---------------------------------------------------------------------


def assignment_request_extension(*, assignment: Assignment, actor: User, reason: str) -> ExtensionRequest:
    """Complicated cases only: once, with reasons, before the reply is due (S§28)."""
    reason = required_text(
        reason, "reason_required", _("Explain why the reply cannot be given in time (S§28).")
    )
    with transaction.atomic():
        assignment = locked_assignment(assignment)
        step = ASSIGNMENT.require("request_extension", assignment, actor)
        row = ExtensionRequest.objects.create(
            assignment=assignment, reason=reason, requested_by=actor, requested_at=timezone.now()
        )
        take(step, assignment, actor=actor, note=reason)
        notices.extension_requested(row.pk)
    return row


def assignment_decide_extension(
    *, assignment: Assignment, actor: User, approve: bool, reason: str
) -> Assignment:
    """The assigning body approves (the reply is due at start + 6 months) or refuses (S§28)."""
    with transaction.atomic():
        assignment = locked_assignment(assignment)
        step = ASSIGNMENT.require("decide_extension", assignment, actor)
        row = ExtensionRequest.objects.select_for_update().get(assignment=assignment)
        row.approved, row.decision_reason, row.decided_by, row.decided_at = (
            approve,
            reason.strip(),
            actor,
            timezone.now(),
        )
        row.save(update_fields=["approved", "decision_reason", "decided_by", "decided_at"])
        fields: dict[str, Any] = {}
        if approve:
            extended = deadline(
                statutory.REPLY, assignment.assigned_on, extension=statutory.REPLY_EXTENSION.period
            )
            fields = {
                "extended": True, "reply_due": extended.due,
                "provisional": assignment.provisional or extended.provisional,
            }  # fmt: skip
        recorded_as = "extension_approved" if approve else "extension_refused"
        take(step, assignment, actor=actor, note=reason.strip(), recorded_as=recorded_as, **fields)
        notices.extension_decided(row.pk)
    return assignment


# --- Replies (S§25, S§27, S§29, S§31, S§33) -------------------------------------------------------


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
    body = required_text(body, "reply_incomplete", _("Write the reply."))
    planned = category == Reply.Category.B
    if planned and not (plan.strip() and path.strip() and completion_date):
        raise DomainError(
            "reply_incomplete",
            _("A category-B reply states the plan, the path and the completion date (S§25(2))."),
            status=400,
        )
    check_scan(scan)
    with transaction.atomic():
        assignment = locked_assignment(assignment)
        step = ASSIGNMENT.require("draft_reply", assignment, actor)
        round_ = assignment.suggestion.reply_round
        reply = Reply.objects.filter(assignment=assignment, round=round_).select_for_update().first()
        if reply is not None:
            REPLY.require("edit", reply, actor)
        else:
            reply = Reply(assignment=assignment, round=round_)
        fields: dict[str, Any] = {
            "category": category, "body": body, "plan": plan.strip() if planned else "",
            "path": path.strip() if planned else "", "completion_date": completion_date if planned else None,
            "contact": contact.strip(), "drafted_by": actor, "drafted_at": timezone.now(),
        }  # fmt: skip
        if scan is not None:
            fields["scan"] = scan
        for name, value in fields.items():
            setattr(reply, name, value)
        reply.save(update_fields=list(fields) if reply.pk else None)  # a redraft saves what it changed
        take(step, assignment, actor=actor, note=in_portal_language(reply.get_category_display))
        notices.reply_drafted(reply.pk)
    return reply


def reply_approve(*, reply: Reply, actor: User, scan: File | None = None) -> Reply:
    """The unit's head signs off the reply with the sealed scan (S§29); it is delivered to the
    deputies and copied to the committee and, for government units, the general office (S§27,
    S§31). The suggestion is replied once every required reply is in."""
    check_scan(scan)
    with transaction.atomic():
        reply = locked_reply(reply)
        assignment = locked_assignment(reply.assignment)
        if refusal := head_refusal(reply, actor):
            raise refusal  # with its own code: not the head, or the drafter
        step = REPLY.require("approve", reply, actor)
        if scan is not None:
            reply.scan = scan
        if not reply.scan:
            raise DomainError(
                "scan_required",
                _("Attach the sealed scan of the signed reply (PDF) before signing off (S§29)."),
                status=400,
            )
        now = timezone.now()
        reply.status, reply.approved_by, reply.approved_at = step.target, actor, now
        reply.save(update_fields=["status", "approved_by", "approved_at", "scan"])
        note = in_portal_language(reply.get_category_display)
        # S§41: the reply to a key suggestion starts the unit's handling report clock.
        key: dict[str, Any] = {}
        if key_of(assignment.suggestion) is not None:
            key["key_report_due"] = key_report_due(timezone.localdate(now))
        take(
            ASSIGNMENT.require("reply", assignment),
            assignment,
            actor=actor,
            note=note,
            replied_at=now,
            closed_at=now,
            **key,
        )
        if reply.category == Reply.Category.B and reply.completion_date:
            # S§25(2), S§32: the promise goes in the ledger; its progress is reported every year.
            Commitment.objects.create(
                reply=reply, text=reply.plan, promised_date=reply.completion_date,
                progress_due=deadline(statutory.COMMITMENT_PROGRESS, timezone.localdate(now)).due,
            )  # fmt: skip
        _complete_if_all_replied(assignment.suggestion, actor)
        notices.reply_delivered(reply.pk)
    return reply


def _complete_if_all_replied(suggestion: Suggestion, actor: User) -> None:
    """Replied once no unit that owes a reply (sole, split, lead) is still open; the co
    units' part ends with the lead's reply (S§26)."""
    suggestion = locked(suggestion)
    owing = suggestion.assignments.filter(OWING_A_REPLY)
    if owing.exists() or suggestion.status not in SUGGESTION.sources("reply"):
        return
    now = timezone.now()
    co_units = suggestion.assignments.select_for_update().filter(
        role=Role.CO, status__in=ASSIGNMENT.sources("lead_replied")
    )
    for co in co_units:
        take(ASSIGNMENT.require("lead_replied", co), co, actor=actor, replied_at=now, closed_at=now)
    window = deadline(statutory.policy_rule("evaluation"), timezone.localdate(now))
    take(
        SUGGESTION.require("reply", suggestion),
        suggestion,
        actor=actor,
        replied_at=now,
        evaluation_due=window.due,
    )


def reply_withhold(*, reply: Reply, actor: User, ground: str) -> Reply:
    """Keep a reply off the public page, with an S§33 ground; logged."""
    if ground not in WithheldGround.values:
        raise DomainError("ground_required", _("Choose why the reply is not published (S§33)."), status=400)
    return _publication(reply, actor, "withhold", ground=ground)


def reply_publish(*, reply: Reply, actor: User) -> Reply:
    """Publish a withheld reply again (S§33); logged."""
    return _publication(reply, actor, "publish", ground="")


def _publication(reply: Reply, actor: User, action: str, *, ground: str) -> Reply:
    with transaction.atomic():
        reply = locked_reply(reply)
        REPLY.require(action, reply, actor)
        reply.public, reply.withheld_ground = not ground, ground
        reply.save(update_fields=["public", "withheld_ground"])
        note = in_portal_language(lambda: str(WithheldGround(ground).label)) if ground else ""
        event(
            reply.assignment.suggestion,
            actor=actor,
            action=f"{action}_reply",
            assignment=reply.assignment,
            note=note,
        )
    return reply
