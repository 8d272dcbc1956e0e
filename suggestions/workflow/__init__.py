"""The suggestion workflow's tables (WORKFLOWS.md §2) in the one engine's shape
(congress.workflow): the suggestion, each unit's assignment, and the unit's reply.

Pure Python, no model imports. Services `require` from these tables before every change;
pages, the API, the sweeps and the reports read the same tables: the actions a user may take
(`available_actions`), the status sets and the clocks. Who may act is in `who`, the rules of
a record's own beyond its status in `guards`, the statuses in `statuses`.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from congress.roles import ASSIGNING_ROLES, UNIT_ROLES
from congress.roles import Role as UserRole
from congress.workflow import Clock, State, Workflow, choose, move, record
from suggestions.workflow.guards import (
    co_unit_only,
    extension_awaits_decision,
    extension_possible,
    key_suggestion_only,
    objection_window_open,
    reply_may_be_drafted,
    responsible_named,
    still_public,
    unsatisfied_rating_waits,
    withheld_now,
)
from suggestions.workflow.statuses import (
    REPLYING_ROLES,
    AssignmentStatus,
    CoSignerStatus,
    Kind,
    Party,
    RectificationStatus,
    ReplyStatus,
    Role,
    Status,
    check_roles,
)
from suggestions.workflow.who import (
    addressee,
    assigning_body,
    invited_cosigner,
    lead_or_enterer,
    not_invited,
    portal,
    proposer,
    replied_unit,
    supervisor,
    unit_head,
    unit_or_assigning_body,
    unit_staff,
    withdrawer,
)

__all__ = [
    "ANSWERED", "ASSIGNMENT", "LEFT_THE_UNIT", "OWING_A_REPLY", "PUBLISHED", "RECTIFICATION", "REPLY", "REPLYING_ROLES", "SUGGESTION", "AssignmentStatus",
    "CoSignerStatus", "Kind", "Party", "RectificationStatus", "ReplyStatus", "Role", "Status", "check_roles",
]  # fmt: skip

S, A, R = Status, AssignmentStatus, ReplyStatus
# S§13: the deputy files, or staff (the assigning bodies, the delegation's) enter it for them.
FILERS = {UserRole.DEPUTY, UserRole.DELEGATION_STAFF, *ASSIGNING_ROLES}
UNITS_AND_ASSIGNING_BODIES = {*UNIT_ROLES, *ASSIGNING_ROLES}
# Whatever became of the suggestion since, a deputy's request is answered.
EVERY_STATUS = list(Status)
# Where a key suggestion is handled and supervised: from acceptance (S§35) until it is done.
KEY_STATUSES = [S.ACCEPTED, S.ASSIGNED, S.REPLIED, S.REHANDLING, S.CLOSED]
# Steps the portal takes as the consequence of another: no role, no user (`require` without one).
NOBODY: set[str] = set()

SUGGESTION = Workflow(
    model="suggestions.Suggestion",
    noun=_("suggestion"),
    statuses=Status,
    states={
        S.DRAFT: State(_("the lead deputy writes; co-signers are invited"), "S§13"),
        S.SUBMITTED: State(_("filed; awaits review"), "S§15"),
        S.RETURNED: State(_("sent back to the deputy to improve"), "S§15"),
        S.NOT_ACCEPTED: State(_("forwarded as a deputy's letter"), "S§10", done=True),
        S.MERGED: State(_("merged into another suggestion; its deputies get that reply"), "S§15", done=True),
        S.ACCEPTED: State(_("qualifies; awaits assignment"), "S§19"),
        S.ASSIGNED: State(_("routed to handling units; handling under way"), "S§19"),
        S.REPLIED: State(
            _("every required reply was delivered; the deputies evaluate"), "S§30", clocks=("evaluation",)
        ),
        S.REHANDLING: State(_("handled again after an unsatisfied evaluation"), "S§30"),
        S.CLOSED: State(_("done: evaluated, explained, or the evaluation window passed"), "S§30", done=True),
        S.WITHDRAWN: State(_("withdrawn in writing by the proposer"), "S§16", done=True),
    },
    actions=[
        # S§13, S§14: the deputy writes and invites; co-signers confirm the final text.
        record("edit", [S.DRAFT, S.RETURNED], roles=FILERS, article="S§14", label=_("edited"),
               who=lead_or_enterer),
        record("invite", [S.DRAFT, S.RETURNED], roles=FILERS, article="S§14", label=_("given co-signers"),
               who=lead_or_enterer),
        record("uninvite", [S.DRAFT, S.RETURNED], roles=FILERS, article="S§14",
               label=_("given fewer co-signers"), who=lead_or_enterer),
        record("confirm", [S.DRAFT, S.RETURNED], roles={UserRole.DEPUTY}, article="S§14", label=_("co-signed"),
               who=invited_cosigner, denied=not_invited),
        record("decline", [S.DRAFT, S.RETURNED], roles={UserRole.DEPUTY}, article="S§14",
               label=_("declined by a co-signer"), who=invited_cosigner, denied=not_invited),
        move("submit", [S.DRAFT, S.RETURNED], S.SUBMITTED, roles=FILERS, article="S§13", label=_("filed"),
             who=lead_or_enterer),
        # S§16: withdrawn in writing by the proposer, before the reply.
        move("withdraw", [S.DRAFT, S.SUBMITTED, S.RETURNED, S.ACCEPTED, S.ASSIGNED], S.WITHDRAWN,
             roles={UserRole.DEPUTY, *ASSIGNING_ROLES}, article="S§16", label=_("withdrawn"), who=withdrawer),
        # S§15: the review (复核); S§10: what is not a suggestion is forwarded as a letter.
        move("accept", [S.SUBMITTED], S.ACCEPTED, roles=ASSIGNING_ROLES, article="S§15", label=_("accepted"),
             who=assigning_body),
        move("return", [S.SUBMITTED], S.RETURNED, roles=ASSIGNING_ROLES, article="S§15", label=_("returned"),
             who=assigning_body),
        move("not_accept", [S.SUBMITTED], S.NOT_ACCEPTED, roles=ASSIGNING_ROLES, article="S§10",
             label=_("not accepted"), who=assigning_body),
        move("merge", [S.SUBMITTED, S.ACCEPTED], S.MERGED, roles=ASSIGNING_ROLES, article="S§15",
             label=_("merged"), who=assigning_body),
        record("merge_in", [S.SUBMITTED, S.ACCEPTED, S.ASSIGNED], roles=ASSIGNING_ROLES, article="S§15",
               label=_("merged into"), who=assigning_body),
        # S§17–S§19: the assigning body routes it to handling units. S§21: the deputies may
        # disagree; the body re-routes it, or keeps the units and answers.
        move("assign", [S.ACCEPTED], S.ASSIGNED, roles=ASSIGNING_ROLES, article="S§19", label=_("assigned"),
             who=assigning_body),
        record("reroute", [S.ASSIGNED], roles=ASSIGNING_ROLES, article="S§21", label=_("re-routed"),
               who=assigning_body),
        record("disagree", [S.ASSIGNED], roles={UserRole.DEPUTY}, article="S§21", label=_("disputed"),
               who=proposer),
        record("answer_disagreement", EVERY_STATUS, roles=ASSIGNING_ROLES, article="S§21",
               label=_("answered on a disagreement"), who=assigning_body),
        # S§27, S§29: every required reply delivered (sole, each split unit, or the lead).
        move("reply", [S.ASSIGNED, S.REHANDLING], S.REPLIED, roles=NOBODY, article="S§29", label=_("replied"),
             who=portal),
        # S§30: each deputy rates the reply. Rated by all and none unsatisfied, or once the
        # window passed, it closes; after an unsatisfied rating the committee decides.
        record("evaluate", [S.REPLIED], roles={UserRole.DEPUTY}, article="S§30", label=_("evaluated"),
               who=addressee),
        move("close", [S.REPLIED], S.CLOSED, roles=NOBODY, article="S§30", label=_("closed"), who=portal),
        choose("decide_rehandling", {S.REPLIED: [S.REHANDLING, S.CLOSED]}, roles={UserRole.COMMITTEE_STAFF},
               article="S§30", label=_("decided on after the evaluation"), guard=unsatisfied_rating_waits),
        # S§34–S§41: key handling and its supervision; S§44: deputies ask the committee.
        record("mark_key", [S.SUBMITTED, S.RETURNED, S.ACCEPTED, S.ASSIGNED, S.REPLIED, S.REHANDLING],
               roles={UserRole.COMMITTEE_STAFF}, article="S§34", label=_("made a key suggestion")),
        record("key_comment", EVERY_STATUS, roles={UserRole.SUPERVISOR}, article="S§40",
               label=_("commented on"), who=supervisor),
        record("key_report", EVERY_STATUS, roles=UNIT_ROLES, article="S§41", label=_("reported on"),
               who=replied_unit),
        # S§40(4): what needs following up, the supervising body hands to the unit (滚动办理).
        record("follow_on", [S.REPLIED, S.REHANDLING, S.CLOSED], roles={UserRole.SUPERVISOR}, article="S§40",
               label=_("handed on for follow-on handling"), who=supervisor),
        # S§7(3): the supervising body names its person responsible, who meets the deputies.
        record("name_responsible", KEY_STATUSES, roles={UserRole.SUPERVISOR}, article="S§7",
               label=_("given a responsible person"), who=supervisor),
        record("meet_deputies", KEY_STATUSES, roles={UserRole.SUPERVISOR}, article="S§7",
               label=_("discussed face to face with its deputies"), who=supervisor, guard=responsible_named),
        record("ask", [S.ASSIGNED, S.REPLIED, S.REHANDLING], roles={UserRole.DEPUTY}, article="S§44",
               label=_("asked about"), who=addressee),
        record("arrange", EVERY_STATUS, roles={UserRole.COMMITTEE_STAFF}, article="S§44",
               label=_("arranged for"), who=assigning_body),
    ],
    clocks={"evaluation": Clock("evaluation")},
    aliases=("invalid_status",),
)  # fmt: skip

ASSIGNMENT = Workflow(
    model="suggestions.Assignment",
    noun=_("assignment"),
    statuses=AssignmentStatus,
    states={
        A.PENDING: State(_("delivered; the five-day objection window runs"), "S§20",
                         clocks=("objection", "reply", "co_opinion")),
        # An objection stops no clock: if it is rejected, the unit owes its reply or its opinion
        # by the same day (S§20); the assigning body's ten days run beside them.
        A.OBJECTED: State(_("the unit said in writing it is not responsible; the assigning body decides"),
                          "S§20", clocks=("reassignment", "reply", "co_opinion")),
        A.REASSIGNED: State(_("moved to another unit, whose clocks start afresh"), "S§20", done=True),
        A.HANDLING: State(_("the unit handles it"), "S§24", clocks=("reply", "co_opinion")),
        A.OPINION_SENT: State(_("the co unit sent its opinion; the lead unit replies for all"), "S§26"),
        A.REPLIED: State(_("the reply was signed off and delivered"), "S§29", done=True),
        A.REHANDLING: State(_("handled again, within one month"), "S§30", clocks=("rehandling",)),
        A.WITHDRAWN: State(_("the suggestion was withdrawn"), "S§16", done=True),
    },
    actions=[
        # S§20: within five days of receipt the unit takes it on, or objects in writing to the
        # assigning body (it may not forward it itself); the body decides within ten days.
        move("acknowledge", [A.PENDING], A.HANDLING, roles=UNIT_ROLES, article="S§20", label=_("acknowledged"),
             who=unit_staff),
        move("object", [A.PENDING], A.OBJECTED, roles=UNIT_ROLES, article="S§20", label=_("objected to"),
             who=unit_staff, guard=objection_window_open),
        move("reassign", [A.OBJECTED], A.REASSIGNED, roles=ASSIGNING_ROLES, article="S§20",
             label=_("reassigned"), who=assigning_body),
        move("reject_objection", [A.OBJECTED], A.HANDLING, roles=ASSIGNING_ROLES, article="S§20",
             label=_("kept with the unit"), who=assigning_body),
        move("window_closed", [A.PENDING], A.HANDLING, roles=NOBODY, article="S§20",
             label=_("handed to the unit"), who=portal),
        # S§21, S§16: re-routing or withdrawing the suggestion ends its open assignments.
        move("reroute", [A.PENDING, A.OBJECTED, A.HANDLING, A.OPINION_SENT], A.REASSIGNED, roles=NOBODY,
             article="S§21", label=_("re-routed"), who=portal),
        move("withdraw", [A.PENDING, A.OBJECTED, A.HANDLING, A.OPINION_SENT], A.WITHDRAWN, roles=NOBODY,
             article="S§16", label=_("withdrawn"), who=portal),
        # S§37(1): a key suggestion is handled by the unit's principal or deputy leader, named.
        record("name_leader", [A.PENDING, A.OBJECTED, A.HANDLING, A.OPINION_SENT, A.REHANDLING], roles=UNIT_ROLES,
               article="S§37", label=_("given the unit's leader"), who=unit_staff, guard=key_suggestion_only),
        # S§24: the unit hears the deputy; S§26: a co unit's written opinion to the lead unit.
        record("communicate", [A.PENDING, A.OBJECTED, A.HANDLING, A.OPINION_SENT, A.REHANDLING],
               roles=UNIT_ROLES, article="S§24", label=_("discussed with the deputy"), who=unit_staff),
        move("send_opinion", [A.PENDING, A.HANDLING], A.OPINION_SENT, roles=UNIT_ROLES, article="S§26",
             label=_("answered with an opinion"), who=unit_staff, guard=co_unit_only),
        # S§28: one extension, asked before the reply is due; the assigning body decides.
        record("request_extension", [A.PENDING, A.OBJECTED, A.HANDLING], roles=UNIT_ROLES, article="S§28",
               label=_("extended"), who=unit_staff, guard=extension_possible),
        record("decide_extension", [A.PENDING, A.OBJECTED, A.HANDLING], roles=ASSIGNING_ROLES,
               article="S§28", label=_("decided on an extension"), who=assigning_body,
               guard=extension_awaits_decision),
        # S§25, S§29: the clerk drafts the reply; signed off by the head, it is delivered.
        # Replying in the objection window accepts the suggestion as the unit's own.
        record("draft_reply", [A.PENDING, A.HANDLING, A.REHANDLING], roles=UNIT_ROLES, article="S§25",
               label=_("replied to"), who=unit_staff, guard=reply_may_be_drafted),
        move("reply", [A.PENDING, A.HANDLING, A.REHANDLING], A.REPLIED, roles=NOBODY, article="S§29",
             label=_("replied"), who=portal),
        # S§26: the lead unit replied for all; a co unit's part ends with it.
        move("lead_replied", [A.PENDING, A.HANDLING, A.OPINION_SENT], A.REPLIED, roles=NOBODY,
             article="S§26", label=_("replied by the lead unit"), who=portal),
        # S§30: handled again after an unsatisfied evaluation, within one month.
        move("rehandle", [A.REPLIED], A.REHANDLING, roles=NOBODY, article="S§30", label=_("handled again"),
             who=portal),
    ],
    clocks={
        "objection": Clock("objection"),
        "reassignment": Clock("reassignment"),
        "reply": Clock("reply", only={"role": REPLYING_ROLES}),
        "co_opinion": Clock("co_opinion", only={"role": frozenset({Role.CO})}),
        "rehandling": Clock("rehandling"),
    },
    aliases=("invalid_status",),
)  # fmt: skip

REPLY = Workflow(
    model="suggestions.Reply",
    noun=_("reply"),
    statuses=ReplyStatus,
    states={
        R.DRAFT: State(_("the unit's clerk drafts it; the unit's head signs it off"), "S§29"),
        R.APPROVED: State(_("signed off with the sealed scan and delivered"), "S§29", done=True),
    },
    actions=[
        record("edit", [R.DRAFT], roles=UNIT_ROLES, article="S§25", label=_("edited"), who=unit_staff),
        move("approve", [R.DRAFT], R.APPROVED, roles={UserRole.UNIT_HEAD}, article="S§29",
             label=_("signed off"), who=unit_head),
        # S§33: public unless withheld on a ground; either is logged.
        record("withhold", [R.APPROVED], roles=UNITS_AND_ASSIGNING_BODIES, article="S§33",
               label=_("withheld from publication"), who=unit_or_assigning_body, guard=still_public),
        record("publish", [R.APPROVED], roles=UNITS_AND_ASSIGNING_BODIES, article="S§33",
               label=_("published"), who=unit_or_assigning_body, guard=withheld_now),
        # S§32: the unit reports progress on what a category-B reply promised.
        record("report_progress", [R.APPROVED], roles=UNIT_ROLES, article="S§32",
               label=_("reported on"), who=unit_staff),
    ],
    # Before the one code, redrafting or signing off a signed-off reply answered this.
    aliases=("reply_already_approved",),
)  # fmt: skip

RECTIFICATION = Workflow(
    model="suggestions.Rectification",
    noun=_("rectification order"),
    statuses=RectificationStatus,
    states={
        RectificationStatus.ORDERED: State(_("the unit puts its handling right by the date the SC set"), "S§47"),
        RectificationStatus.REPORTED: State(_("the unit reported the result to the SC"), "S§47", done=True),
    },
    actions=[
        # S§47: 责令承办单位限期整改并报告办理结果: the unit reports, once.
        move("report_rectification", [RectificationStatus.ORDERED], RectificationStatus.REPORTED, roles=UNIT_ROLES,
             article="S§47", label=_("reported on"), who=unit_staff),
    ],
)  # fmt: skip

# S§33: what the public reads: signed off, and not withheld on a ground.
PUBLISHED = Q(status=ReplyStatus.APPROVED, public=True)

# Sets the reports and services ask about, read off the tables.
# A suggestion answered: what replying and closing lead to (S§29, S§30); one handled again
# after an unsatisfied evaluation owes a new reply and is not answered until it has it.
ANSWERED = SUGGESTION.action("reply").targets | SUGGESTION.action("close").targets
# An assignment its unit no longer has: moved on after an objection (S§20), re-routed (S§21),
# or ended with the suggestion's withdrawal (S§16).
LEFT_THE_UNIT = (
    ASSIGNMENT.action("reassign").targets
    | ASSIGNMENT.action("reroute").targets
    | ASSIGNMENT.action("withdraw").targets
)
# The assignments that still owe a reply, in the first round or a re-handling (S§28, S§30):
# open, of a unit that replies (a co unit's part ends with the lead's reply, S§26).
OWING_A_REPLY = Q(
    status__in=sorted(map(str, ASSIGNMENT.open_statuses)), role__in=sorted(map(str, REPLYING_ROLES))
)
