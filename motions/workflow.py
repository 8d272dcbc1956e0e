"""The motion workflow of WORKFLOWS.md §3 as one table on the engine (congress/workflow.py):
the states with their meaning, article and clock, the actions with who may take them, and
the status sets the rest of the app reads.

Pure Python: no model is imported. The `who` checks and guards follow the motion's relations
(its lead deputy, co-signatures, session); the services lock the row, then `MOTION.require`
the action before they change anything, so no move outside this table can happen. Status
names and the error code `invalid_transition` are a public contract.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from congress.deadlines.periods import BEIJING
from congress.deadlines.statutory import MOTION_REPORT, RECONSIDERATION_CUTOFF
from congress.errors import DomainError
from congress.roles import Role
from congress.workflow import Clock, State, Workflow, choose, move, record


class Status(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("motion status", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("motion status", "Submitted")
    UNDER_REVIEW = "under_review", pgettext_lazy("motion status", "Under review")
    RECOMMENDED = "recommended", pgettext_lazy("motion status", "Recommended")
    ON_AGENDA = "on_agenda", pgettext_lazy("motion status", "On the agenda")
    REFERRED = "referred", pgettext_lazy("motion status", "Referred for recess review")
    REPORTED = "reported", pgettext_lazy("motion status", "Report submitted")
    CONCLUDED = "concluded", pgettext_lazy("motion status", "Concluded")
    CONVERTED = "converted", pgettext_lazy("motion status", "Handled as a suggestion")
    MERGED = "merged", pgettext_lazy("motion status", "Merged")
    ADOPTED = "adopted", pgettext_lazy("motion status", "Adopted")
    REJECTED = "rejected", pgettext_lazy("motion status", "Rejected")
    AUTHORIZED = "authorized", pgettext_lazy("motion status", "Authorized to the SC")
    WITHDRAWN = "withdrawn", pgettext_lazy("motion status", "Withdrawn")


S = Status

# Who performs each action; superusers pass every role (the `who` checks still apply).
DEPUTIES = frozenset({Role.DEPUTY, Role.DELEGATION_STAFF})
SECRETARIAT = frozenset({Role.SECRETARIAT})
REVIEWERS = frozenset({Role.REVIEW_COMMITTEE})
# The referred body's own staff act through the supervisor role (their organisation is the
# body); the committee staff coordinate recess handling for every body (M§4(1), M§26).
BODY = frozenset({Role.SUPERVISOR, Role.COMMITTEE_STAFF})
COMMITTEE = frozenset({Role.COMMITTEE_STAFF})

# The one clock of the table: the reviewing body's report, 6 months after the close (M§23).
REPORT_CLOCK = "motion_report"


# --- who: the user's relation to the motion -----------------------------------------------------


def deputy_of(user: Any) -> Any:
    """The user's deputy record, or None (staff accounts have none)."""
    return getattr(user, "deputy", None)


def proposers(motion: Any) -> list[Any]:
    """Who proposed a filed motion: the lead and the co-signers who confirmed the final text;
    for a delegation motion its head, who signed for the delegation (M§12)."""
    if motion.lead_deputy_id is None:  # a delegation motion: it has no lead (M§2)
        return [motion.head_signed_by] if motion.head_signed_by_id else []
    signed = [
        s.deputy
        for s in motion.cosignatures.select_related("deputy__user")
        if s.confirmed_version == motion.text_version
    ]
    return [motion.lead_deputy, *signed]


def filer(motion: Any, user: Any) -> bool:
    """the lead deputy, or the staff of the delegation the motion comes from (M§13)"""
    if user.is_superuser:
        return True
    lead = motion.lead_deputy
    if lead is not None and lead.user_id == user.pk:
        return True
    delegation_id = motion.delegation_id or (lead.delegation_id if lead is not None else None)
    return bool(delegation_id and user.delegations.filter(pk=delegation_id).exists())


def invited(motion: Any, user: Any) -> bool:
    """a deputy the lead invited to co-sign (M§12)"""
    deputy = deputy_of(user)
    return deputy is not None and motion.cosignatures.filter(deputy=deputy).exists()


def proposer(motion: Any, user: Any) -> bool:
    """a proposer of the motion, or its filer (M§19)"""
    if filer(motion, user):
        return True
    deputy = deputy_of(user)
    return deputy is not None and any(d.pk == deputy.pk for d in proposers(motion))


def review_member(motion: Any, user: Any) -> bool:
    """a member of the session's motion-review committee (M§15)"""
    return bool(user.is_superuser or motion.session.review_members.filter(user=user).exists())


def body_staff(motion: Any, user: Any) -> bool:
    """the staff of the body reviewing it, or the committee staff for every body (M§23, M§26)"""
    if user.is_superuser or user.has_role(*COMMITTEE):
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


# --- the table ---------------------------------------------------------------------------------

# A revised answer to a reconsideration (M§19) may move a decided motion to another decision
# as long as its handling has not begun elsewhere; staying where it is is the upheld answer.
DECISIONS = [S.ON_AGENDA, S.REFERRED, S.CONVERTED]

# fmt: off
MOTION = Workflow(
    model="motions.Motion",
    noun=gettext_lazy("motion"),
    statuses=Status,
    states={
        S.DRAFT: State(gettext_lazy("The lead deputy writes; co-signers are invited and each receives the text"), "M§12"),
        S.SUBMITTED: State(gettext_lazy("Filed before the deadline; the secretariat classifies it and asks the committees"), "M§17"),
        S.UNDER_REVIEW: State(gettext_lazy("Before the motion-review committee"), "M§17"),
        S.RECOMMENDED: State(gettext_lazy("The committee recommended agenda, recess review or handling as a suggestion"), "M§18"),
        S.ON_AGENDA: State(gettext_lazy("The presidium put it on the session's agenda"), "M§20"),
        S.REFERRED: State(gettext_lazy("Referred to a special committee or SC body for review in recess"), "M§23", clocks=(REPORT_CLOCK,)),
        S.REPORTED: State(gettext_lazy("The review result report was submitted"), "M§23"),
        S.CONCLUDED: State(gettext_lazy("The SC deliberated the report; it is published and goes to the next session"), "M§26", done=True),
        S.CONVERTED: State(gettext_lazy("Handled as a suggestion; a linked suggestion was created"), "M§18(3)", done=True),
        S.MERGED: State(gettext_lazy("Merged into another motion of the same or similar content"), "M§18", done=True),
        S.ADOPTED: State(gettext_lazy("Adopted by the plenary"), "M§20", done=True),
        S.REJECTED: State(gettext_lazy("Rejected by the plenary"), "M§20", done=True),
        S.AUTHORIZED: State(gettext_lazy("The plenary authorized the SC to decide after the session"), "M§21"),
        S.WITHDRAWN: State(gettext_lazy("Withdrawn by its proposers"), "D§11", done=True),
    },
    actions=[
        # Filing (M§8–M§13): the filer writes and files; the invited deputies confirm the text.
        record("edit", [S.DRAFT], roles=DEPUTIES, article="M§12", who=filer,
               label=pgettext_lazy("motion action", "edited")),
        record("invite", [S.DRAFT], roles=DEPUTIES, article="M§12", who=filer,
               label=pgettext_lazy("motion action", "given new co-signers")),
        record("confirm", [S.DRAFT], roles={Role.DEPUTY}, article="M§12", who=invited,
               label=pgettext_lazy("motion action", "co-signed")),
        move("submit", [S.DRAFT], S.SUBMITTED, roles=DEPUTIES, article="M§13", who=filer, guard=submission_open,
             label=pgettext_lazy("motion action", "submitted")),
        record("refile_as_suggestion", [S.DRAFT], roles=DEPUTIES, article="M§13", who=filer, guard=refile_offered,
               label=pgettext_lazy("motion action", "refiled as a suggestion")),
        # Intake by the secretariat (M§14, M§17).
        record("classify", [S.SUBMITTED, S.UNDER_REVIEW], roles=SECRETARIAT, article="M§17",
               label=pgettext_lazy("motion action", "classified")),
        record("request_opinion", [S.SUBMITTED, S.UNDER_REVIEW], roles=SECRETARIAT, article="M§17",
               label=pgettext_lazy("motion action", "sent for a committee's opinion")),
        move("send_to_review", [S.SUBMITTED], S.UNDER_REVIEW, roles=SECRETARIAT, article="M§17",
             label=pgettext_lazy("motion action", "sent to the review committee")),
        # The motion-review committee (M§15–M§18). WORKFLOWS.md lets a motion leave review only
        # by a recommendation; merging is the committee's own act (M§18), so a motion can also
        # be merged while under review. A recommendation may change until the report is adopted.
        move("recommend", [S.UNDER_REVIEW, S.RECOMMENDED], S.RECOMMENDED, roles=REVIEWERS, article="M§18",
             who=review_member, guard=recommendations_open, label=pgettext_lazy("motion action", "given a recommendation")),
        move("merge", [S.UNDER_REVIEW, S.RECOMMENDED], S.MERGED, roles=REVIEWERS, article="M§18",
             who=review_member, guard=recommendations_open, label=pgettext_lazy("motion action", "merged")),
        # The presidium (M§18–M§21, D§11), as the secretariat records it.
        choose("decide", {S.RECOMMENDED: DECISIONS}, roles=SECRETARIAT, article="M§18", guard=report_adopted,
               label=pgettext_lazy("motion action", "decided by the presidium")),
        record("request_reconsideration", [S.RECOMMENDED, *DECISIONS], roles=DEPUTIES, article="M§19",
               who=proposer, guard=reconsideration_open,
               label=pgettext_lazy("motion action", "the subject of a reconsideration request")),
        choose("answer_reconsideration", {
                   S.RECOMMENDED: [S.RECOMMENDED, *DECISIONS],
                   S.ON_AGENDA: [S.ON_AGENDA, S.REFERRED],
                   S.REFERRED: [S.REFERRED, S.ON_AGENDA],
                   S.CONVERTED: [],
               }, roles=SECRETARIAT, article="M§19", guard=reconsideration_awaited,
               label=pgettext_lazy("motion action", "reconsidered")),
        # The proposers withdraw before the presidium decides; D§11 restricts only withdrawal
        # after the motion is on the agenda: then only the presidium's consent withdraws it.
        move("withdraw", [S.SUBMITTED, S.UNDER_REVIEW, S.RECOMMENDED], S.WITHDRAWN, roles=DEPUTIES, article="D§11",
             who=filer, guard=nothing_merged_into, label=pgettext_lazy("motion action", "withdrawn by its proposers")),
        move("withdraw_with_consent", [S.ON_AGENDA], S.WITHDRAWN, roles=SECRETARIAT, article="D§11",
             guard=nothing_merged_into, label=pgettext_lazy("motion action", "withdrawn with the presidium's consent")),
        record("deliberate", [S.ON_AGENDA], roles=SECRETARIAT, article="M§22",
               label=pgettext_lazy("motion action", "deliberated")),
        choose("record_outcome", {S.ON_AGENDA: [S.ADOPTED, S.REJECTED, S.AUTHORIZED]}, roles=SECRETARIAT, article="M§20",
               label=pgettext_lazy("motion action", "voted on")),
        # Review in recess (M§23–M§25) and the SC's conclusion (M§21, M§26).
        record("hearing", [S.REFERRED], roles=BODY, article="M§24", who=body_staff,
               label=pgettext_lazy("motion action", "heard in recess")),
        record("body_opinion", [S.REFERRED], roles=BODY, article="M§25", who=body_staff,
               label=pgettext_lazy("motion action", "sent to a body for its opinion")),
        move("report", [S.REFERRED], S.REPORTED, roles=BODY, article="M§23", who=body_staff,
             label=pgettext_lazy("motion action", "reported on")),
        record("sc_meeting", [S.REPORTED, S.AUTHORIZED], roles=COMMITTEE, article="M§26",
               label=pgettext_lazy("motion action", "deliberated by the SC")),
        move("conclude", [S.REPORTED, S.AUTHORIZED], S.CONCLUDED, roles=COMMITTEE, article="M§26",
             label=pgettext_lazy("motion action", "concluded")),
    ],
    clocks={REPORT_CLOCK: Clock(MOTION_REPORT.code)},
)
# fmt: on


def revisions(status: str) -> frozenset[str]:
    """The decisions a revised reconsideration answer may move a motion in `status` to (M§19)."""
    return MOTION.action("answer_reconsideration").moves.get(status, frozenset()) - {status}


# --- status sets the app reads, each derived from the table once ---------------------------------

# Filed, and not yet given the committee's recommendation: the committee's queue, which must
# be empty before it votes on its report (M§17).
AWAITING_RECOMMENDATION = MOTION.sources("send_to_review") | (
    MOTION.sources("recommend") - MOTION.action("recommend").targets
)
# Motions the report no longer decides on: merged into another, or withdrawn (M§18, D§11).
SET_ASIDE = MOTION.action("merge").targets | MOTION.action("withdraw").targets
# The recess work the committee staff and the reviewing bodies follow (M§21, M§23–M§26).
IN_RECESS = MOTION.sources("report") | MOTION.sources("conclude") | MOTION.action("conclude").targets
# A referred motion keeps its reviewing body and report clock once it reported (M§23, M§26).
HAS_REVIEW_BODY = MOTION.statuses_running(REPORT_CLOCK) | MOTION.action("report").targets
# What the public reads: the SC's conclusion is published with the report (M§26).
PUBLISHED = MOTION.action("conclude").targets
