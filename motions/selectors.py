"""Reads of the motion workflow: who sees what, whose motions they are, signatures, the report
clock, merge labels."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from congress.deadlines.calendar import deadline
from congress.deadlines.periods import Deadline
from congress.deadlines.statutory import RULES
from congress.models import Session
from congress.roles import Role
from deputies.models import Deputy
from motions.checks import deputy_of
from motions.models import CoSignature, Motion, NextSessionReport, ReviewMember
from motions.workflow import DEPUTIES, MOTION, OWED_TO_NEXT_SESSION, REPORT_CLOCK, SECRETARIAT

# Roles that follow every filed motion: they run intake, review, decisions and recess review.
STAFF_ROLES = (Role.SECRETARIAT, Role.REVIEW_COMMITTEE, Role.COMMITTEE_STAFF, Role.SUPERVISOR)


def may_read_review_report(user: Any) -> bool:
    """The review report goes to every deputy (M§19) and to the staff who follow the motions."""
    return bool(user.is_authenticated and (user.is_superuser or user.has_role(*DEPUTIES, *STAFF_ROLES)))


def motions_visible_to(user: Any) -> QuerySet[Motion]:
    """The one visibility rule. Filed motions go to every deputy and to congress staff (M§19
    distributes the review report, which lists them all); a draft only to its lead, its
    invited co-signers and the delegation staff who file it. Anyone else sees nothing (a 404,
    never a leak)."""
    motions = Motion.objects.all()
    if not user.is_authenticated:
        return motions.none()
    filed = Q(number__isnull=False)
    if user.is_superuser or user.has_role(*STAFF_ROLES):
        return motions.filter(filed | Q(created_by=user))
    visible = Q(created_by=user)
    deputy = deputy_of(user)
    if user.has_role(Role.DEPUTY) and deputy is not None:
        # EXISTS, not a join: a join on co-signatures repeats a motion per signer and needs a
        # DISTINCT over every column, which at 12,000 motions took 1.4 s (issue 15).
        invited = CoSignature.objects.filter(motion=OuterRef("pk"), deputy=deputy)
        visible |= filed | Q(lead_deputy=deputy) | Q(Exists(invited))
    if user.has_role(Role.DELEGATION_STAFF):
        visible |= filed | filed_by_delegations(user)
    # Every condition follows a foreign key forwards or is an EXISTS: no row repeats.
    return motions.filter(visible)


def filed_by_delegations(user: Any) -> Q:
    """Motions the user files as the staff of their delegations: the delegation's own motions
    and its deputies' joint motions (M§13; workflow.filer, as a query)."""
    delegations = user.delegations.all()
    return Q(delegation__in=delegations) | Q(lead_deputy__delegation__in=delegations)


def _proposes_itself(deputy_id: int) -> Q:
    """checks.own_proposers, as a query: the motions the deputy leads, whose current text they
    co-signed, or that they signed as the head of the delegation filing it (M§12)."""
    signed = CoSignature.objects.filter(
        motion=OuterRef("pk"), deputy_id=deputy_id, confirmed_version=OuterRef("text_version")
    )
    return Q(lead_deputy_id=deputy_id) | Q(head_signed_by_id=deputy_id) | Q(Exists(signed))


def proposed_by(deputy_id: int) -> Q:
    """The motions a deputy proposes (checks.proposers, as a query): their own, and those their
    motion was merged into, which stay theirs (M§18, M§19)."""
    merged_in = Motion.objects.filter(merged_into=OuterRef("pk")).filter(_proposes_itself(deputy_id))
    return _proposes_itself(deputy_id) | Q(Exists(merged_in))


def motions_of(user: Any) -> Q:
    """A user's own motions: those they propose as a deputy, and those they file for their
    delegations or entered themselves."""
    mine = Q(created_by=user)
    deputy = deputy_of(user)
    if deputy is not None:
        mine |= proposed_by(deputy.pk)
    if user.has_role(Role.DELEGATION_STAFF):
        mine |= filed_by_delegations(user)
    return mine


# A motion's texts: its page and the API's detail show them, no list does.
LONG_TEXTS = ("reason", "grounds", "solution", "preliminary_opinion")


def motion_list(user: Any) -> QuerySet[Motion]:
    """What lists of motions show: the proposers, the session (its report clock), the reviewing
    body and the merged motions' numbers. Nothing more is joined: at 12,000 motions PostgreSQL
    spent 5–9 ms planning a page that also joined the congress, the subject body and the
    motion merged into (issue 15)."""
    merged = Motion.objects.order_by().only("number", "merged_into")
    return (
        motions_visible_to(user)
        .defer(*LONG_TEXTS)
        .select_related("session", "lead_deputy", "delegation", "review_body")
        .prefetch_related(Prefetch("merged_motions", queryset=merged))
    )


def confirmed_signers(motion: Motion) -> int:
    """Signatures that count now: the lead plus active co-signers who confirmed this text."""
    co = motion.cosignatures.filter(
        confirmed_version=motion.text_version, deputy__status=Deputy.Status.ACTIVE
    ).count()
    return co + (1 if motion.lead_deputy else 0)


def signatures_pending_for(deputy: Deputy) -> QuerySet[CoSignature]:
    """Drafts waiting for this deputy to read and confirm (USERS.md: a good day)."""
    return CoSignature.objects.filter(
        deputy=deputy, status=CoSignature.Status.INVITED, motion__status__in=MOTION.sources("confirm")
    ).select_related("motion__lead_deputy", "motion__session__congress")


def report_clock(session: Session) -> Deadline:
    """The report clock of the table (M§23: 闭会后六个月内): it starts when the session closes."""
    return deadline(RULES[MOTION.clocks[REPORT_CLOCK].rule], session.closes)


def report_deadline(motion: Motion) -> Deadline | None:
    """The report clock of a motion that was referred, with its explanation."""
    if motion.report_due is None:
        return None
    return report_clock(motion.session)


def report_clock_running() -> QuerySet[Motion]:
    """Referred motions whose reviewing body still owes its report (M§23): the reminders, the
    overdue board and the recomputation read this."""
    return Motion.objects.filter(MOTION.running(REPORT_CLOCK))


def motions_with_report_due_between(first: dt.date, last: dt.date) -> QuerySet[Motion]:
    """Referred motions whose report falls due in [first, last]."""
    return (
        report_clock_running()
        .filter(report_due__gte=first, report_due__lte=last)
        .select_related("session", "review_body")
        .order_by("report_due", "session", "number")
    )


def merge_label(motion: Motion) -> str:
    """'0002号与0016号': a merge keeps every number visible."""
    numbers = [motion.number_text, *sorted(m.number_text for m in motion.merged_motions.all())]
    return "与".join(f"{n}号" for n in numbers if n)


def reads_votes(user: Any, session_id: int) -> bool:
    """Each member's vote on the review report is read by the committee itself, the secretariat
    and the presidium it serves (the secretariat records for it); the figures of the vote are
    in the report for everyone (M§16, M§19)."""
    if user.is_superuser or user.has_role(*SECRETARIAT):
        return True
    return ReviewMember.objects.filter(session_id=session_id, user_id=user.pk).exists()


def sent_to_session(session: Session) -> QuerySet[NextSessionReport]:
    """What earlier sessions' motions sent to this one (M§21, M§26)."""
    return NextSessionReport.objects.filter(session=session).select_related(
        "motion__session", "motion__review_body", "recorded_by"
    )


def owed_to_session(session: Session) -> QuerySet[Motion]:
    """Motions of the sessions before this one that still owe it something (M§21, M§26): their
    report or the SC's decision not yet sent, an authorized motion the SC has not dealt with.

    "Not yet sent" is a NOT EXISTS: `next_session_report__isnull` is a left join filtered on the
    report's key, which PostgreSQL cannot turn into an anti-join, so it joined every motion of
    ten years before discarding the sent ones."""
    sent = NextSessionReport.objects.filter(motion=OuterRef("pk"))
    return (
        Motion.objects.filter(
            ~Exists(sent), session__closes__lt=session.opens, status__in=sorted(OWED_TO_NEXT_SESSION)
        )
        .select_related("session", "review_body")
        .order_by("session__opens", "number")
    )
