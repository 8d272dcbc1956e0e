"""Reads of the motion workflow: who sees what, proposers, clocks, merge labels."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Exists, F, OuterRef, Q, QuerySet

from congress.deadlines.calendar import deadline
from congress.deadlines.periods import Deadline
from congress.deadlines.statutory import MOTION_REPORT
from congress.roles import Role
from deputies.models import Deputy
from motions.models import CoSignature, Motion, ReviewMember
from motions.workflow import Status

# Roles that follow every filed motion: they run intake, review, decisions and recess review.
STAFF_ROLES = (Role.SECRETARIAT, Role.REVIEW_COMMITTEE, Role.COMMITTEE_STAFF, Role.SUPERVISOR)


def motions_visible_to(user: Any) -> QuerySet[Motion]:
    """Filed motions go to every deputy and to congress staff (M§19 distributes the review
    report, which lists them all); a draft only to its lead, its invited co-signers and the
    delegation staff who entered it. Anyone else sees nothing (a 404, never a leak)."""
    motions = Motion.objects.all()
    if not user.is_authenticated:
        return motions.none()
    filed = Q(number__isnull=False)
    if user.is_superuser or user.has_role(*STAFF_ROLES):
        return motions.filter(filed | Q(created_by=user))
    visible = Q(created_by=user)
    if user.has_role(Role.DEPUTY) and hasattr(user, "deputy"):
        deputy = user.deputy
        visible |= filed | Q(lead_deputy=deputy) | Q(cosignatures__deputy=deputy)
    if user.has_role(Role.DELEGATION_STAFF):
        delegations = user.delegations.all()
        visible |= filed | Q(delegation__in=delegations) | Q(lead_deputy__delegation__in=delegations)
    return motions.filter(visible).distinct()


def motion_list(user: Any) -> QuerySet[Motion]:
    return (
        motions_visible_to(user)
        .select_related(
            "session__congress", "lead_deputy", "delegation", "review_body", "subject_body", "merged_into"
        )
        .prefetch_related("merged_motions")
    )


def proposers(motion: Motion) -> list[Deputy]:
    """Who proposed a filed motion: the lead and the co-signers who confirmed the final text;
    for a delegation motion its head, who signed for the delegation (M§12)."""
    if motion.kind == Motion.Kind.DELEGATION:
        return [motion.head_signed_by] if motion.head_signed_by else []
    signed = [
        s.deputy
        for s in motion.cosignatures.select_related("deputy__user")
        if s.confirmed_version == motion.text_version
    ]
    return [motion.lead_deputy, *signed] if motion.lead_deputy else signed


def confirmed_signers(motion: Motion) -> int:
    """Signatures that count now: the lead plus active co-signers who confirmed this text."""
    co = motion.cosignatures.filter(
        confirmed_version=motion.text_version, deputy__status=Deputy.Status.ACTIVE
    ).count()
    return co + (1 if motion.lead_deputy else 0)


def signatures_pending_for(deputy: Deputy) -> QuerySet[CoSignature]:
    """Drafts waiting for this deputy to read and confirm (USERS.md: a good day)."""
    return (
        CoSignature.objects.filter(deputy=deputy, motion__status=Status.DRAFT)
        .exclude(confirmed_version=F("motion__text_version"))
        .select_related("motion__lead_deputy", "motion__session__congress")
    )


def report_deadline(motion: Motion) -> Deadline | None:
    """The 6-month report clock of a referred motion (M§23), with its explanation."""
    if motion.report_due is None:
        return None
    return deadline(MOTION_REPORT, motion.session.closes)


def motions_with_report_due_between(first: dt.date, last: dt.date) -> QuerySet[Motion]:
    """Referred motions whose report falls due in [first, last]: the reminder sweep reads this."""
    return (
        Motion.objects.filter(status=Status.REFERRED, report_due__gte=first, report_due__lte=last)
        .select_related("session", "review_body")
        .order_by("report_due", "session", "number")
    )


def merge_label(motion: Motion) -> str:
    """'0002号与0016号': a merge keeps every number visible."""
    numbers = [motion.number_text, *sorted(m.number_text for m in motion.merged_motions.all())]
    return "与".join(f"{n}号" for n in numbers if n)


def review_member(user: Any, session_id: int) -> ReviewMember | None:
    return ReviewMember.objects.filter(session_id=session_id, user=user).first()


def with_pending_flag(queryset: QuerySet[Motion], deputy: Deputy) -> QuerySet[Motion]:
    """Annotate whether the deputy still has to confirm the current text."""
    pending = CoSignature.objects.filter(motion=OuterRef("pk"), deputy=deputy).exclude(
        confirmed_version=F("motion__text_version")
    )
    return queryset.annotate(awaiting_me=Exists(pending))


def is_filer(user: Any, motion: Motion) -> bool:
    """The lead deputy, or the staff of the delegation the motion comes from (M§13)."""
    if user.is_superuser:
        return True
    if motion.lead_deputy and motion.lead_deputy.user_id == user.pk:
        return True
    delegation_id = motion.delegation_id or (motion.lead_deputy.delegation_id if motion.lead_deputy else None)
    return bool(delegation_id and user.delegations.filter(pk=delegation_id).exists())
