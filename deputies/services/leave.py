"""Leave from a session (D§8): asked for in writing before the session (the SC chairpersons'
meeting decides, committee staff record it) or during it (the secretariat approves). The body
is fixed when the leave is asked for; a decision by the other body is refused
(`wrong_deciding_body`)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from congress.models import Session, User
from deputies import notices
from deputies.models import Deputy, Leave
from deputies.services.common import check_active, check_in_congress, event, may_create, required, take
from deputies.workflow import LEAVE, LEAVE_STANDING
from deputies.workflow.checks import deputy_of, refusal


def deciding_body_for(session: Session) -> str:
    """D§8: 会议召开前 the chairpersons' meeting; 会议期间 the secretariat."""
    return Leave.Body.CHAIRPERSONS if timezone.localdate() < session.opens else Leave.Body.SECRETARIAT


def leave_request(*, deputy: Deputy, session: Session, reason: str, actor: User) -> Leave:
    """The deputy asks in writing, or staff enter the written request for them."""
    check_active([deputy])
    check_in_congress([deputy], session.congress_id)
    reason = required(reason, "reason_missing")
    if timezone.localdate() > session.closes:
        raise refusal("leave_too_late")
    leave = Leave(deputy=deputy, session=session, reason=reason, deciding_body=deciding_body_for(session))
    # Who may ask is who may withdraw: the deputy, or the staff who enter it (the table's `who`).
    may_create(LEAVE, LEAVE.action("withdraw"), leave, actor)
    own = deputy_of(actor)
    leave.entered_by = None if own is not None and own.pk == deputy.pk else actor
    with transaction.atomic():
        # The deputy's row serialises two requests for the same session.
        Deputy.objects.select_for_update().filter(pk=deputy.pk).get()
        if Leave.objects.filter(deputy=deputy, session=session, status__in=LEAVE_STANDING).exists():
            raise refusal("leave_already_requested", name=deputy.name)
        leave.save()
        event(leave, actor=actor, action="request", note=reason)
        notices.leave_requested(leave)
    return leave


def locked(leave: Leave) -> Leave:
    return Leave.objects.select_for_update(of=("self",)).select_related("deputy", "session").get(pk=leave.pk)


def leave_decide(*, leave: Leave, approve: bool, reason: str, actor: User) -> Leave:
    """The chairpersons' meeting (before the session) or the secretariat (during it) decides;
    a refusal gives its reasons."""
    with transaction.atomic():
        leave = locked(leave)
        target = Leave.Status.APPROVED if approve else Leave.Status.REFUSED
        step = LEAVE.require("decide", leave, actor, target=target)
        leave.decision_reason = reason.strip() if approve else required(reason, "reason_missing")
        leave.decided_at, leave.decided_by = timezone.now(), actor
        take(
            step, leave, actor=actor, fields=["decision_reason", "decided_at", "decided_by"],
            note=leave.decision_reason, data={"body": leave.deciding_body},
        )  # fmt: skip
        notices.leave_decided(leave)
    return leave


def leave_withdraw(*, leave: Leave, actor: User) -> Leave:
    """The deputy attends after all: the request is withdrawn before it is decided."""
    with transaction.atomic():
        leave = locked(leave)
        step = LEAVE.require("withdraw", leave, actor)
        take(step, leave, actor=actor)
    return leave
