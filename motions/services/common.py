"""What every motion write does the same way: lock the row, record the event, take the step the
table allowed; and the check of a reviewing body several stages share."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.utils.translation import gettext as _

from congress.errors import DomainError
from congress.models import Organisation, User
from congress.workflow import Step
from motions.models import REVIEW_BODY_KINDS, Motion, MotionEvent


def lock(motion: Motion) -> Motion:
    """The motion's row, locked for the transaction and read afresh (its status as it is now)."""
    # Only the motion's row is locked: its lead deputy is an outer join (none for a delegation).
    return (
        Motion.objects.select_for_update(of=("self",))
        .select_related("session", "lead_deputy")
        .get(pk=motion.pk)
    )


def record(
    motion: Motion,
    actor: User | None,
    action: str,
    *,
    from_status: str = "",
    note: str = "",
    data: Mapping[str, Any] | None = None,
) -> MotionEvent:
    """One line of the motion's history."""
    return MotionEvent.objects.create(
        motion=motion,
        actor=actor,
        action=action,
        from_status=from_status or motion.status,
        to_status=motion.status,
        note=note,
        data=dict(data or {}),
    )


def move(
    motion: Motion,
    step: Step,
    actor: User,
    *,
    fields: Iterable[str] = (),
    note: str = "",
    data: Mapping[str, Any] | None = None,
) -> MotionEvent:
    """Take the step `MOTION.require` allowed: the status and `fields` saved, the event recorded
    under the action's name."""
    motion.status = step.target
    motion.save(update_fields=["status", "changed_at", *fields])
    return record(motion, actor, step.action.name, from_status=step.source, note=note, data=data)


def check_review_body(body: Organisation | None) -> Organisation:
    if body is None or body.kind not in REVIEW_BODY_KINDS:
        raise DomainError(
            "review_body_invalid",
            _("A motion is reviewed in recess by a special committee or an SC working body (M§23)."),
            status=400,
        )
    return body


def permission_denied() -> DomainError:
    return DomainError("permission_denied", status=403)


def require_role(actor: User, roles: Iterable[str]) -> None:
    """For the writes that are no action on a motion's row (creating one; the committee, its
    meetings and report): the roles of the table's action they belong with."""
    if not (actor.is_superuser or actor.has_role(*roles)):
        raise permission_denied()
