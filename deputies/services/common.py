"""What every write of the deputies' app does the same way: the history line, the checks that
are no table's (who may create a record that does not exist yet), and the inputs a rule asks for.

Each service: in one transaction, lock the row, `require` the action from its table, change
it, save the fields it changed, write the history, and tell the people concerned through
deputies.notices (notify() writes inbox and outbox in the same transaction).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from congress.errors import DomainError
from congress.models import Congress, User
from congress.workflow import Action, Step, Workflow
from deputies.models import Deputy, Event
from deputies.workflow.checks import refusal


def event(
    subject: Any,
    *,
    actor: User | None,
    action: str,
    step: Step | None = None,
    note: str = "",
    data: dict[str, Any] | None = None,
) -> Event:
    """One line of the history of `subject` (a deputy, leave, training, inspection, feedback
    or report), with the step's statuses when it moved."""
    moved = step is not None and step.source != step.target
    return Event.objects.create(
        **{_subject_field(subject): subject},
        actor=actor,
        action=action,
        from_status=step.source if moved and step else "",
        to_status=step.target if moved and step else "",
        note=note,
        data=data or {},
    )


def _subject_field(subject: Any) -> str:
    name = type(subject).__name__.lower()
    return "report" if name == "constituentreport" else name


def take(step: Step, record: Any, *, actor: User | None, fields: Iterable[str] = (), **history: Any) -> Event:
    """Apply a step the table allowed: the status (for a move) and `fields`, saved alone, and
    its line in the history under the action's name."""
    changed = list(fields)
    if step.target != step.source:
        record.status = step.target
        changed.append("status")
    if changed:
        record.save(update_fields=changed)
    return event(record, actor=actor, action=step.action.name, step=step, **history)


def may_create(table: Workflow, action: Action, record: Any, actor: User) -> None:
    """A record about to be made is made by who may take `action` on it (the table decides)."""
    if not table.may_act(action, record, actor):
        raise action.denied() if action.denied else DomainError("permission_denied", status=403)


def require_role(actor: User, *roles: str) -> None:
    """For writes that are no table's action (a sitting's roll call, a year's publication)."""
    if not (actor.is_superuser or actor.has_role(*roles)):
        raise DomainError("permission_denied", status=403)


def check_active(deputies: Iterable[Deputy]) -> None:
    """D§45, D§46: a suspended or terminated deputy cannot file, sign or be invited."""
    for deputy in deputies:
        if not deputy.is_active:
            raise refusal("deputy_not_active")


def check_in_congress(deputies: Iterable[Deputy], congress: Congress | int) -> None:
    congress_id = congress if isinstance(congress, int) else congress.pk
    for deputy in deputies:
        if deputy.congress_id != congress_id:
            raise refusal("deputy_not_in_congress", status=400, name=deputy.name)


def required(text: str, code: str) -> str:
    """A text the rule asks for (a reason, a report): refused as 400 when blank."""
    if not text.strip():
        raise refusal(code, status=400)
    return text.strip()
