"""A deputy's status (D§45–D§49): suspended while held or serving a sentence and restored when
that ends within the term; the mandate ends on a ground of D§46. Each change has its date, its
ground, the decision's reference and, for a termination, its public announcement (D§48, D§49).
A suspension or termination closes the deputy's open invitations (deputies.services.lapse)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from congress.models import User
from congress.workflow import Step
from deputies import notices
from deputies.models import SUSPENSION_GROUNDS, TERMINATION_GROUNDS, Deputy, DeputyGround, DeputyStatus
from deputies.selectors.attendance import sessions_missed
from deputies.services.common import required, take
from deputies.services.lapse import lapse_invitations
from deputies.workflow import DEPUTY
from deputies.workflow.checks import refusal


def locked(deputy: Deputy) -> Deputy:
    return (
        Deputy.objects.select_for_update(of=("self",))
        .select_related("congress", "delegation")
        .get(pk=deputy.pk)
    )


def _check_date(day: dt.date) -> dt.date:
    if day > timezone.localdate():
        raise refusal("date_in_future", status=400)
    return day


def _change(
    step: Step,
    deputy: Deputy,
    *,
    actor: User,
    ground: str,
    effective_on: dt.date,
    decision: str,
    announced_on: dt.date | None,
    note: str,
) -> Deputy:
    deputy.status_ground = ground
    deputy.status_since = effective_on
    deputy.status_until = None
    deputy.status_decision = decision
    deputy.status_announced_on = announced_on
    fields = ["status_ground", "status_since", "status_until", "status_decision", "status_announced_on"]
    data = {
        "ground": ground,
        "effective_on": effective_on.isoformat(),
        "decision": decision,
        "announced_on": announced_on.isoformat() if announced_on else None,
    }
    take(step, deputy, actor=actor, fields=fields, note=note.strip(), data=data)
    if step.target != DeputyStatus.ACTIVE:
        with translation.override(settings.LANGUAGE_CODE):
            why = _("%(status)s (%(ground)s)") % {
                "status": deputy.get_status_display(),
                "ground": deputy.get_status_ground_display(),
            }
        lapse_invitations(deputy, actor=actor, why=why)
    notices.status_changed(deputy, str(step.action.label))
    return deputy


def deputy_suspend(
    *,
    deputy: Deputy,
    ground: str,
    effective_on: dt.date,
    decision: str,
    actor: User,
    announced_on: dt.date | None = None,
    note: str = "",
) -> Deputy:
    """D§45: held in a criminal case, or serving a sentence without deprivation of rights."""
    with transaction.atomic():
        deputy = locked(deputy)
        step = DEPUTY.require("suspend", deputy, actor)
        if ground not in SUSPENSION_GROUNDS:
            raise refusal("ground_invalid", status=400)
        return _change(
            step, deputy, actor=actor, ground=ground, effective_on=_check_date(effective_on),
            decision=required(decision, "decision_missing"), announced_on=announced_on, note=note,
        )  # fmt: skip


def deputy_restore(
    *,
    deputy: Deputy,
    effective_on: dt.date,
    decision: str,
    actor: User,
    announced_on: dt.date | None = None,
    note: str = "",
) -> Deputy:
    """D§45: the ground of the suspension ended within the term; the deputy serves again."""
    with transaction.atomic():
        deputy = locked(deputy)
        step = DEPUTY.require("restore", deputy, actor)
        return _change(
            step, deputy, actor=actor, ground="", effective_on=_check_date(effective_on),
            decision=required(decision, "decision_missing"), announced_on=announced_on, note=note,
        )  # fmt: skip


def deputy_terminate(
    *,
    deputy: Deputy,
    ground: str,
    effective_on: dt.date,
    decision: str,
    announced_on: dt.date | None,
    actor: User,
    note: str = "",
) -> Deputy:
    """D§46: the mandate ends (moved away, resignation accepted (D§48), twice absent without
    leave, recalled (D§49), nationality or political rights lost, capacity lost); announced."""
    with transaction.atomic():
        deputy = locked(deputy)
        step = DEPUTY.require("terminate", deputy, actor)
        if ground not in TERMINATION_GROUNDS:
            raise refusal("ground_invalid", status=400)
        decision = required(decision, "decision_missing")
        if announced_on is None:
            raise refusal("announcement_missing", status=400)
        if ground == DeputyGround.ABSENT_TWICE:
            # D§46(3) rests on the roll calls and leave the portal holds.
            missed = sessions_missed([deputy.pk], deputy.congress_id).get(deputy.pk, 0)
            if missed < 2:
                raise refusal("absences_not_recorded", count=missed)
        return _change(
            step, deputy, actor=actor, ground=ground, effective_on=_check_date(effective_on),
            decision=decision, announced_on=_check_date(announced_on), note=note,
        )  # fmt: skip


def deputy_record_needs(*, deputy: Deputy, language_needs: str, custom_needs: str, actor: User) -> Deputy:
    """D§42: a minority deputy's language and custom needs, for whoever organises for them."""
    with transaction.atomic():
        deputy = locked(deputy)
        step = DEPUTY.require("record_needs", deputy, actor)
        deputy.language_needs, deputy.custom_needs = language_needs.strip(), custom_needs.strip()
        take(step, deputy, actor=actor, fields=["language_needs", "custom_needs"], note=deputy.needs)
    return deputy
