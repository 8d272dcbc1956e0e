"""The motion workflow of WORKFLOWS.md §3 as one table on the engine (congress/workflow.py):
the states with their meaning, article and clock, the actions with who may take them, and
the status sets the rest of the app reads.

Pure Python: no model is imported. The `who` checks and guards (motions/checks.py) follow the
motion's relations; the services lock the row, then `MOTION.require` the action before they
change anything, so no move outside this table can happen. Status names and the error code
`invalid_transition` are a public contract: statuses are added (where the statute has a step
WORKFLOWS.md lacks), none renamed.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy, pgettext_lazy

from congress.deadlines.statutory import MOTION_REPORT
from congress.roles import Role
from congress.workflow import Clock, State, Workflow, choose, move, record
from motions.checks import (
    author,
    body_staff,
    filer,
    invited,
    not_a_review_member,
    not_invited,
    not_yet_sent,
    nothing_merged_into,
    proposer,
    ready_to_report,
    recommendations_open,
    reconsideration_awaited,
    reconsideration_open,
    refile_offered,
    report_adopted,
    responsible_named,
    review_member,
    submission_open,
)


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
    # Steps of the statute WORKFLOWS.md §3 does not list (the statute wins): the presidium
    # decides not to put a motion on the agenda to the vote (M§20); the SC, authorised by the
    # plenary, submits it to the next session's deliberation instead of deciding (M§21).
    NOT_PUT_TO_VOTE = "not_put_to_vote", pgettext_lazy("motion status", "Not put to the vote")
    TO_NEXT_SESSION = "to_next_session", pgettext_lazy("motion status", "Submitted to the next session")


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
        S.AUTHORIZED: State(gettext_lazy("The plenary authorized the SC to decide after the session, or to submit it to the next session"), "M§21"),
        S.WITHDRAWN: State(gettext_lazy("Withdrawn by its proposers"), "D§11", done=True),
        S.NOT_PUT_TO_VOTE: State(gettext_lazy("The presidium decided not to put it to the plenary vote; its deliberation ends with the session"), "M§20", done=True),
        S.TO_NEXT_SESSION: State(gettext_lazy("The SC, authorized by the plenary, submitted it to the next session for deliberation"), "M§21", done=True),
    },
    actions=[
        # Filing (M§8–M§13): the author writes the text and chooses the co-signers; the filer
        # (the author, or the delegation staff who collect the motions, M§13) files it.
        record("edit", [S.DRAFT], roles=DEPUTIES, article="M§12", who=author,
               label=pgettext_lazy("motion action", "edited")),
        record("invite", [S.DRAFT], roles=DEPUTIES, article="M§12", who=author,
               label=pgettext_lazy("motion action", "given new co-signers")),
        record("confirm", [S.DRAFT], roles={Role.DEPUTY}, article="M§12", who=invited, denied=not_invited,
               label=pgettext_lazy("motion action", "co-signed")),
        move("submit", [S.DRAFT], S.SUBMITTED, roles=DEPUTIES, article="M§13", who=filer, guard=submission_open,
             label=pgettext_lazy("motion action", "submitted")),
        record("refile_as_suggestion", [S.DRAFT], roles=DEPUTIES, article="M§13", who=author, guard=refile_offered,
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
             who=review_member, denied=not_a_review_member, guard=recommendations_open,
             label=pgettext_lazy("motion action", "given a recommendation")),
        move("merge", [S.UNDER_REVIEW, S.RECOMMENDED], S.MERGED, roles=REVIEWERS, article="M§18",
             who=review_member, denied=not_a_review_member, guard=recommendations_open,
             label=pgettext_lazy("motion action", "merged")),
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
        # M§20: the presidium decides whether to put it to the plenary vote (是否提请大会全体会议表决);
        # WORKFLOWS.md §3 has only the vote's outcomes, the statute also the decision not to.
        move("not_to_vote", [S.ON_AGENDA], S.NOT_PUT_TO_VOTE, roles=SECRETARIAT, article="M§20",
             label=pgettext_lazy("motion action", "kept from the vote by the presidium")),
        # Review in recess (M§23–M§25): the body names the person responsible, who meets the
        # deputies (M§5(3)); it invites the proposers (M§24); only then it reports (M§23).
        record("name_responsible", [S.REFERRED], roles=BODY, article="M§5", who=body_staff,
               label=pgettext_lazy("motion action", "given a responsible person")),
        record("meet", [S.REFERRED], roles=BODY, article="M§5", who=body_staff, guard=responsible_named,
               label=pgettext_lazy("motion action", "discussed face to face with its proposers")),
        record("hearing", [S.REFERRED], roles=BODY, article="M§24", who=body_staff,
               label=pgettext_lazy("motion action", "heard in recess")),
        record("body_opinion", [S.REFERRED], roles=BODY, article="M§25", who=body_staff,
               label=pgettext_lazy("motion action", "sent to a body for its opinion")),
        move("report", [S.REFERRED], S.REPORTED, roles=BODY, article="M§23", who=body_staff, guard=ready_to_report,
             label=pgettext_lazy("motion action", "reported on")),
        # The SC: it deliberates the report (M§26) or decides as the plenary authorized it, or
        # submits the authorized motion to the next session instead (M§21; WORKFLOWS.md §3 has
        # only the conclusion). What comes of it goes to the next session: the report printed
        # for it (M§26), the SC's decision reported for the record (M§21).
        record("sc_meeting", [S.REPORTED, S.AUTHORIZED], roles=COMMITTEE, article="M§26",
               label=pgettext_lazy("motion action", "deliberated by the SC")),
        move("conclude", [S.REPORTED, S.AUTHORIZED], S.CONCLUDED, roles=COMMITTEE, article="M§26",
             label=pgettext_lazy("motion action", "concluded")),
        move("submit_to_next_session", [S.AUTHORIZED], S.TO_NEXT_SESSION, roles=COMMITTEE, article="M§21",
             label=pgettext_lazy("motion action", "submitted to the next session")),
        record("distribute", [S.CONCLUDED], roles=COMMITTEE, article="M§26", guard=not_yet_sent,
               label=pgettext_lazy("motion action", "sent to the next session")),
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
IN_RECESS = (
    MOTION.sources("report")
    | MOTION.sources("conclude")
    | MOTION.action("conclude").targets
    | MOTION.action("submit_to_next_session").targets
)
# Motions that owe the next session something (M§21, M§26): a concluded one until its report or
# the SC's decision is sent there, an authorized one until the SC decides or submits it there.
OWED_TO_NEXT_SESSION = MOTION.sources("distribute") | MOTION.sources("submit_to_next_session")
# A referred motion keeps its reviewing body and report clock once it reported (M§23, M§26).
HAS_REVIEW_BODY = MOTION.statuses_running(REPORT_CLOCK) | MOTION.action("report").targets
# What the public reads: the SC's conclusion is published with the report (M§26).
PUBLISHED = MOTION.action("conclude").targets
