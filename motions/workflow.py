"""The motion workflow of WORKFLOWS.md §3 as one table: statuses, the moves out of each, the
article behind each, and the clock a status starts.

Pure Python: no database. Each service in motions/services.py performs one action of ACTIONS;
it calls `require(action, status)` before it changes anything, so no move outside this table
can happen. Status names and the error code `invalid_transition` are a public contract.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from congress.deadlines.statutory import MOTION_REPORT, Rule, article_label
from congress.errors import DomainError
from congress.roles import Role


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


@dataclass(frozen=True)
class State:
    meaning: str | Promise
    next: frozenset[Status]
    article: str
    clock: Rule | None = None  # the deadline entering this status starts


STATES: dict[Status, State] = {
    S.DRAFT: State(gettext_lazy("The lead deputy writes; co-signers are invited and each receives the text"), frozenset({S.SUBMITTED}), "M§12"),
    S.SUBMITTED: State(gettext_lazy("Filed before the deadline; the secretariat classifies it and asks the committees"), frozenset({S.UNDER_REVIEW, S.WITHDRAWN}), "M§17"),
    # WORKFLOWS.md lets a motion leave review only by a recommendation. Merging is the
    # committee's own act (M§18), so a motion can also be merged while under review; the
    # proposers may still withdraw it before the presidium decides (D§11 restricts only
    # withdrawal after it is on the agenda).
    S.UNDER_REVIEW: State(gettext_lazy("Before the motion-review committee"), frozenset({S.RECOMMENDED, S.MERGED, S.WITHDRAWN}), "M§17"),
    S.RECOMMENDED: State(gettext_lazy("The committee recommended agenda, recess review or handling as a suggestion"), frozenset({S.ON_AGENDA, S.REFERRED, S.CONVERTED, S.MERGED, S.WITHDRAWN}), "M§18"),
    # A reconsideration answered by the presidium (M§19) may move a decided motion to
    # another decision; these are the only moves out of a decision before its work begins.
    S.ON_AGENDA: State(gettext_lazy("The presidium put it on the session's agenda"), frozenset({S.ADOPTED, S.REJECTED, S.AUTHORIZED, S.WITHDRAWN, S.REFERRED}), "M§20"),
    S.REFERRED: State(gettext_lazy("Referred to a special committee or SC body for review in recess"), frozenset({S.REPORTED, S.ON_AGENDA}), "M§23", clock=MOTION_REPORT),
    S.REPORTED: State(gettext_lazy("The review result report was submitted"), frozenset({S.CONCLUDED}), "M§23"),
    S.CONCLUDED: State(gettext_lazy("The SC deliberated the report; it is published and goes to the next session"), frozenset(), "M§26"),
    S.CONVERTED: State(gettext_lazy("Handled as a suggestion; a linked suggestion was created"), frozenset(), "M§18(3)"),
    S.MERGED: State(gettext_lazy("Merged into another motion of the same or similar content"), frozenset(), "M§18"),
    S.ADOPTED: State(gettext_lazy("Adopted by the plenary"), frozenset(), "M§20"),
    S.REJECTED: State(gettext_lazy("Rejected by the plenary"), frozenset(), "M§20"),
    S.AUTHORIZED: State(gettext_lazy("The plenary authorized the SC to decide after the session"), frozenset({S.CONCLUDED}), "M§21"),
    S.WITHDRAWN: State(gettext_lazy("Withdrawn by its proposers"), frozenset(), "D§11"),
}  # fmt: skip

TERMINAL = frozenset(s for s, state in STATES.items() if not state.next)
# Statuses a motion can be in once filed: it has a number and is part of the session's work.
FILED = frozenset(set(Status) - {S.DRAFT})
# Decisions the presidium takes on a recommended motion (M§18, M§20, M§23).
DECIDED = frozenset({S.ON_AGENDA, S.REFERRED, S.CONVERTED})

# Who performs each action; superusers may do everything.
DEPUTIES = frozenset({Role.DEPUTY, Role.DELEGATION_STAFF})
SECRETARIAT = frozenset({Role.SECRETARIAT})
REVIEWERS = frozenset({Role.REVIEW_COMMITTEE})
# The referred body's own staff act through the supervisor role (their organisation is the
# body); the committee staff coordinate recess handling for every body (M§4(1), M§26).
BODY = frozenset({Role.SUPERVISOR, Role.COMMITTEE_STAFF})
COMMITTEE = frozenset({Role.COMMITTEE_STAFF})


@dataclass(frozen=True)
class Action:
    name: str
    sources: frozenset[Status]
    target: Status | None  # None: the action records something without moving the status
    roles: frozenset[str]
    article: str


def _a(
    name: str,
    sources: set[Status] | frozenset[Status],
    target: Status | None,
    roles: frozenset[str],
    article: str,
) -> Action:
    return Action(name, frozenset(sources), target, roles, article)


ACTIONS: dict[str, Action] = {
    a.name: a
    for a in [
        _a("edit", {S.DRAFT}, None, DEPUTIES, "M§12"),
        _a("invite", {S.DRAFT}, None, DEPUTIES, "M§12"),
        _a("confirm", {S.DRAFT}, None, frozenset({Role.DEPUTY}), "M§12"),
        _a("submit", {S.DRAFT}, S.SUBMITTED, DEPUTIES, "M§13"),
        _a("classify", {S.SUBMITTED, S.UNDER_REVIEW}, None, SECRETARIAT, "M§17"),
        _a("request_opinion", {S.SUBMITTED, S.UNDER_REVIEW}, None, SECRETARIAT, "M§17"),
        _a("send_to_review", {S.SUBMITTED}, S.UNDER_REVIEW, SECRETARIAT, "M§17"),
        _a("recommend", {S.UNDER_REVIEW, S.RECOMMENDED}, S.RECOMMENDED, REVIEWERS, "M§18"),
        _a("merge", {S.UNDER_REVIEW, S.RECOMMENDED}, S.MERGED, REVIEWERS, "M§18"),
        _a("decide", {S.RECOMMENDED}, None, SECRETARIAT, "M§18"),  # target: DECIDED
        _a("request_reconsideration", DECIDED | {S.RECOMMENDED}, None, DEPUTIES, "M§19"),
        _a("answer_reconsideration", DECIDED | {S.RECOMMENDED}, None, SECRETARIAT, "M§19"),
        _a("withdraw", {S.SUBMITTED, S.UNDER_REVIEW, S.RECOMMENDED}, S.WITHDRAWN, DEPUTIES, "D§11"),
        _a("withdraw_with_consent", {S.ON_AGENDA}, S.WITHDRAWN, SECRETARIAT, "D§11"),
        _a("deliberate", {S.ON_AGENDA}, None, SECRETARIAT, "M§22"),
        _a("record_outcome", {S.ON_AGENDA}, None, SECRETARIAT, "M§20"),  # adopted/rejected/authorized
        _a("hearing", {S.REFERRED}, None, BODY, "M§24"),
        _a("body_opinion", {S.REFERRED}, None, BODY, "M§25"),
        _a("report", {S.REFERRED}, S.REPORTED, BODY, "M§23"),
        _a("sc_meeting", {S.REPORTED, S.AUTHORIZED}, None, COMMITTEE, "M§26"),
        _a("conclude", {S.REPORTED, S.AUTHORIZED}, S.CONCLUDED, COMMITTEE, "M§26"),
    ]
}
# The moves `decide`, `record_outcome` and a revising reconsideration answer may make.
DECISION_TARGETS = DECIDED
OUTCOME_TARGETS = frozenset({S.ADOPTED, S.REJECTED, S.AUTHORIZED})


def can_move(source: Status | str, target: Status | str) -> bool:
    return Status(target) in STATES[Status(source)].next


def require(action: str, status: Status | str, target: Status | str | None = None) -> None:
    """Refuse an action the motion's status does not allow (and a move the table lacks).
    Staying in the same status (a recommendation changed before the report) is no move."""
    step = ACTIONS[action]
    current = Status(status)
    target = Status(target) if target else step.target
    if current not in step.sources or (target not in (None, current) and not can_move(current, target)):
        raise DomainError(
            "invalid_transition",
            _("A motion that is “%(status)s” cannot be %(action)s (%(article)s).")
            % {
                "status": current.label,
                "action": action_label(action),
                "article": article_label(step.article),
            },
        )


def action_label(action: str) -> str:
    return str(ACTION_LABELS.get(action, action))


ACTION_LABELS: dict[str, Promise] = {
    "edit": pgettext_lazy("motion action", "edited"),
    "invite": pgettext_lazy("motion action", "given new co-signers"),
    "confirm": pgettext_lazy("motion action", "co-signed"),
    "submit": pgettext_lazy("motion action", "submitted"),
    "classify": pgettext_lazy("motion action", "classified"),
    "request_opinion": pgettext_lazy("motion action", "sent for a committee's opinion"),
    "send_to_review": pgettext_lazy("motion action", "sent to the review committee"),
    "recommend": pgettext_lazy("motion action", "given a recommendation"),
    "merge": pgettext_lazy("motion action", "merged"),
    "decide": pgettext_lazy("motion action", "decided by the presidium"),
    "request_reconsideration": pgettext_lazy("motion action", "the subject of a reconsideration request"),
    "answer_reconsideration": pgettext_lazy("motion action", "reconsidered"),
    "withdraw": pgettext_lazy("motion action", "withdrawn by its proposers"),
    "withdraw_with_consent": pgettext_lazy("motion action", "withdrawn with the presidium's consent"),
    "deliberate": pgettext_lazy("motion action", "deliberated"),
    "record_outcome": pgettext_lazy("motion action", "voted on"),
    "hearing": pgettext_lazy("motion action", "heard in recess"),
    "body_opinion": pgettext_lazy("motion action", "sent to a body for its opinion"),
    "report": pgettext_lazy("motion action", "reported on"),
    "sc_meeting": pgettext_lazy("motion action", "deliberated by the SC"),
    "conclude": pgettext_lazy("motion action", "concluded"),
}
