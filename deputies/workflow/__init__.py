"""The deputies' own records as tables on the one engine (congress/workflow.py): the deputy's
status (D§45–D§49), leave for a session (D§8), trainings (D§41), inspections and research
(D§22, D§27), each body's feedback on an inspection report with its 3-month clock (D§27), and
the report to constituents (D§43).

Pure Python: no model is imported. The `who` checks and guards are in checks.py; services
lock the row and `require` the action before they change anything.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from congress.deadlines.statutory import INSPECTION_FEEDBACK
from congress.roles import Role
from congress.workflow import Clock, State, Workflow, choose, move, record
from deputies.workflow.checks import (
    asks_or_enters,
    deciding_body,
    has_taken_place,
    organiser_staff,
    owes_feedback,
    own_report,
    self_or_serving,
    took_part_or_organises,
    within_term,
    wrong_deciding_body,
)
from deputies.workflow.statuses import (
    SUSPENSION_GROUNDS,
    TERMINATION_GROUNDS,
    DecidingBody,
    DeputyGround,
    DeputyStatus,
    FeedbackStatus,
    InspectionKind,
    InspectionStatus,
    LeaveStatus,
    ReportStatus,
    TrainingKind,
    TrainingStatus,
)

__all__ = [
    "DEPUTY", "FEEDBACK", "INSPECTION", "LEAVE", "REPORT", "SUSPENSION_GROUNDS", "TERMINATION_GROUNDS",
    "TRAINING", "DecidingBody", "DeputyGround", "DeputyStatus", "FeedbackStatus", "InspectionKind",
    "InspectionStatus", "LeaveStatus", "ReportStatus", "TrainingKind", "TrainingStatus",
]  # fmt: skip

D, L, T, IS, F, R = DeputyStatus, LeaveStatus, TrainingStatus, InspectionStatus, FeedbackStatus, ReportStatus

# The personnel-representative committee keeps the deputies' register and serves their
# activities (D§40); superusers pass every role, the `who` checks still apply.
COMMITTEE = frozenset({Role.COMMITTEE_STAFF})
SERVING = frozenset({Role.DEPUTY, Role.DELEGATION_STAFF, Role.COMMITTEE_STAFF})
# D§8: the deputy asks in writing, or staff enter the written request.
LEAVE_ASKERS = frozenset({Role.DEPUTY, Role.DELEGATION_STAFF, Role.COMMITTEE_STAFF, Role.SECRETARIAT})
LEAVE_DECIDERS = frozenset({Role.COMMITTEE_STAFF, Role.SECRETARIAT})
# D§22: special committees and SC working bodies organise (their staff act as supervisors).
ORGANISERS = frozenset({Role.COMMITTEE_STAFF, Role.SUPERVISOR})
FEEDBACK_GIVERS = frozenset({Role.UNIT_HANDLER, Role.UNIT_HEAD, Role.COMMITTEE_STAFF})

FEEDBACK_CLOCK = "feedback"

# fmt: off
DEPUTY = Workflow(
    model="deputies.Deputy",
    noun=_("deputy"),
    statuses=DeputyStatus,
    states={
        D.ACTIVE: State(_("In office: files, signs and is invited"), "D§3"),
        D.SUSPENDED: State(_("Suspended while held or serving a sentence; restored when that ends within the term"), "D§45"),
        D.TERMINATED: State(_("The mandate ended on a ground of D§46; what the deputy signed stays on record"), "D§46", done=True),
    },
    actions=[
        record("record_needs", [D.ACTIVE, D.SUSPENDED], roles=SERVING, who=self_or_serving, article="D§42",
               label=_("given a record of language and custom needs")),
        move("suspend", [D.ACTIVE], D.SUSPENDED, roles=COMMITTEE, article="D§45", label=_("suspended")),
        move("restore", [D.SUSPENDED], D.ACTIVE, roles=COMMITTEE, guard=within_term, article="D§45",
             label=_("restored to office")),
        move("terminate", [D.ACTIVE, D.SUSPENDED], D.TERMINATED, roles=COMMITTEE, article="D§46",
             label=_("ended in office")),
    ],
)

LEAVE = Workflow(
    model="deputies.Leave",
    noun=_("leave request"),
    statuses=LeaveStatus,
    states={
        L.REQUESTED: State(_("Asked for in writing; the body of D§8 decides"), "D§8"),
        L.APPROVED: State(_("Approved: the deputy's absence from the session is excused"), "D§8", done=True),
        L.REFUSED: State(_("Refused: an absence counts as unapproved (D§46(3))"), "D§8", done=True),
        L.WITHDRAWN: State(_("Withdrawn: the deputy attends after all"), "D§8", done=True),
    },
    actions=[
        choose("decide", {L.REQUESTED: [L.APPROVED, L.REFUSED]}, roles=LEAVE_DECIDERS, who=deciding_body,
               denied=wrong_deciding_body, article="D§8", label=_("decided")),
        move("withdraw", [L.REQUESTED], L.WITHDRAWN, roles=LEAVE_ASKERS, who=asks_or_enters, article="D§8",
             label=pgettext_lazy("leave action", "withdrawn")),
    ],
)

TRAINING = Workflow(
    model="deputies.Training",
    noun=_("training"),
    statuses=TrainingStatus,
    states={
        T.PLANNED: State(_("Planned; the deputies invited are told"), "D§41"),
        T.HELD: State(_("Held, with the deputies who attended"), "D§41", done=True),
        T.CANCELLED: State(_("Cancelled; the deputies invited are told"), "D§41", done=True),
    },
    actions=[
        record("invite", [T.PLANNED], roles=COMMITTEE, article="D§41", label=_("given more deputies")),
        move("hold", [T.PLANNED], T.HELD, roles=COMMITTEE, guard=has_taken_place, article="D§41",
             label=pgettext_lazy("training action", "recorded as held")),
        move("cancel", [T.PLANNED], T.CANCELLED, roles=COMMITTEE, article="D§41",
             label=pgettext_lazy("training action", "cancelled")),
    ],
)

INSPECTION = Workflow(
    model="deputies.Inspection",
    noun=_("inspection"),
    statuses=InspectionStatus,
    states={
        IS.PLANNED: State(_("Organised with its deputies and places"), "D§22"),
        IS.REPORTED: State(_("Its report records the findings and the opinions raised; the SC forwards it"), "D§27"),
        # Done for the inspection: each body's feedback runs its own clock (FEEDBACK below).
        IS.FORWARDED: State(_("Forwarded by the SC to the bodies concerned, whose feedback is due"), "D§27", done=True),
        IS.CANCELLED: State(_("Cancelled"), "D§22", done=True),
    },
    actions=[
        record("edit", [IS.PLANNED, IS.REPORTED], roles=ORGANISERS, who=organiser_staff, article="D§22",
               label=pgettext_lazy("inspection action", "edited")),
        move("report", [IS.PLANNED], IS.REPORTED, roles=ORGANISERS, who=organiser_staff, article="D§27",
             label=_("given its report")),
        record("request_meeting", [IS.PLANNED, IS.REPORTED], roles={Role.DEPUTY, *ORGANISERS},
               who=took_part_or_organises, article="D§22", label=_("the occasion of a request to meet an official")),
        record("arrange_meeting", [IS.PLANNED, IS.REPORTED, IS.FORWARDED], roles=ORGANISERS, who=organiser_staff,
               article="D§22", label=_("the occasion of a meeting with an official")),
        # The SC forwards the report (D§27); forwarding again adds bodies, each with its clock.
        move("forward", [IS.REPORTED, IS.FORWARDED], IS.FORWARDED, roles=COMMITTEE, article="D§27",
             label=_("forwarded to the bodies concerned")),
        move("cancel", [IS.PLANNED], IS.CANCELLED, roles=ORGANISERS, who=organiser_staff, article="D§22",
             label=pgettext_lazy("inspection action", "cancelled")),
    ],
)

FEEDBACK = Workflow(
    model="deputies.Feedback",
    noun=_("feedback on an inspection report"),
    statuses=FeedbackStatus,
    states={
        F.PENDING: State(_("The body studies the report's opinions; its feedback is due within 3 months of receipt"),
                         "D§27", clocks=(FEEDBACK_CLOCK,)),
        F.GIVEN: State(_("Given, and sent to every deputy who took part"), "D§27", done=True),
    },
    actions=[
        move("give", [F.PENDING], F.GIVEN, roles=FEEDBACK_GIVERS, who=owes_feedback, article="D§27",
             label=_("given")),
    ],
    clocks={FEEDBACK_CLOCK: Clock(INSPECTION_FEEDBACK.code)},
)

REPORT = Workflow(
    model="deputies.ConstituentReport",
    noun=_("report to constituents"),
    statuses=ReportStatus,
    states={
        R.DRAFT: State(_("Drafted from the archive; the deputy edits it"), "D§43"),
        R.FINAL: State(_("Final, to print and deliver to the voters"), "D§43", done=True),
    },
    actions=[
        record("edit", [R.DRAFT], roles={Role.DEPUTY}, who=own_report, article="D§43",
               label=pgettext_lazy("report action", "edited")),
        move("finalise", [R.DRAFT], R.FINAL, roles={Role.DEPUTY}, who=own_report, article="D§43",
             label=_("made final")),
        move("reopen", [R.FINAL], R.DRAFT, roles={Role.DEPUTY}, who=own_report, article="D§43",
             label=_("reopened for editing")),
    ],
)
# fmt: on


# --- Status sets the app reads, each derived from the tables once --------------------------------


def in_order(choices: type, statuses: frozenset[str] | set[str]) -> list[str]:
    """In the order the statuses are declared: index conditions and migrations stay stable."""
    return [s for s in choices.values if s in statuses]  # type: ignore[attr-defined]


# A leave that stands: asked for and not yet decided, or granted. One per deputy and session.
LEAVE_STANDING = in_order(LeaveStatus, LEAVE.open_statuses | {L.APPROVED})
# An inspection that took place: its report is recorded (D§27); the archive counts these.
INSPECTION_TOOK_PLACE = in_order(
    InspectionStatus, INSPECTION.action("report").targets | INSPECTION.action("forward").targets
)
# Feedback still owed (D§27): its clock runs.
FEEDBACK_OWED = in_order(FeedbackStatus, FEEDBACK.open_statuses)
# Open invitations of a planned training lapse with a deputy's suspension or termination.
TRAINING_INVITING = in_order(TrainingStatus, TRAINING.sources("invite"))

# The history's words: each table's actions, and the events that create a record.
ACTION_LABELS: dict[str, str | Promise] = {
    "create": pgettext_lazy("history", "created"),
    "request": pgettext_lazy("history", "asked for in writing"),
    "plan": pgettext_lazy("history", "planned"),
    "forward_to": pgettext_lazy("history", "report received"),
    "lapse": pgettext_lazy("history", "invitation lapsed"),
    "generate": pgettext_lazy("history", "drafted from the archive"),
    **{name: a.label for table in (DEPUTY, LEAVE, TRAINING, INSPECTION, FEEDBACK, REPORT)
       for name, a in table.actions.items()},
}  # fmt: skip
