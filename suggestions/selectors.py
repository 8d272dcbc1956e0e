"""Reads of the suggestion workflow: queues, inboxes, clocks, routing proposals."""

from __future__ import annotations

import datetime as dt
from functools import reduce
from operator import or_

from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.functional import Promise

from congress.deadlines.calendar import deadline
from congress.deadlines.periods import Deadline
from congress.deadlines.reminders import RULE_NAMES
from congress.deadlines.statutory import (
    CO_OPINION,
    OBJECTION,
    REASSIGNMENT,
    REHANDLING,
    REPLY,
    REPLY_EXTENSION,
)
from suggestions.models import (
    Assignment,
    Disagreement,
    Evaluation,
    RehandlingDecision,
    RoutingRule,
    Suggestion,
)
from suggestions.workflow import ASSIGNMENT, SUGGESTION, Role, check_roles

# The clocks a unit or the assigning body can be late on (the overdue board, the inboxes'
# "overdue" filter). The objection window is not among them: when it closes, the unit simply
# handles the suggestion (S§20).
OVERDUE_CLOCKS = ("reply", "co_opinion", "reassignment", "rehandling")


def all_clocks(assignment: Assignment) -> dict[str, Deadline]:
    """Every statutory deadline of the assignment, with its explanation."""
    clocks = {"objection": deadline(OBJECTION, assignment.assigned_on)}
    if ASSIGNMENT.clocks["co_opinion"].applies(assignment):
        clocks["co_opinion"] = deadline(CO_OPINION, assignment.assigned_on)
    if ASSIGNMENT.clocks["reply"].applies(assignment):
        extension = REPLY_EXTENSION.period if assignment.extended else None
        clocks["reply"] = deadline(REPLY, assignment.assigned_on, extension=extension)
    if assignment.objected_on:
        clocks["reassignment"] = deadline(REASSIGNMENT, assignment.objected_on)
    if assignment.rehandling_on:
        clocks["rehandling"] = deadline(REHANDLING, assignment.rehandling_on)
    return clocks


def assignment_clocks(assignment: Assignment) -> dict[str, Deadline]:
    """The clocks running now, in the status the assignment is in."""
    running = ASSIGNMENT.running_clocks(assignment)
    return {code: clock for code, clock in all_clocks(assignment).items() if code in running}


def named_clocks(assignment: Assignment) -> list[tuple[str | Promise, Deadline]]:
    """Every clock running on the assignment, soonest first, each with its short proper name
    (说明情况期限, 答复期限 …): the rule's own name describes the act ("the unit objects …") and
    would read as if the unit had already declined."""
    clocks = assignment_clocks(assignment)
    return sorted(
        (
            (RULE_NAMES.get(code) or (clock.rule.name if clock.rule else code), clock)
            for code, clock in clocks.items()
        ),
        key=lambda pair: pair[1].due,
    )


def next_clock(assignment: Assignment) -> Deadline | None:
    clocks = assignment_clocks(assignment)
    return min(clocks.values(), key=lambda d: d.due) if clocks else None


def review_queue(queryset: QuerySet[Suggestion]) -> QuerySet[Suggestion]:
    """What the assigning body works through, oldest filing first so nothing waits long.
    Only the columns the queue shows: the texts stay in the database."""
    return (
        queryset.select_related("lead_deputy", "subject_area")
        .only(*QUEUE_COLUMNS)
        .order_by("submitted_at", "id")
    )


QUEUE_COLUMNS = [
    "id", "number", "number_scope", "session_id", "title", "status", "kind", "urgent", "submitted_at",
    "lead_deputy__name", "subject_area__name",
]  # fmt: skip


def objection_queue() -> QuerySet[Assignment]:
    """Objections awaiting the assigning body, soonest 10-day clock first (S§20)."""
    return (
        Assignment.objects.filter(ASSIGNMENT.running("reassignment"))
        .select_related("suggestion", "unit")
        .order_by("reassignment_due", "id")
    )


def open_disagreements() -> QuerySet[Disagreement]:
    return (
        Disagreement.objects.filter(resolved_at__isnull=True)
        .select_related("suggestion", "deputy")
        .order_by("created_at")
    )


def propose_units(suggestion: Suggestion) -> list[tuple[int, str]]:
    """The routing table's proposal for a suggestion: (unit id, role) pairs.

    Rules for the suggestion's region win over rules for any region.
    """
    rules = list(
        RoutingRule.objects.filter(
            subject_area_id=suggestion.subject_area_id, region__in=["", suggestion.region]
        )
    )
    regional = [r for r in rules if r.region]
    chosen = regional or rules
    proposal = [(r.unit_id, r.role) for r in chosen]
    if check_roles([role for _unit, role in proposal]) is None:
        return proposal
    leads = [p for p in proposal if p[1] in {Role.SOLE, Role.LEAD}]
    return [(leads[0][0], Role.SOLE)] if leads else []


def past_due(clock: str, today: dt.date) -> Q:
    """Assignments whose `clock` runs and whose due date for it (`<clock>_due`) has passed."""
    return ASSIGNMENT.running(clock) & Q(**{f"{clock}_due__lt": today})


def overdue_filter(today: dt.date | None = None) -> Q:
    """Assignments past a running clock (reply, opinion, objection decision, re-handling).
    S§30: a re-handled assignment owes its new answer by its own date, not the old reply's."""
    today = today or timezone.localdate()
    return reduce(or_, (past_due(clock, today) for clock in OVERDUE_CLOCKS))


def unsatisfied_this_round() -> Exists:
    """A deputy rated the reply of the suggestion's current round unsatisfied (S§30)."""
    return Exists(
        Evaluation.objects.filter(
            suggestion=OuterRef("pk"), round=OuterRef("reply_round"), rating=Evaluation.Rating.UNSATISFIED
        )
    )


def awaiting_rehandling_decision() -> QuerySet[Suggestion]:
    """Replied suggestions with an unsatisfied rating in the current round and no decision yet (S§30)."""
    decided = RehandlingDecision.objects.filter(suggestion=OuterRef("pk"), round=OuterRef("reply_round"))
    return (
        Suggestion.objects.filter(status__in=SUGGESTION.sources("decide_rehandling"))
        .filter(unsatisfied_this_round())
        .exclude(Exists(decided))
        .select_related("lead_deputy")
        .order_by(F("replied_at").asc(nulls_last=True))
    )
