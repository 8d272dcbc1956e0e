"""Assignment (交办, S§17–S§21): the assigning body routes an accepted suggestion to its
handling units; a unit takes it on or objects within five days; the body reassigns or keeps
it with the unit; the deputies may disagree, and the body re-routes or answers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_

from congress.deadlines.calendar import deadline
from congress.deadlines.recompute import MovedDeadline
from congress.deadlines.statutory import CO_OPINION, OBJECTION, REASSIGNMENT, REPLY, REPLY_EXTENSION
from congress.errors import DomainError
from congress.models import Organisation, User
from suggestions.models import Assignment, Disagreement, Suggestion
from suggestions.notices import assignment as notices
from suggestions.selectors import past_due
from suggestions.services.review import suggestion_accept
from suggestions.services.steps import event, locked, locked_assignment, recorded, required_text, take
from suggestions.workflow import ASSIGNMENT, SUGGESTION, check_roles


@dataclass(frozen=True)
class HandlingUnit:
    unit: Organisation
    role: str


UNIT_PROBLEMS = {
    "no_units": N_("Choose at least one handling unit."),
    "one_sole_unit": N_("Sole handling means exactly one unit (S§19)."),
    "split_needs_two": N_("Split handling needs two or more units (S§19)."),
    "one_lead_unit": N_("Joint handling has exactly one lead unit and one or more co units (S§19)."),
    "roles_mixed": N_("Use one way of handling: sole, split, or lead with co units (S§19)."),
}


def _check_units(units: Sequence[HandlingUnit]) -> None:
    """S§19: the units and their roles make one way of handling; each is a handling unit."""
    if problem := check_roles([u.role for u in units]):
        raise DomainError("invalid_units", _(UNIT_PROBLEMS[problem]), status=400)
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
    assignment = Assignment(
        suggestion=suggestion, unit=unit, role=role, assigned_by=actor, assigned_at=now, assigned_on=today,
        objection_due=objection.due,
    )  # fmt: skip
    if ASSIGNMENT.clocks["co_opinion"].applies(assignment):
        main = deadline(CO_OPINION, today)
        assignment.co_opinion_due = main.due
    else:
        main = deadline(REPLY, today)
        assignment.reply_due = main.due
    assignment.provisional = objection.provisional or main.provisional
    assignment.save()
    event(suggestion, actor=actor, action="assign_unit", to_status=assignment.status, assignment=assignment)
    return assignment


def suggestion_assign(
    *, suggestion: Suggestion, units: Sequence[HandlingUnit], actor: User
) -> list[Assignment]:
    """Route an accepted suggestion to its handling units (S§17–S§19); the deputies are told
    (S§21). Once assigned, a second assign is refused: re-routing is its own step."""
    _check_units(units)
    with transaction.atomic():
        suggestion = locked(suggestion)
        step = SUGGESTION.require("assign", suggestion, actor)
        now = timezone.now()
        take(step, suggestion, actor=actor, assigned_at=now)
        assignments = [_new_assignment(suggestion, u.unit, u.role, actor=actor, now=now) for u in units]
        notices.assigned(suggestion.pk)
    return assignments


def suggestion_accept_and_assign(
    *, suggestion: Suggestion, units: Sequence[HandlingUnit], actor: User
) -> list[Assignment]:
    """The obvious case in one step (the review queue): accept it if it still awaits review,
    then assign it."""
    _check_units(units)
    with transaction.atomic():
        if locked(suggestion).status in SUGGESTION.sources("accept"):
            suggestion = suggestion_accept(suggestion=suggestion, actor=actor)
        return suggestion_assign(suggestion=suggestion, units=units, actor=actor)


def suggestion_reroute(
    *, suggestion: Suggestion, units: Sequence[HandlingUnit], actor: User, reason: str = ""
) -> list[Assignment]:
    """The assigning body routes it again (S§21): its open assignments end, new ones start
    afresh, and every open disagreement of the deputies is answered by it."""
    _check_units(units)
    with transaction.atomic():
        suggestion = locked(suggestion)
        step = SUGGESTION.require("reroute", suggestion, actor)
        reason = reason.strip() or recorded(N_("re-routed"))
        now = timezone.now()
        for old in suggestion.assignments.select_for_update().filter(
            status__in=ASSIGNMENT.sources("reroute")
        ):
            take(ASSIGNMENT.require("reroute", old), old, actor=actor, note=reason, closed_at=now)
        take(step, suggestion, actor=actor, note=reason)
        new = [_new_assignment(suggestion, u.unit, u.role, actor=actor, now=now) for u in units]
        suggestion.disagreements.filter(resolved_at__isnull=True).update(
            resolved_at=now, resolved_by=actor, resolution=reason
        )
        notices.assigned(suggestion.pk, [a.pk for a in new])
    return new


def suggestion_disagree(*, suggestion: Suggestion, actor: User, reason: str) -> Disagreement:
    """A deputy disagrees with the assignment (S§21); the assigning body re-routes or answers."""
    reason = required_text(reason, "reason_required", _("Say why you disagree with the assignment."))
    with transaction.atomic():
        suggestion = locked(suggestion)
        step = SUGGESTION.require("disagree", suggestion, actor)
        row = Disagreement.objects.create(suggestion=suggestion, deputy=actor.deputy, reason=reason)
        take(step, suggestion, actor=actor, note=reason)
        notices.disagreed(row.pk)
    return row


def disagreement_resolve(*, disagreement: Disagreement, actor: User, resolution: str) -> Disagreement:
    """The assigning body keeps the assignment and explains why (S§21); answered once."""
    resolution = required_text(resolution, "reason_required", _("Explain the decision to the deputy."))
    with transaction.atomic():
        row = Disagreement.objects.select_for_update().select_related("suggestion").get(pk=disagreement.pk)
        step = SUGGESTION.require("answer_disagreement", row.suggestion, actor)
        if row.resolved_at is not None:
            raise DomainError("already_answered", _("This disagreement is already answered."))
        row.resolved_at, row.resolved_by, row.resolution = timezone.now(), actor, resolution
        row.save(update_fields=["resolved_at", "resolved_by", "resolution"])
        take(step, row.suggestion, actor=actor, note=resolution, recorded_as="disagreement_answered")
        notices.disagreement_answered(row.pk)
    return row


# --- The unit's side (S§20) ----------------------------------------------------------------------


def assignment_acknowledge(*, assignment: Assignment, actor: User) -> Assignment:
    """The unit takes it on: the objection window closes for it."""
    with transaction.atomic():
        assignment = locked_assignment(assignment)
        step = ASSIGNMENT.require("acknowledge", assignment, actor)
        take(step, assignment, actor=actor, acknowledged_at=timezone.now())
    return assignment


def assignment_object(*, assignment: Assignment, actor: User, reason: str) -> Assignment:
    """Not this unit's responsibility: in writing, within 5 days of receipt, to the assigning
    body; the unit may not forward it itself (S§20)."""
    reason = required_text(
        reason, "reason_required", _("State in writing why this is not your unit's responsibility (S§20).")
    )
    with transaction.atomic():
        assignment = locked_assignment(assignment)
        step = ASSIGNMENT.require("object", assignment, actor)
        now = timezone.now()
        today = timezone.localdate(now)
        reassign = deadline(REASSIGNMENT, today)
        take(
            step, assignment, actor=actor, note=reason, objection_reason=reason, objected_at=now, objected_on=today,
            reassignment_due=reassign.due, provisional=assignment.provisional or reassign.provisional,
        )  # fmt: skip
        notices.objected(assignment.pk)
    return assignment


def assignment_reassign(
    *, assignment: Assignment, unit: Organisation, actor: User, reason: str
) -> Assignment:
    """The assigning body names another unit (S§20): a new assignment with new clocks."""
    with transaction.atomic():
        assignment = locked_assignment(assignment)
        step = ASSIGNMENT.require("reassign", assignment, actor)
        if unit.pk == assignment.unit_id or not unit.is_handling_unit:
            raise DomainError("invalid_units", _("Choose another handling unit."), status=400)
        now = timezone.now()
        new = _new_assignment(assignment.suggestion, unit, assignment.role, actor=actor, now=now)
        take(
            step, assignment, actor=actor, note=f"→ {unit.name}：{reason}".strip("："), objection_decision=reason,
            replaced_by=new, closed_at=now,
        )  # fmt: skip
        notices.reassigned(assignment.pk)
    return new


def assignment_reject_objection(*, assignment: Assignment, actor: User, reason: str) -> Assignment:
    """The objection is not upheld: the unit handles it (S§20)."""
    reason = required_text(reason, "reason_required", _("Explain to the unit why it remains responsible."))
    with transaction.atomic():
        assignment = locked_assignment(assignment)
        step = ASSIGNMENT.require("reject_objection", assignment, actor)
        take(step, assignment, actor=actor, note=reason, objection_decision=reason)
        notices.objection_rejected(assignment.pk)
    return assignment


def assignments_close_objection_windows(*, now: dt.datetime | None = None) -> int:
    """Pending assignments whose five days have passed are the unit's to handle (S§20).

    One indexed query finds them (asg_objection_open); each move is recorded.
    """
    now = now or timezone.now()
    closed = 0
    # The window of an assignment received on day D ends at 24:00 of its due date, so every
    # due date before today has ended; due today is still open.
    late = past_due("objection", timezone.localdate(now))
    for pk in Assignment.objects.filter(late).values_list("pk", flat=True):
        with transaction.atomic():
            assignment = (
                Assignment.objects.select_for_update(skip_locked=True)
                .select_related("suggestion")
                .filter(late, pk=pk)
                .first()
            )
            if assignment is None:
                continue  # taken on, or objected to, meanwhile
            take(ASSIGNMENT.require("window_closed", assignment), assignment, actor=None)
            closed += 1
    return closed


def recompute_provisional_deadlines(years: frozenset[int]) -> list[MovedDeadline]:
    """A new calendar year arrived: recompute the assignments' provisional due dates."""
    moved: list[MovedDeadline] = []
    rows = Assignment.objects.filter(provisional=True).select_related("suggestion", "unit")
    fields = ["objection_due", "reply_due", "co_opinion_due", "reassignment_due"]
    for assignment in rows:
        old = [getattr(assignment, f) for f in fields]
        objection = deadline(OBJECTION, assignment.assigned_on)
        if ASSIGNMENT.clocks["co_opinion"].applies(assignment):
            main = deadline(CO_OPINION, assignment.assigned_on)
            assignment.co_opinion_due = main.due
        else:
            extension = REPLY_EXTENSION.period if assignment.extended else None
            main = deadline(REPLY, assignment.assigned_on, extension=extension)
            assignment.reply_due = main.due
        assignment.objection_due = objection.due
        provisional = objection.provisional or main.provisional
        if assignment.objected_on:
            reassign = deadline(REASSIGNMENT, assignment.objected_on)
            assignment.reassignment_due = reassign.due
            provisional = provisional or reassign.provisional
        assignment.provisional = provisional
        assignment.save(update_fields=[*fields, "provisional"])
        for before, after in zip(old, [getattr(assignment, f) for f in fields], strict=True):
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
