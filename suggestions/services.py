"""Writes of the suggestion workflow. One function per transition (WORKFLOWS.md §2).

Each locks the row, checks the workflow table, recomputes the clocks, saves only what
changed, writes the history, and tells the people concerned once the transaction commits.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_

from congress.deadlines.calendar import deadline
from congress.deadlines.recompute import MovedDeadline
from congress.deadlines.statutory import CO_OPINION, OBJECTION, REASSIGNMENT, REPLY, REPLY_EXTENSION
from congress.errors import DomainError
from congress.models import Organisation, Session, User
from deputies.models import Deputy
from suggestions import notices
from suggestions.models import (
    Assignment,
    CoSigner,
    Disagreement,
    NotAcceptedGround,
    SubjectArea,
    Suggestion,
    SuggestionCounter,
    SuggestionEvent,
)
from suggestions.workflow import ASSIGNMENT, SUGGESTION, AssignmentStatus, Role, Status, check_roles
from suggestions.workflow.who import is_assigning_staff, is_lead, lead_or_enterer, unit_staff

# --- Shared steps -------------------------------------------------------------------------------


def _event(
    suggestion: Suggestion,
    *,
    actor: User | None,
    action: str,
    from_status: str = "",
    to_status: str = "",
    note: str = "",
    assignment: Assignment | None = None,
) -> SuggestionEvent:
    return SuggestionEvent.objects.create(
        suggestion=suggestion, assignment=assignment, actor=actor, at=timezone.now(), action=action,
        from_status=from_status, to_status=to_status, note=note,
    )  # fmt: skip


def in_portal_language(text: Callable[[], str]) -> str:
    """History notes built from labels are kept in the portal's language, like _recorded."""
    with translation.override(settings.LANGUAGE_CODE):
        return text()


def _recorded(message: str, **params: Any) -> str:
    """History notes are kept in the portal's language, whatever the language of the request."""
    with translation.override(settings.LANGUAGE_CODE):
        return gettext(message) % params if params else gettext(message)


def _move(
    suggestion: Suggestion,
    action: str,
    *,
    actor: User | None,
    note: str = "",
    target: str | None = None,
    event: str = "",
    **fields: Any,
) -> None:
    """Apply a suggestion transition of the table, with the fields it sets, and record it."""
    step = SUGGESTION.require(action, suggestion, target=target)
    before = suggestion.status
    suggestion.status = step.target
    for name, value in fields.items():
        setattr(suggestion, name, value)
    suggestion.save(update_fields=["status", *fields])
    _event(
        suggestion, actor=actor, action=event or action, from_status=before, to_status=suggestion.status,
        note=note,
    )  # fmt: skip


def _move_assignment(
    assignment: Assignment, action: str, *, actor: User | None, note: str = "", **fields: Any
) -> None:
    step = ASSIGNMENT.require(action, assignment)
    before = assignment.status
    assignment.status = step.target
    for name, value in fields.items():
        setattr(assignment, name, value)
    assignment.save(update_fields=["status", *fields])
    _event(
        assignment.suggestion, actor=actor, action=action, from_status=before, to_status=assignment.status,
        note=note, assignment=assignment,
    )  # fmt: skip


def _locked(suggestion: Suggestion) -> Suggestion:
    return Suggestion.objects.select_for_update().get(pk=suggestion.pk)


def _locked_assignment(assignment: Assignment) -> Assignment:
    return Assignment.objects.select_for_update().select_related("suggestion", "unit").get(pk=assignment.pk)


def _require(condition: bool) -> None:
    if not condition:
        raise DomainError("permission_denied", status=403)


def _require_active(deputy: Deputy) -> None:
    # D§45, D§46: a suspended or terminated deputy cannot file or sign.
    if not deputy.is_active:
        raise DomainError(
            "deputy_not_active",
            _("%(name)s is suspended or no longer a deputy and cannot file or sign (D§45, D§46).")
            % {"name": deputy.name},
        )


# --- Filing -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DelegationVote:
    members: int
    votes_for: int
    head_signed: bool


def suggestion_create(
    *,
    actor: User,
    lead_deputy: Deputy,
    title: str,
    body: str,
    subject_area: SubjectArea,
    session: Session | None,
    kind: str = Suggestion.Kind.SINGLE,
    co_signers: Sequence[Deputy] = (),
    delegation_vote: DelegationVote | None = None,
    urgent: bool = False,
) -> Suggestion:
    """A draft, by the deputy or by staff from the paper form (S§13: recorded as such)."""
    _require_active(lead_deputy)
    on_behalf = getattr(actor, "deputy", None) != lead_deputy
    if on_behalf:
        _require(is_assigning_staff(actor) or lead_deputy.delegation.staff.filter(pk=actor.pk).exists())
    if kind == Suggestion.Kind.SINGLE and co_signers:
        kind = Suggestion.Kind.JOINT
    with transaction.atomic():
        suggestion = Suggestion.objects.create(
            congress=lead_deputy.congress, session=session, kind=kind, title=title.strip(), body=body.strip(),
            subject_area=subject_area, region=lead_deputy.delegation.name.removesuffix("代表团"),
            lead_deputy=lead_deputy, entered_by=actor, entered_on_paper=on_behalf, urgent=urgent,
            delegation=lead_deputy.delegation if kind == Suggestion.Kind.DELEGATION else None,
        )  # fmt: skip
        if delegation_vote:
            _record_delegation_vote(suggestion, delegation_vote)
        _event(suggestion, actor=actor, action="create", to_status=Status.DRAFT,
               note=_recorded(N_("entered on the deputy's behalf from the paper form")) if on_behalf else "")  # fmt: skip
        cosigner_invite(suggestion=suggestion, deputies=co_signers, actor=actor)
    return suggestion


def suggestion_create_accepted(
    *,
    session: Session | None,
    lead_deputy: Deputy,
    co_signers: Sequence[Deputy],
    title: str,
    body: str,
    subject_area: SubjectArea | None,
    actor: User,
    note: str,
) -> Suggestion:
    """A motion the presidium decided to handle as a suggestion (M§18(3)): it enters the
    suggestion workflow already accepted, numbered, with the motion's signers as confirmed
    co-signers (they signed its final text)."""
    area = subject_area or SubjectArea.objects.get(name="其他")
    with transaction.atomic():
        now = timezone.now()
        suggestion = Suggestion(
            congress=lead_deputy.congress, session=session, title=title.strip(), body=body.strip(),
            kind=Suggestion.Kind.JOINT if co_signers else Suggestion.Kind.SINGLE, subject_area=area,
            region=lead_deputy.delegation.name.removesuffix("代表团"), lead_deputy=lead_deputy, entered_by=actor,
            status=Status.ACCEPTED, submitted_at=now, reviewed_at=now,
        )  # fmt: skip
        for field, value in _draw_number(suggestion).items():
            setattr(suggestion, field, value)
        suggestion.save()
        CoSigner.objects.bulk_create(
            [
                CoSigner(
                    suggestion=suggestion,
                    deputy=d,
                    status=CoSigner.Status.CONFIRMED,
                    confirmed_version=1,
                    responded_at=now,
                )
                for d in co_signers
                if d.pk != lead_deputy.pk
            ]
        )
        _event(suggestion, actor=actor, action="create_from_motion", to_status=Status.ACCEPTED, note=note)
    return suggestion


def suggestion_create_draft(
    *, lead_deputy: Deputy, title: str, body: str, subject_area: SubjectArea | None, actor: User, note: str
) -> Suggestion:
    """A draft prefilled from elsewhere (a constituent's opinion at a liaison station), for
    the deputy to check, edit and file; the note records where it came from."""
    area = subject_area or SubjectArea.objects.get(name="其他")
    with transaction.atomic():
        suggestion = suggestion_create(
            actor=actor, lead_deputy=lead_deputy, title=title, body=body, subject_area=area, session=None
        )
        SuggestionEvent.objects.filter(suggestion=suggestion, action="create").update(note=note)
    return suggestion


def _record_delegation_vote(suggestion: Suggestion, vote: DelegationVote) -> None:
    suggestion.delegation_members = vote.members
    suggestion.delegation_votes_for = vote.votes_for
    suggestion.delegation_head_signed = vote.head_signed
    suggestion.save(update_fields=["delegation_members", "delegation_votes_for", "delegation_head_signed"])


def suggestion_edit(
    *,
    suggestion: Suggestion,
    actor: User,
    title: str,
    body: str,
    subject_area: SubjectArea,
    urgent: bool = False,
    delegation_vote: DelegationVote | None = None,
) -> Suggestion:
    """Edit a draft or a returned suggestion. Changing the text voids confirmations (S§14)."""
    with transaction.atomic():
        suggestion = _locked(suggestion)
        _require(lead_or_enterer(suggestion, actor))
        if suggestion.status not in {Status.DRAFT, Status.RETURNED}:
            raise DomainError("invalid_status", _("Only a draft or a returned suggestion can be edited."))
        text_changed = (title.strip(), body.strip()) != (suggestion.title, suggestion.body)
        suggestion.title, suggestion.body = title.strip(), body.strip()
        suggestion.subject_area, suggestion.urgent = subject_area, urgent
        fields = ["title", "body", "subject_area", "urgent"]
        if text_changed:
            suggestion.text_version += 1
            fields.append("text_version")
            voided = suggestion.cosigners.filter(status=CoSigner.Status.CONFIRMED).update(
                status=CoSigner.Status.INVITED, confirmed_version=None
            )
        suggestion.save(update_fields=fields)
        if delegation_vote:
            _record_delegation_vote(suggestion, delegation_vote)
        note = (
            _recorded(N_("text changed: %(count)s confirmations voided"), count=voided)
            if text_changed and voided
            else ""
        )
        _event(suggestion, actor=actor, action="edit", note=note)
        if text_changed and voided:
            notices.on_commit(notices.confirmations_voided, suggestion.pk)
    return suggestion


def cosigner_invite(*, suggestion: Suggestion, deputies: Iterable[Deputy], actor: User) -> list[CoSigner]:
    deputies = [d for d in deputies if d.pk != suggestion.lead_deputy_id]
    for deputy in deputies:
        _require_active(deputy)
    existing = set(suggestion.cosigners.values_list("deputy_id", flat=True))
    rows = CoSigner.objects.bulk_create(
        [CoSigner(suggestion=suggestion, deputy=d) for d in deputies if d.pk not in existing]
    )
    if rows:
        if suggestion.kind == Suggestion.Kind.SINGLE:
            Suggestion.objects.filter(pk=suggestion.pk).update(kind=Suggestion.Kind.JOINT)
            suggestion.kind = Suggestion.Kind.JOINT
        _event(suggestion, actor=actor, action="invite", note="、".join(r.deputy.name for r in rows))
        notices.on_commit(notices.cosigners_invited, suggestion.pk, [r.pk for r in rows])
    return rows


def cosigner_remove(*, suggestion: Suggestion, deputy: Deputy, actor: User) -> None:
    """The lead withdraws an invitation (a co-signer who never answers must not block filing)."""
    with transaction.atomic():
        suggestion = _locked(suggestion)
        _require(lead_or_enterer(suggestion, actor))
        if suggestion.status not in {Status.DRAFT, Status.RETURNED}:
            raise DomainError("invalid_status", _("Co-signers can change only before filing."))
        suggestion.cosigners.filter(deputy=deputy).delete()
        _event(suggestion, actor=actor, action="uninvite", note=deputy.name)


def cosigner_confirm(*, suggestion: Suggestion, actor: User) -> CoSigner:
    """A co-signer confirms the final text (S§14): this version, as it stands now."""
    deputy = getattr(actor, "deputy", None)
    with transaction.atomic():
        suggestion = _locked(suggestion)
        row = suggestion.cosigners.select_for_update().filter(deputy=deputy).first() if deputy else None
        if row is None:
            raise DomainError("not_invited", _("You are not invited to co-sign this suggestion."), status=403)
        _require_active(row.deputy)
        if suggestion.status not in {Status.DRAFT, Status.RETURNED}:
            raise DomainError("invalid_status", _("The suggestion is already filed."))
        row.status, row.confirmed_version, row.responded_at = (
            CoSigner.Status.CONFIRMED,
            suggestion.text_version,
            timezone.now(),
        )
        row.save(update_fields=["status", "confirmed_version", "responded_at"])
        _event(
            suggestion,
            actor=actor,
            action="confirm",
            note=_recorded(N_("confirmed version %(v)s"), v=suggestion.text_version),
        )
    return row


def cosigner_decline(*, suggestion: Suggestion, actor: User) -> CoSigner:
    deputy = getattr(actor, "deputy", None)
    with transaction.atomic():
        suggestion = _locked(suggestion)
        row = suggestion.cosigners.select_for_update().filter(deputy=deputy).first() if deputy else None
        if row is None:
            raise DomainError("not_invited", _("You are not invited to co-sign this suggestion."), status=403)
        if suggestion.status not in {Status.DRAFT, Status.RETURNED}:
            raise DomainError("invalid_status", _("The suggestion is already filed."))
        row.status, row.confirmed_version, row.responded_at = CoSigner.Status.DECLINED, None, timezone.now()
        row.save(update_fields=["status", "confirmed_version", "responded_at"])
        _event(suggestion, actor=actor, action="decline")
    return row


def suggestion_submit(*, suggestion: Suggestion, actor: User) -> Suggestion:
    """File it (S§13). A joint one needs every co-signer's confirmation of this text, a
    delegation one more than half the members and the head's signature (S§14)."""
    with transaction.atomic():
        suggestion = _locked(suggestion)
        _require(lead_or_enterer(suggestion, actor))
        SUGGESTION.require("submit", suggestion)
        _require_active(suggestion.lead_deputy)
        _check_signatures(suggestion)
        fields: dict[str, Any] = {"submitted_at": timezone.now()}
        if suggestion.number is None:
            fields |= _draw_number(suggestion)
        _move(suggestion, "submit", actor=actor, **fields)
    notices.on_commit(notices.submitted, suggestion.pk)
    return suggestion


def _check_signatures(suggestion: Suggestion) -> None:
    if suggestion.kind == Suggestion.Kind.JOINT:
        rows = list(suggestion.cosigners.select_related("deputy").exclude(status=CoSigner.Status.DECLINED))
        for row in rows:
            _require_active(row.deputy)
        pending = [r.deputy.name for r in rows if r.confirmed_version != suggestion.text_version]
        if pending:
            raise DomainError(
                "cosigners_pending",
                _(
                    "These co-signers have not confirmed the final text yet (S§14): %(names)s. Wait for them or withdraw their invitation."
                )
                % {"names": "、".join(pending)},
            )
        if not rows:
            raise DomainError(
                "no_cosigner",
                _("A joint suggestion needs at least one co-signer who confirmed the text (S§14)."),
            )
    if suggestion.kind == Suggestion.Kind.DELEGATION:
        members, votes = suggestion.delegation_members or 0, suggestion.delegation_votes_for or 0
        if not members or votes * 2 <= members:
            raise DomainError(
                "delegation_majority_required",
                _(
                    "A delegation suggestion needs more than half of the delegation's members in favour (S§14)."
                ),
            )
        if not suggestion.delegation_head_signed:
            raise DomainError(
                "delegation_head_signature_required",
                _("A delegation suggestion is signed by the delegation head (S§14)."),
            )


def _draw_number(suggestion: Suggestion) -> dict[str, Any]:
    """The next number in filing order: per session, or per calendar year in recess."""
    scope = f"s{suggestion.session_id}" if suggestion.session_id else f"r{timezone.localdate().year}"
    counter, _created = SuggestionCounter.objects.select_for_update().get_or_create(scope=scope)
    SuggestionCounter.objects.filter(pk=counter.pk).update(last=F("last") + 1)
    counter.refresh_from_db()
    return {"number_scope": scope, "number": counter.last}


def suggestion_withdraw(*, suggestion: Suggestion, actor: User, letter: str) -> Suggestion:
    """Withdrawn by the proposer in writing, before the reply (S§16)."""
    if not letter.strip():
        raise DomainError(
            "withdrawal_in_writing", _("A withdrawal is made in writing: state it (S§16)."), status=400
        )
    with transaction.atomic():
        suggestion = _locked(suggestion)
        _require(is_lead(suggestion, actor) or (suggestion.entered_on_paper and is_assigning_staff(actor)))
        _move(suggestion, "withdraw", actor=actor, note=letter, withdrawal_letter=letter.strip())
        for assignment in suggestion.assignments.select_for_update().filter(
            status__in=ASSIGNMENT.open_statuses
        ):
            _move_assignment(assignment, "withdraw", actor=actor, closed_at=timezone.now())
    notices.on_commit(notices.withdrawn, suggestion.pk)
    return suggestion


# --- Review (复核) -------------------------------------------------------------------------------


def suggestion_accept(*, suggestion: Suggestion, actor: User) -> Suggestion:
    with transaction.atomic():
        suggestion = _locked(suggestion)
        _require(is_assigning_staff(actor, suggestion))
        _move(suggestion, "accept", actor=actor, reviewed_at=timezone.now())
    return suggestion


def suggestion_return(*, suggestion: Suggestion, actor: User, message: str) -> Suggestion:
    """Back to the deputy to improve (S§15), e.g. when it mixes several matters (S§13)."""
    if not message.strip():
        raise DomainError("message_required", _("Say what the deputy should improve."), status=400)
    with transaction.atomic():
        suggestion = _locked(suggestion)
        _require(is_assigning_staff(actor, suggestion))
        _move(
            suggestion,
            "return",
            actor=actor,
            note=message,
            return_message=message.strip(),
            reviewed_at=timezone.now(),
        )
    notices.on_commit(notices.returned, suggestion.pk)
    return suggestion


def suggestion_not_accept(
    *, suggestion: Suggestion, actor: User, ground: int, forwarded_to: str, note: str = ""
) -> Suggestion:
    """Not a suggestion under S§10; forwarded as a deputy's letter to the body named (S§15)."""
    if ground not in NotAcceptedGround.values:
        raise DomainError("ground_required", _("Choose the S§10 ground (1–7)."), status=400)
    if not forwarded_to.strip():
        raise DomainError(
            "forwarded_to_required", _("Name the body the letter is forwarded to (S§15)."), status=400
        )
    with transaction.atomic():
        suggestion = _locked(suggestion)
        _require(is_assigning_staff(actor, suggestion))
        _move(
            suggestion, "not_accept", actor=actor, note=note, not_accepted_ground=ground,
            forwarded_to=forwarded_to.strip(), reviewed_at=timezone.now(),
        )  # fmt: skip
    notices.on_commit(notices.not_accepted, suggestion.pk)
    return suggestion


def suggestion_merge(*, suggestions: Sequence[Suggestion], into: Suggestion, actor: User) -> list[Suggestion]:
    """Merge same or similar suggestions into one (S§15); their deputies are told and get
    the reply to the one they were merged into (S§27)."""
    others = [s for s in suggestions if s.pk != into.pk]
    if not others:
        raise DomainError("nothing_to_merge", _("Choose at least one other suggestion to merge."), status=400)
    with transaction.atomic():
        target = _locked(into)
        _require(is_assigning_staff(actor, target))
        if target.status not in {Status.SUBMITTED, Status.ACCEPTED, Status.ASSIGNED}:
            raise DomainError(
                "invalid_status",
                _("Suggestions can be merged only into one that is under review or being handled."),
            )
        merged = []
        for other in others:
            other = _locked(other)
            if other.session_id != target.session_id:
                raise DomainError(
                    "merge_across_sessions", _("Only suggestions of the same session can be merged.")
                )
            _move(other, "merge", actor=actor, note=target.number_label, merged_into=target)
            merged.append(other)
        _event(target, actor=actor, action="merge_in", note="、".join(s.number_label for s in merged))
    notices.on_commit(notices.merged, [s.pk for s in merged])
    return merged


# --- Assignment (交办) ---------------------------------------------------------------------------


@dataclass(frozen=True)
class UnitRole:
    unit: Organisation
    role: str


def _check_units(units: Sequence[UnitRole]) -> None:
    problem = check_roles([u.role for u in units])
    messages = {
        "no_units": _("Choose at least one handling unit."),
        "one_sole_unit": _("Sole handling means exactly one unit (S§19)."),
        "split_needs_two": _("Split handling needs two or more units (S§19)."),
        "one_lead_unit": _("Joint handling has exactly one lead unit and one or more co units (S§19)."),
        "roles_mixed": _("Use one way of handling: sole, split, or lead with co units (S§19)."),
    }
    if problem:
        raise DomainError("invalid_units", messages[problem], status=400)
    if len({u.unit.pk for u in units}) != len(units):
        raise DomainError("invalid_units", _("A unit is listed twice."), status=400)
    for u in units:
        if not u.unit.is_handling_unit:
            raise DomainError(
                "invalid_units", _("%(name)s is not a handling unit.") % {"name": u.unit.name}, status=400
            )


def _new_assignment(
    suggestion: Suggestion, unit: Organisation, role: str, *, actor: User, now: dt.datetime
) -> Assignment:
    """An assignment with its clocks: objection 5 days from receipt (S§20), reply 3 months
    from assignment (S§28), a co unit's opinion 2 months from receipt (S§26)."""
    today = timezone.localdate(now)
    objection = deadline(OBJECTION, today)
    main = deadline(CO_OPINION, today) if role == Role.CO else deadline(REPLY, today)
    assignment = Assignment.objects.create(
        suggestion=suggestion, unit=unit, role=role, assigned_by=actor, assigned_at=now, assigned_on=today,
        objection_due=objection.due,
        reply_due=None if role == Role.CO else main.due,
        co_opinion_due=main.due if role == Role.CO else None,
        provisional=objection.provisional or main.provisional,
    )  # fmt: skip
    _event(suggestion, actor=actor, action="assign_unit", to_status=assignment.status, assignment=assignment)
    return assignment


def suggestion_assign(*, suggestion: Suggestion, units: Sequence[UnitRole], actor: User) -> list[Assignment]:
    """Route an accepted suggestion to its handling units (S§17–S§19); the deputies are told (S§21)."""
    _check_units(units)
    with transaction.atomic():
        suggestion = _locked(suggestion)
        _require(is_assigning_staff(actor, suggestion))
        now = timezone.now()
        _move(suggestion, "assign", actor=actor, assigned_at=now)
        assignments = [_new_assignment(suggestion, u.unit, u.role, actor=actor, now=now) for u in units]
    notices.on_commit(notices.assigned, suggestion.pk)
    return assignments


def suggestion_accept_and_assign(
    *, suggestion: Suggestion, units: Sequence[UnitRole], actor: User
) -> list[Assignment]:
    """The obvious case in one step from the review queue: accept, then assign."""
    with transaction.atomic():
        if _locked(suggestion).status == Status.SUBMITTED:
            suggestion = suggestion_accept(suggestion=suggestion, actor=actor)
        return suggestion_assign(suggestion=suggestion, units=units, actor=actor)


def suggestion_disagree(*, suggestion: Suggestion, actor: User, reason: str) -> Disagreement:
    """A deputy disagrees with the assignment (S§21); the committee studies it and re-routes."""
    deputy = getattr(actor, "deputy", None)
    if not reason.strip():
        raise DomainError("reason_required", _("Say why you disagree with the assignment."), status=400)
    with transaction.atomic():
        suggestion = _locked(suggestion)
        involved = deputy is not None and (
            suggestion.lead_deputy_id == deputy.pk
            or suggestion.cosigners.filter(deputy=deputy, status=CoSigner.Status.CONFIRMED).exists()
        )
        if deputy is None or not involved:
            raise DomainError("permission_denied", status=403)
        if suggestion.status != Status.ASSIGNED:
            raise DomainError(
                "invalid_status", _("Only an assigned suggestion's assignment can be disputed.")
            )
        row = Disagreement.objects.create(suggestion=suggestion, deputy=deputy, reason=reason.strip())
        _event(suggestion, actor=actor, action="disagree", note=reason.strip())
    notices.on_commit(notices.disagreed, row.pk)
    return row


def suggestion_reroute(
    *,
    suggestion: Suggestion,
    units: Sequence[UnitRole],
    actor: User,
    reason: str,
    disagreement: Disagreement | None = None,
) -> list[Assignment]:
    """The assigning body routes it again (S§21): open assignments end, new ones start afresh."""
    _check_units(units)
    with transaction.atomic():
        suggestion = _locked(suggestion)
        _require(is_assigning_staff(actor, suggestion))
        SUGGESTION.require("reroute", suggestion)
        now = timezone.now()
        for old in suggestion.assignments.select_for_update().filter(status__in=ASSIGNMENT.open_statuses):
            _move_assignment(old, "reroute", actor=actor, note=reason, closed_at=now)
        _event(suggestion, actor=actor, action="reroute", note=reason)
        new = [_new_assignment(suggestion, u.unit, u.role, actor=actor, now=now) for u in units]
        if disagreement is not None:
            Disagreement.objects.filter(pk=disagreement.pk).update(
                resolved_at=now, resolved_by=actor, resolution=reason
            )
    notices.on_commit(notices.assigned, suggestion.pk, [a.pk for a in new])
    return new


def disagreement_resolve(*, disagreement: Disagreement, actor: User, resolution: str) -> None:
    """The committee keeps the assignment and explains why (S§21)."""
    if not resolution.strip():
        raise DomainError("reason_required", _("Explain the decision to the deputy."), status=400)
    _require(is_assigning_staff(actor, disagreement.suggestion))
    with transaction.atomic():
        Disagreement.objects.filter(pk=disagreement.pk).update(
            resolved_at=timezone.now(), resolved_by=actor, resolution=resolution
        )
        _event(disagreement.suggestion, actor=actor, action="disagreement_answered", note=resolution)
    notices.on_commit(notices.disagreement_answered, disagreement.pk)


# --- The unit's side ---------------------------------------------------------------------------


def assignment_acknowledge(*, assignment: Assignment, actor: User) -> Assignment:
    with transaction.atomic():
        assignment = _locked_assignment(assignment)
        _require(unit_staff(assignment, actor))
        _move_assignment(assignment, "acknowledge", actor=actor, acknowledged_at=timezone.now())
    return assignment


def assignment_object(*, assignment: Assignment, actor: User, reason: str) -> Assignment:
    """Not this unit's responsibility: in writing, within 5 days of receipt, to the assigning
    body; the unit may not forward it itself (S§20)."""
    if not reason.strip():
        raise DomainError(
            "reason_required",
            _("State in writing why this is not your unit's responsibility (S§20)."),
            status=400,
        )
    with transaction.atomic():
        assignment = _locked_assignment(assignment)
        _require(unit_staff(assignment, actor))
        now = timezone.now()
        window = deadline(OBJECTION, assignment.assigned_on)
        if window.is_over(now) and assignment.status in {AssignmentStatus.PENDING, AssignmentStatus.HANDLING}:
            raise DomainError(
                "objection_window_closed",
                _(
                    "The five-day window for saying a suggestion is not your unit's responsibility closed on %(due)s (S§20)."
                )
                % {"due": window.due.isoformat()},
            )
        today = timezone.localdate(now)
        reassign = deadline(REASSIGNMENT, today)
        _move_assignment(
            assignment, "object", actor=actor, note=reason, objection_reason=reason.strip(), objected_at=now,
            objected_on=today, reassignment_due=reassign.due,
            provisional=assignment.provisional or reassign.provisional,
        )  # fmt: skip
    notices.on_commit(notices.objected, assignment.pk)
    return assignment


def assignment_reassign(
    *, assignment: Assignment, unit: Organisation, actor: User, reason: str
) -> Assignment:
    """The assigning body names another unit (S§20): a new assignment with new clocks."""
    with transaction.atomic():
        assignment = _locked_assignment(assignment)
        suggestion = assignment.suggestion
        _require(is_assigning_staff(actor, suggestion))
        ASSIGNMENT.require("reassign", assignment)
        if unit.pk == assignment.unit_id or not unit.is_handling_unit:
            raise DomainError("invalid_units", _("Choose another handling unit."), status=400)
        now = timezone.now()
        new = _new_assignment(suggestion, unit, assignment.role, actor=actor, now=now)
        _move_assignment(
            assignment, "reassign", actor=actor, note=f"→ {unit.name}：{reason}".strip("："),
            objection_decision=reason, replaced_by=new, closed_at=now,
        )  # fmt: skip
    notices.on_commit(notices.reassigned, assignment.pk)
    return new


def assignment_reject_objection(*, assignment: Assignment, actor: User, reason: str) -> Assignment:
    """The objection is not upheld: the unit handles it (S§20)."""
    if not reason.strip():
        raise DomainError("reason_required", _("Explain to the unit why it remains responsible."), status=400)
    with transaction.atomic():
        assignment = _locked_assignment(assignment)
        _require(is_assigning_staff(actor, assignment.suggestion))
        _move_assignment(
            assignment, "reject_objection", actor=actor, note=reason, objection_decision=reason.strip()
        )
    notices.on_commit(notices.objection_rejected, assignment.pk)
    return assignment


def assignments_close_objection_windows(*, now: dt.datetime | None = None) -> int:
    """Pending assignments whose five days have passed are the unit's to handle (S§20).

    One indexed query finds them (asg_objection_open); each move is recorded.
    """
    now = now or timezone.now()
    closed = 0
    # The window of an assignment received on day D ends at 24:00 of its due date, so every
    # due date before today has ended; due today is still open.
    candidates = Assignment.objects.filter(
        status=AssignmentStatus.PENDING, objection_due__lt=timezone.localdate(now)
    )
    for pk in candidates.values_list("pk", flat=True):
        with transaction.atomic():
            assignment = (
                Assignment.objects.select_for_update(skip_locked=True)
                .select_related("suggestion")
                .filter(pk=pk, status=AssignmentStatus.PENDING)
                .first()
            )
            if assignment is None:
                continue
            _move_assignment(assignment, "window_closed", actor=None)
            closed += 1
    return closed


def recompute_provisional_deadlines(years: frozenset[int]) -> list[MovedDeadline]:
    """A new calendar year arrived: recompute the assignments' provisional due dates."""
    moved: list[MovedDeadline] = []
    rows = Assignment.objects.filter(provisional=True).select_related("suggestion", "unit")
    for assignment in rows:
        old = (
            assignment.objection_due,
            assignment.reply_due,
            assignment.co_opinion_due,
            assignment.reassignment_due,
        )
        objection = deadline(OBJECTION, assignment.assigned_on)
        if assignment.role == Role.CO:
            main = deadline(CO_OPINION, assignment.assigned_on)
            assignment.co_opinion_due = main.due
        else:
            main = deadline(
                REPLY,
                assignment.assigned_on,
                extension=REPLY_EXTENSION.period if assignment.extended else None,
            )
            assignment.reply_due = main.due
        assignment.objection_due = objection.due
        provisional = objection.provisional or main.provisional
        if assignment.objected_on:
            reassign = deadline(REASSIGNMENT, assignment.objected_on)
            assignment.reassignment_due = reassign.due
            provisional = provisional or reassign.provisional
        assignment.provisional = provisional
        assignment.save(
            update_fields=["objection_due", "reply_due", "co_opinion_due", "reassignment_due", "provisional"]
        )
        new = (
            assignment.objection_due,
            assignment.reply_due,
            assignment.co_opinion_due,
            assignment.reassignment_due,
        )
        for before, after in zip(old, new, strict=True):
            if before and after and before != after:
                moved.append(
                    MovedDeadline(
                        label=f"{assignment.suggestion.number_label} · {assignment.unit.name}",
                        old_due=before,
                        new_due=after,
                        link=f"/suggestions/{assignment.suggestion_id}/",
                        recipients=list(assignment.unit.users.filter(is_active=True)),
                    )
                )
    return moved
