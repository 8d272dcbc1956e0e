"""S§47: 省人民代表大会常务委员会应当责令承办单位限期整改并报告办理结果. The committee records the
SC's order to a handling unit — the article's ground, what was found, the suggestions
concerned and the date by which to put it right — and the unit reports the result."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from congress.errors import DomainError
from congress.models import Organisation, User
from congress.roles import Role
from suggestions.models import Assignment, Rectification
from suggestions.notices import follow_up as notices
from suggestions.services.steps import event, required_text
from suggestions.workflow import RECTIFICATION


def rectification_order(
    *,
    unit: Organisation,
    actor: User,
    ground: int,
    finding: str,
    due: dt.date,
    assignments: Sequence[Assignment],
    referral: str = "",
) -> Rectification:
    """The SC orders the unit to put its handling of these suggestions right by `due` (S§47);
    the unit is told, and each suggestion's history records it."""
    if not (actor.is_superuser or actor.has_role(Role.COMMITTEE_STAFF)):
        raise DomainError("permission_denied", status=403)
    if ground not in Rectification.Ground.values:
        raise DomainError("ground_required", _("Choose the ground of S§47 (1–4)."), status=400)
    finding = required_text(finding, "reason_required", _("Say what the SC found (S§47)."))
    if due <= timezone.localdate():
        raise DomainError(
            "due_required", _("Set the date by which the unit puts it right (限期整改, S§47)."), status=400
        )
    if not assignments or any(a.unit_id != unit.pk for a in assignments):
        raise DomainError(
            "invalid_assignments",
            _("Name the suggestions concerned, each handled by this unit (S§47)."),
            status=400,
        )
    with transaction.atomic():
        row = Rectification.objects.create(
            unit=unit, ground=ground, finding=finding, due=due, referral=referral.strip(), ordered_by=actor,
            ordered_at=timezone.now(),
        )  # fmt: skip
        row.assignments.set(assignments)
        for a in Assignment.objects.filter(pk__in=[a.pk for a in assignments]).select_related("suggestion"):
            event(a.suggestion, actor=actor, action="rectification_ordered", assignment=a, note=finding)
        notices.rectification_ordered(row.pk)
    return row


def rectification_report(*, rectification: Rectification, actor: User, report: str) -> Rectification:
    """The unit reports the result of putting it right, once (S§47); the committee is told."""
    report = required_text(report, "text_required", _("Report what the unit put right (S§47)."))
    with transaction.atomic():
        row = Rectification.objects.select_for_update().get(pk=rectification.pk)
        step = RECTIFICATION.require("report_rectification", row, actor)
        row.status, row.report, row.reported_by, row.reported_at = step.target, report, actor, timezone.now()
        row.save(update_fields=["status", "report", "reported_by", "reported_at"])
        for a in row.assignments.select_related("suggestion"):
            event(a.suggestion, actor=actor, action="rectification_reported", assignment=a, note=report)
        notices.rectification_reported(row.pk)
    return row
