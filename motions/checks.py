"""The checks the motion table (motions/workflow.py) names: who may take an action (the user's
relation to the motion) and the guards (the motion's own rules beyond its status).

Pure Python, duck-typed on the motion: no model is imported; the checks follow the motion's
relations (its lead deputy, co-signatures, merged motions, hearings, session).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from congress.deadlines.periods import BEIJING
from congress.deadlines.statutory import RECONSIDERATION_CUTOFF
from congress.errors import DomainError
from congress.roles import Role

# --- who: the user's relation to the motion -----------------------------------------------------


def deputy_of(user: Any) -> Any:
    """The user's deputy record, or None (staff accounts have none)."""
    return getattr(user, "deputy", None)


def own_proposers(motion: Any) -> list[Any]:
    """Who proposed this filed motion itself: the lead and the co-signers who confirmed the
    final text; for a delegation motion its head, who signed for the delegation (M§12)."""
    if motion.lead_deputy_id is None:  # a delegation motion: it has no lead (M§2)
        return [motion.head_signed_by] if motion.head_signed_by_id else []
    signed = [
        s.deputy
        for s in motion.cosignatures.select_related("deputy__user")
        if s.confirmed_version == motion.text_version
    ]
    return [motion.lead_deputy, *signed]


def proposers(motion: Any) -> list[Any]:
    """The proposers of a motion as the committee's report stands: its own, and those of every
    motion merged into it. A merge joins motions of the same or similar content (M§18); it takes
    no one's motion away, so M§19 ("提出议案的代表") still speaks to each of them: they ask for
    reconsideration together, are told of every step and count the result as theirs."""
    found: dict[int, Any] = {}
    for each in [motion, *motion.merged_motions.all()]:
        for deputy in own_proposers(each):
            found.setdefault(deputy.pk, deputy)
    return list(found.values())


def _staff_of(user: Any, delegation_id: int | None) -> bool:
    return bool(delegation_id and user.delegations.filter(pk=delegation_id).exists())


def _delegation_of(motion: Any) -> int | None:
    lead = motion.lead_deputy
    return motion.delegation_id or (lead.delegation_id if lead is not None else None)


def filer(motion: Any, user: Any) -> bool:
    """the lead deputy, or the staff of the delegation the motion comes from (M§10, M§13)

    The staff collect the delegation's motions and deliver them before the deadline.
    """
    if user.is_superuser:
        return True
    lead = motion.lead_deputy
    if lead is not None and lead.user_id == user.pk:
        return True
    return _staff_of(user, _delegation_of(motion))


def author(motion: Any, user: Any) -> bool:
    """the lead deputy, or the delegation staff who entered the draft (M§12, M§13)

    Who writes the text and chooses the co-signers: the staff, for the delegation's own motion or
    a joint draft they entered for one of its deputies. A deputy's own draft is theirs: the staff
    collect it (M§13), they do not rewrite it (M§12).
    """
    if user.is_superuser:
        return True
    lead = motion.lead_deputy
    if lead is None:  # a delegation motion: its staff enter it for the delegation (M§12)
        return _staff_of(user, motion.delegation_id)
    if lead.user_id == user.pk:
        return True
    return motion.created_by_id == user.pk and _staff_of(user, lead.delegation_id)


def not_invited() -> DomainError:
    """The refusal of `confirm` for anyone the lead did not invite (a public code)."""
    return DomainError(
        "not_invited", _("Only a deputy invited by the lead deputy can co-sign (M§12)."), status=403
    )


def not_a_review_member() -> DomainError:
    """The refusal of the committee's acts for anyone not on it (a public code)."""
    return DomainError(
        "not_a_review_member",
        _("Only a member of this session's motion-review committee can do this (M§15)."),
        status=403,
    )


def invited(motion: Any, user: Any) -> bool:
    """a deputy the lead invited to co-sign (M§12)"""
    deputy = deputy_of(user)
    return deputy is not None and motion.cosignatures.filter(deputy=deputy).exists()


def proposer(motion: Any, user: Any) -> bool:
    """a proposer of the motion or of a motion merged into it, or its filer (M§18, M§19)"""
    if any(filer(each, user) for each in [motion, *motion.merged_motions.all()]):
        return True
    deputy = deputy_of(user)
    return deputy is not None and any(d.pk == deputy.pk for d in proposers(motion))


def review_member(motion: Any, user: Any) -> bool:
    """a member of the session's motion-review committee (M§15)"""
    return bool(user.is_superuser or motion.session.review_members.filter(user=user).exists())


def body_staff(motion: Any, user: Any) -> bool:
    """the staff of the body reviewing it, or the committee staff for every body (M§23, M§26)"""
    if user.is_superuser or user.has_role(Role.COMMITTEE_STAFF):
        return True
    return user.organisation_id is not None and user.organisation_id == motion.review_body_id


# --- guards: the motion's own rules beyond its status -------------------------------------------


def filing_closed(session: Any) -> DomainError | None:
    """M§13: motions are filed before the deadline the presidium set for the session."""
    if timezone.now() < session.motion_deadline:
        return None
    return DomainError(
        "motion_deadline_passed",
        _(
            "The presidium's deadline for motions (%(deadline)s) has passed (M§13). You can still file it as a suggestion."
        )
        % {"deadline": timezone.localtime(session.motion_deadline).strftime("%Y-%m-%d %H:%M")},
    )


def submission_open(motion: Any) -> DomainError | None:
    """Filed during the session (M§2), before the presidium's deadline (M§13)."""
    session = motion.session
    if (closed := filing_closed(session)) is not None:
        return closed
    if timezone.now() < dt.datetime.combine(session.opens, dt.time(0), BEIJING):
        return DomainError(
            "session_not_sitting",
            _("Motions are filed during the session, from %(opens)s (M§2).")
            % {"opens": session.opens.isoformat()},
        )
    return None


def refile_offered(motion: Any) -> DomainError | None:
    """M§13: once the deadline refused a joint motion, its draft may become a suggestion."""
    if filing_closed(motion.session) is None:
        return DomainError(
            "motion_deadline_not_passed", _("The motion can still be filed before the deadline (M§13).")
        )
    if motion.lead_deputy_id is None:
        return DomainError(
            "not_a_joint_motion",
            _("A delegation motion is refiled by the delegation as a delegation suggestion."),
            status=400,
        )
    return None


def _review_report(motion: Any) -> Any:
    # The session's report row, or None (a reverse one-to-one raises when there is none).
    return getattr(motion.session, "review_report", None)


def report_already_adopted() -> DomainError:
    return DomainError(
        "review_report_already_adopted",
        _("The review report is adopted; its recommendations can no longer change (M§16)."),
    )


def report_not_adopted() -> DomainError:
    return DomainError(
        "review_report_not_adopted",
        _("The motion-review committee has not adopted its review report yet (M§16, M§18)."),
    )


def recommendations_open(motion: Any) -> DomainError | None:
    """M§16: once the committee adopted its report, its recommendations no longer change."""
    report = _review_report(motion)
    return report_already_adopted() if report is not None and report.adopted_at else None


def report_adopted(motion: Any) -> DomainError | None:
    """M§18, M§19: the presidium decides on the report the committee adopted."""
    report = _review_report(motion)
    return report_not_adopted() if report is None or report.adopted_at is None else None


def reconsideration_open(motion: Any) -> DomainError | None:
    """M§19: asked of the report the presidium passed, one request at a time, no later than
    four hours before the presidium's last meeting."""
    cutoff = motion.session.last_presidium_meeting - RECONSIDERATION_CUTOFF
    if timezone.now() > cutoff:
        return DomainError(
            "reconsideration_too_late",
            _(
                "A reconsideration request must arrive four hours before the presidium's last meeting, by %(cutoff)s (M§19)."
            )
            % {"cutoff": timezone.localtime(cutoff).strftime("%Y-%m-%d %H:%M")},
        )
    report = _review_report(motion)
    if report is None or report.approved_at is None:
        return DomainError(
            "review_report_not_approved",
            _(
                "Reconsideration is asked of the review report the presidium passed; it has not passed it yet (M§19)."
            ),
        )
    if motion.reconsiderations.filter(answered_at__isnull=True).exists():
        return DomainError(
            "reconsideration_pending", _("A request on this motion awaits the presidium's answer.")
        )
    return None


def reconsideration_awaited(motion: Any) -> DomainError | None:
    """The presidium answers a request that awaits its answer (M§19)."""
    if motion.reconsiderations.filter(answered_at__isnull=True).exists():
        return None
    return DomainError("reconsideration_answered", _("The presidium has already answered this request."))


def nothing_merged_into(motion: Any) -> DomainError | None:
    """Motions merged into this one follow it; their proposers did not withdraw them (M§18)."""
    if not motion.merged_motions.exists():
        return None
    return DomainError(
        "motion_has_merged_motions",
        _("Other motions were merged into this one; their proposers have not withdrawn them (M§18)."),
    )


def responsible_named(motion: Any) -> DomainError | None:
    """M§5(3): the body names the person responsible for handling the motion before that person
    meets the deputies (确定处理议案的负责人)."""
    if motion.responsible_person_id is not None:
        return None
    return DomainError(
        "responsible_person_not_named",
        _("The reviewing body first names the person responsible for handling the motion (M§5)."),
    )


def _held(motion: Any, kind: str) -> Any:
    """The motion's meetings of this kind (a name of motions.models.Hearing.Kind) already held."""
    hearings = motion.hearings
    return hearings.filter(kind=hearings.model.Kind[kind], held_at__lte=timezone.now())


def ready_to_report(motion: Any) -> DomainError | None:
    """What the statute makes the reviewing body do before it reports (M§23):
    - M§5(3): it named the person responsible for the motion (应当 ... 确定处理议案的负责人);
    - M§24: it invited the proposers to a meeting, research or discussion held in recess and
      heard them (应当邀请提议案代表列席会议、参加调研和座谈等，听取代表...意见): a meeting held
      with the proposers invited; whether they came is theirs to decide;
    - M§5(3): the responsible person met the deputies face to face (负责人应当与代表面对面沟通):
      a meeting held by the person now responsible, with at least one proposer present.
    WORKFLOWS.md §3 lets a referred motion be reported at any time; the statute wins."""
    if (unnamed := responsible_named(motion)) is not None:
        return unnamed
    if not _held(motion, "RECESS_HEARING").filter(proposers_invited=True).exists():
        return DomainError(
            "proposers_not_invited",
            _(
                "Before it reports, the reviewing body invites the proposers to its meetings, research or discussions and hears them (M§24): record that meeting first."
            ),
        )
    met = _held(motion, "FACE_TO_FACE").filter(
        held_by=motion.responsible_person_id, attended_by__isnull=False
    )
    if not met.exists():
        return DomainError(
            "responsible_person_not_met",
            _(
                "Before it reports, the person responsible for the motion meets the proposers face to face and hears them (M§5): record that meeting first."
            ),
        )
    return None


def not_yet_sent(motion: Any) -> DomainError | None:
    """M§21, M§26: what comes of a motion goes to the next session once."""
    if getattr(motion, "next_session_report", None) is None:
        return None
    return DomainError(
        "already_sent_to_next_session",
        _("What came of this motion has already gone to the next session (M§21, M§26)."),
    )
