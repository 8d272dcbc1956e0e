"""The suggestion and assignment state machines, one table each (WORKFLOWS.md §2).

Pure Python: the services consult these tables before every transition, and the tests
check them without a database. Each transition names the article it comes from.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted, awaiting review")
    RETURNED = "returned", _("Returned for revision")
    NOT_ACCEPTED = "not_accepted", _("Not accepted (forwarded as a letter)")
    MERGED = "merged", _("Merged")
    ACCEPTED = "accepted", _("Accepted, awaiting assignment")
    ASSIGNED = "assigned", _("Assigned, being handled")
    REPLIED = "replied", _("Replied")
    REHANDLING = "rehandling", _("Being handled again")
    CLOSED = "closed", _("Closed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class AssignmentStatus(models.TextChoices):
    PENDING = "pending", _("Delivered: objection window open")
    OBJECTED = "objected", _("Objected: awaiting reassignment")
    REASSIGNED = "reassigned", _("Reassigned to another unit")
    HANDLING = "handling", _("Being handled")
    OPINION_SENT = "opinion_sent", _("Opinion sent to the lead unit")
    REPLIED = "replied", _("Replied")
    REHANDLING = "rehandling", _("Being handled again")
    WITHDRAWN = "withdrawn", _("Withdrawn")


@dataclass(frozen=True)
class Transition:
    action: str
    sources: frozenset[str]
    target: str
    article: str


def _t(action: str, sources: set[str], target: str, article: str) -> Transition:
    return Transition(action, frozenset(sources), target, article)


S = Status
SUGGESTION_TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in [
        # S§13, S§14: the deputy files; joint co-signers confirm the final text first.
        _t("submit", {S.DRAFT, S.RETURNED}, S.SUBMITTED, "S§13"),
        # S§15: the review (复核).
        _t("accept", {S.SUBMITTED}, S.ACCEPTED, "S§15"),
        _t("return", {S.SUBMITTED}, S.RETURNED, "S§15"),
        _t("not_accept", {S.SUBMITTED}, S.NOT_ACCEPTED, "S§10"),
        _t("merge", {S.SUBMITTED, S.ACCEPTED}, S.MERGED, "S§15"),
        # S§16: withdrawn in writing by the proposer, before the reply.
        _t("withdraw", {S.DRAFT, S.SUBMITTED, S.RETURNED, S.ACCEPTED, S.ASSIGNED}, S.WITHDRAWN, "S§16"),
        # S§17–S§19: the assigning body routes it to handling units.
        _t("assign", {S.ACCEPTED}, S.ASSIGNED, "S§19"),
        # S§21: after a deputy's disagreement the committee re-routes.
        _t("reroute", {S.ASSIGNED}, S.ASSIGNED, "S§21"),
        # S§27, S§29: every required reply delivered (sole, each split unit, or the lead).
        _t("reply", {S.ASSIGNED, S.REHANDLING}, S.REPLIED, "S§29"),
        # S§30: unsatisfied, and the committee orders the unit to handle it again (1 month).
        _t("rehandle", {S.REPLIED}, S.REHANDLING, "S§30"),
        # S§30: evaluated, explained after an unsatisfied rating, or the evaluation window passed.
        _t("close", {S.REPLIED}, S.CLOSED, "S§30"),
    ]
}

A = AssignmentStatus
# Assignments still owing something; the others are finished.
OPEN_ASSIGNMENT = frozenset({A.PENDING, A.OBJECTED, A.HANDLING, A.OPINION_SENT, A.REHANDLING})
ASSIGNMENT_TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in [
        _t("acknowledge", {A.PENDING}, A.HANDLING, "S§20"),
        # S§20: within 5 days of receipt, in writing, to the assigning body; never forwarded by the unit.
        _t("object", {A.PENDING}, A.OBJECTED, "S§20"),
        # S§20: the assigning body decides within 10 days of the objection.
        _t("reassign", {A.OBJECTED}, A.REASSIGNED, "S§20"),
        _t("reject_objection", {A.OBJECTED}, A.HANDLING, "S§20"),
        # The objection window closed without an objection: the unit handles it.
        _t("window_closed", {A.PENDING}, A.HANDLING, "S§20"),
        # S§21: re-routed after a deputy's disagreement.
        _t("reroute", {A.PENDING, A.OBJECTED, A.HANDLING}, A.REASSIGNED, "S§21"),
        _t("withdraw", {A.PENDING, A.OBJECTED, A.HANDLING, A.OPINION_SENT}, A.WITHDRAWN, "S§16"),
        # S§26: a co unit sends its written opinion to the lead unit.
        _t("send_opinion", {A.PENDING, A.HANDLING}, A.OPINION_SENT, "S§26"),
        # S§29: the reply, approved by the unit's head, is delivered. Replying in the objection
        # window accepts the suggestion as the unit's own.
        _t("reply", {A.PENDING, A.HANDLING, A.REHANDLING}, A.REPLIED, "S§29"),
        # S§26: the lead unit replied for all; a co unit's part ends with it.
        _t("lead_replied", {A.PENDING, A.HANDLING, A.OPINION_SENT}, A.REPLIED, "S§26"),
        # S§30: handled again after an unsatisfied evaluation, within one month.
        _t("rehandle", {A.REPLIED}, A.REHANDLING, "S§30"),
    ]
}

# Which clocks run in each assignment status (the rule codes of congress.deadlines.statutory).
ASSIGNMENT_CLOCKS: dict[str, tuple[str, ...]] = {
    A.PENDING: ("objection", "reply"),
    A.OBJECTED: ("reassignment", "reply"),
    A.HANDLING: ("reply",),
    A.OPINION_SENT: (),
    A.REHANDLING: ("rehandling",),  # S§30
    A.REASSIGNED: (),
    A.REPLIED: (),
    A.WITHDRAWN: (),
}


def running_clocks(status: str, role: str) -> tuple[str, ...]:
    """The clocks running for an assignment; a co unit owes its opinion, not the reply (S§26)."""
    clocks = ASSIGNMENT_CLOCKS[status]
    if role == Role.CO:
        return tuple("co_opinion" if c == "reply" else c for c in clocks)
    return clocks


def can(transitions: dict[str, Transition], action: str, status: str) -> bool:
    return status in transitions[action].sources


class Role(models.TextChoices):
    SOLE = "sole", _("Sole handling")
    SPLIT = "split", _("Split handling")
    LEAD = "lead", _("Lead unit")
    CO = "co", _("Co-handling unit")


def check_roles(roles: list[str]) -> str | None:
    """S§19: one sole unit; or two or more split units; or one lead with one or more co units.

    Returns the reason a combination is wrong, or None when it is right.
    """
    if not roles:
        return "no_units"
    kinds = set(roles)
    if kinds == {Role.SOLE}:
        return None if len(roles) == 1 else "one_sole_unit"
    if kinds == {Role.SPLIT}:
        return None if len(roles) >= 2 else "split_needs_two"
    if kinds == {Role.LEAD, Role.CO}:
        return None if roles.count(Role.LEAD) == 1 else "one_lead_unit"
    return "roles_mixed"


# How each recorded action reads in the history.
ACTION_LABELS = {
    "create": pgettext_lazy("history", "created"),
    "create_from_motion": pgettext_lazy("history", "created from a motion handled as a suggestion"),
    "edit": pgettext_lazy("history", "edited"),
    "invite": pgettext_lazy("history", "co-signers invited"),
    "uninvite": pgettext_lazy("history", "invitation withdrawn"),
    "confirm": pgettext_lazy("history", "co-signer confirmed the text"),
    "decline": pgettext_lazy("history", "co-signer declined"),
    "submit": pgettext_lazy("history", "filed"),
    "accept": pgettext_lazy("history", "accepted"),
    "return": pgettext_lazy("history", "returned for revision"),
    "not_accept": pgettext_lazy("history", "not accepted; forwarded as a letter"),
    "merge": pgettext_lazy("history", "merged into another"),
    "merge_in": pgettext_lazy("history", "others merged into this one"),
    "withdraw": pgettext_lazy("history", "withdrawn"),
    "assign": pgettext_lazy("history", "assigned"),
    "assign_unit": pgettext_lazy("history", "unit assigned"),
    "reroute": pgettext_lazy("history", "re-routed"),
    "disagree": pgettext_lazy("history", "deputy disagreed with the assignment"),
    "disagreement_answered": pgettext_lazy("history", "disagreement answered"),
    "acknowledge": pgettext_lazy("history", "unit acknowledged"),
    "object": pgettext_lazy("history", "unit objected"),
    "reassign": pgettext_lazy("history", "reassigned"),
    "reject_objection": pgettext_lazy("history", "objection rejected"),
    "window_closed": pgettext_lazy("history", "objection window closed"),
    "communicate": pgettext_lazy("history", "communication with the deputy recorded"),
    "lead_replied": pgettext_lazy("history", "the lead unit replied for all"),
    "send_opinion": pgettext_lazy("history", "co-handling opinion sent to the lead unit"),
    "request_extension": pgettext_lazy("history", "extension requested"),
    "extension_approved": pgettext_lazy("history", "extension approved"),
    "extension_refused": pgettext_lazy("history", "extension refused"),
    "draft_reply": pgettext_lazy("history", "reply drafted"),
    "reply": pgettext_lazy("history", "reply approved and delivered"),
    "evaluate": pgettext_lazy("history", "deputy evaluated the reply"),
    "rehandle": pgettext_lazy("history", "re-handling ordered"),
    "close": pgettext_lazy("history", "closed"),
    "explain": pgettext_lazy("history", "unsatisfied rating explained"),
    "withhold_reply": pgettext_lazy("history", "reply withheld from publication"),
    "publish_reply": pgettext_lazy("history", "reply published"),
    "mark_key": pgettext_lazy("history", "made a key suggestion"),
    "key_approved": pgettext_lazy("history", "key handling approved by the chairpersons' meeting"),
    "supervisor_comment": pgettext_lazy("history", "supervising body commented"),
    "key_report": pgettext_lazy("history", "handling reported to the supervising body"),
    "commitment_progress": pgettext_lazy("history", "commitment progress reported"),
    "supervision_request": pgettext_lazy("history", "deputy asked the committee"),
    "supervision_arranged": pgettext_lazy("history", "committee arranged the deputy's request"),
}
STATUS_LABELS = dict(Status.choices) | dict(AssignmentStatus.choices)
