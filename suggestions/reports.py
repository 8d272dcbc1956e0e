"""Reads for the people who follow the handling: supervisors of key suggestions (S§39–S§41),
the committee's accountability lists (S§47) and the commitments of category-B replies (S§32).

Counts are set-based: one GROUP BY query per table, whatever the number of units; lists are
querysets the pages filter, page and export.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import (
    Count,
    Exists,
    F,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
)

from congress.deadlines.calendar import deadline
from congress.deadlines.periods import ONE_DAY, Deadline
from congress.deadlines.statutory import REPLY
from congress.templatetags.deadlines import SOON_DAYS
from suggestions.models import (
    Assignment,
    Commitment,
    Evaluation,
    KeyNote,
    KeySuggestion,
    Reply,
    Suggestion,
)
from suggestions.permissions import visible_suggestions
from suggestions.selectors import all_clocks, past_due
from suggestions.workflow import ASSIGNMENT, AssignmentStatus, Status
from suggestions.workflow.who import is_assigning_staff, supervising_body, unit_of

RATINGS = [choice for choice, _label in Evaluation.Rating.choices]


# --- S§47: overdue, unanswered, passed around -----------------------------------------------------


def reply_period_cutoff(today: dt.date) -> dt.date:
    """The last day of assignment whose three months (S§28) are over by today: assignments on
    or before it that still have no reply are unanswered, extension or not. The reply period
    grows with its start, so walking back from today finds the day."""
    day = today
    while deadline(REPLY, day).due >= today:
        day -= ONE_DAY
    return day


def overdue_condition(today: dt.date) -> Q:
    """(a) The reply is past its due date (the extension included), or the one month of
    re-handling (S§30) is over, and nothing was delivered."""
    return past_due("reply", today) | past_due("rehandling", today)


def unanswered_condition(today: dt.date) -> Q:
    """(b) Assigned more than the three-month reply period ago (S§28) with no reply, whether
    or not an extension was granted."""
    return ASSIGNMENT.running("reply") & Q(assigned_on__lte=reply_period_cutoff(today))


# (c) The unit said it was not its responsibility and the suggestion went to another unit (S§20).
OBJECTED_AWAY = Q(status=AssignmentStatus.REASSIGNED, objected_on__isnull=False) & ~Q(objection_reason="")
PASSED_TIMES = 2  # moved on objection this many times or more: passed around


def passed_around() -> QuerySet[Any]:
    """The suggestions moved to another unit on objection twice or more (one hashed list)."""
    return (
        Assignment.objects.filter(OBJECTED_AWAY)
        .order_by()
        .values("suggestion_id")
        .annotate(moves=Count("pk"))
        .filter(moves__gte=PASSED_TIMES)
        .values("suggestion_id")
    )


@dataclass(frozen=True)
class AccountabilityRecord:
    unit_id: int
    unit: str
    overdue: int
    unanswered: int
    objected: int
    passed: int


def _in_year(queryset: QuerySet[Assignment], year: int | None) -> QuerySet[Assignment]:
    return queryset.filter(assigned_on__year=year) if year else queryset


def accountability_table(today: dt.date, year: int | None = None) -> list[AccountabilityRecord]:
    """Per unit, the four S§47 counts in one GROUP BY query; the worst first."""
    overdue, unanswered = overdue_condition(today), unanswered_condition(today)
    passed = OBJECTED_AWAY & Q(suggestion_id__in=passed_around())
    rows = (
        _in_year(Assignment.objects.filter(overdue | unanswered | OBJECTED_AWAY), year)
        .values("unit_id", "unit__name")
        .annotate(
            overdue=Count("pk", filter=overdue),
            unanswered=Count("pk", filter=unanswered),
            objected=Count("pk", filter=OBJECTED_AWAY),
            passed=Count("pk", filter=passed),
        )
        .order_by()
    )
    records = [
        AccountabilityRecord(
            unit_id=r["unit_id"],
            unit=r["unit__name"],
            overdue=r["overdue"],
            unanswered=r["unanswered"],
            objected=r["objected"],
            passed=r["passed"],
        )
        for r in rows
    ]
    records.sort(key=lambda r: (-r.overdue, -r.unanswered, -r.passed, -r.objected, r.unit))
    return records


def in_accountability_list(queryset: QuerySet[Assignment], kind: str, today: dt.date) -> QuerySet[Assignment]:
    """The assignments behind one column of the table."""
    if kind == "overdue":
        return queryset.filter(overdue_condition(today))
    if kind == "unanswered":
        return queryset.filter(unanswered_condition(today))
    if kind == "objected":
        return queryset.filter(OBJECTED_AWAY)
    if kind == "passed":
        return queryset.filter(OBJECTED_AWAY, suggestion_id__in=passed_around())
    raise ValueError(kind)


def owed_clock(assignment: Assignment) -> Deadline | None:
    """The deadline the unit is judged by now: re-handling's month while it runs, else the reply."""
    clocks = all_clocks(assignment)
    if "rehandling" in ASSIGNMENT.running_clocks(assignment):
        return clocks["rehandling"]
    return clocks.get("reply")


# --- Commitments (S§32) ---------------------------------------------------------------------------


def visible_commitments(user: Any) -> QuerySet[Commitment]:
    """The committee sees all; a unit its own; a deputy those of the suggestions they filed or
    follow; a supervising body those of the key suggestions it supervises."""
    rows = Commitment.objects.all()
    if is_assigning_staff(user):
        return rows
    condition = Q(pk__in=[])
    unit_id = unit_of(user)
    if unit_id:
        condition |= Q(reply__assignment__unit_id=unit_id)
    body = supervising_body(user)
    if body:
        condition |= Q(reply__assignment__suggestion__key__supervising_body_id=body)
    if getattr(user, "deputy", None) is not None:
        condition |= Q(reply__assignment__suggestion__in=visible_suggestions(user))
    return rows.filter(condition)


def may_see_commitments(user: Any) -> bool:
    return bool(
        is_assigning_staff(user)
        or unit_of(user)
        or supervising_body(user)
        or getattr(user, "deputy", None) is not None
    )


def commitment_state(commitment: Commitment, today: dt.date) -> str:
    """done / overdue / soon / open: the portal's status words for a promised date."""
    if commitment.done_on:
        return "done"
    days = (commitment.promised_date - today).days
    if days < 0:
        return "overdue"
    return "soon" if days <= SOON_DAYS else "open"


def commitment_rows(queryset: QuerySet[Commitment]) -> QuerySet[Commitment]:
    """A list's rows with the latest progress report and the number of reports."""
    return (
        queryset.select_related("reply__assignment__unit", "reply__assignment__suggestion")
        .annotate(last_report=Max("progress__reported_at"), reports=Count("progress"))
        .order_by("promised_date", "id")
    )


def commitments_in_state(queryset: QuerySet[Commitment], state: str, today: dt.date) -> QuerySet[Commitment]:
    if state == "done":
        return queryset.filter(done_on__isnull=False)
    if state == "done_late":
        return queryset.filter(done_on__gt=F("promised_date"))
    if state == "overdue":
        return queryset.filter(done_on__isnull=True, promised_date__lt=today)
    if state == "open":
        return queryset.filter(done_on__isnull=True, promised_date__gte=today)
    return queryset


@dataclass(frozen=True)
class CommitmentRecord:
    unit_id: int
    unit: str
    due: int
    done: int
    done_late: int
    overdue: int
    open: int


def commitment_table(queryset: QuerySet[Commitment], today: dt.date) -> list[CommitmentRecord]:
    """Per unit: commitments due, fulfilled (late among them), overdue, still open. One query."""
    rows = (
        queryset.values("reply__assignment__unit_id", "reply__assignment__unit__name")
        .annotate(
            due=Count("pk"),
            done=Count("pk", filter=Q(done_on__isnull=False)),
            done_late=Count("pk", filter=Q(done_on__gt=F("promised_date"))),
            overdue=Count("pk", filter=Q(done_on__isnull=True, promised_date__lt=today)),
            open=Count("pk", filter=Q(done_on__isnull=True, promised_date__gte=today)),
        )
        .order_by("reply__assignment__unit__name")
    )
    return [
        CommitmentRecord(
            unit_id=r["reply__assignment__unit_id"],
            unit=r["reply__assignment__unit__name"],
            due=r["due"],
            done=r["done"],
            done_late=r["done_late"],
            overdue=r["overdue"],
            open=r["open"],
        )
        for r in rows
    ]


def commitment_years() -> list[int]:
    return [d.year for d in Commitment.objects.dates("promised_date", "year", order="DESC")]


# --- Key suggestions and their supervision (S§34–S§42) ---------------------------------------------


def visible_keys(user: Any) -> QuerySet[KeySuggestion]:
    """The committee sees every key suggestion; a supervising body those it supervises."""
    rows = KeySuggestion.objects.all()
    if is_assigning_staff(user):
        return rows
    body = supervising_body(user)
    return rows.filter(supervising_body_id=body) if body else rows.none()


def late_condition(today: dt.date) -> Exists:
    """A unit is past its reply or re-handling date, or a promised action is past its date."""
    late_unit = Assignment.objects.filter(overdue_condition(today), suggestion=OuterRef("suggestion_id"))
    late_promise = Commitment.objects.filter(
        reply__assignment__suggestion=OuterRef("suggestion_id"), done_on__isnull=True, promised_date__lt=today
    )
    return Exists(late_unit) | Exists(late_promise)  # type: ignore[return-value]


def unsatisfied_condition() -> Exists:
    """A deputy rated the latest reply unsatisfied (S§30)."""
    return Exists(
        Evaluation.objects.filter(
            suggestion=OuterRef("suggestion_id"),
            round=OuterRef("suggestion__reply_round"),
            rating=Evaluation.Rating.UNSATISFIED,
        )
    )


def key_rows(queryset: QuerySet[KeySuggestion]) -> QuerySet[KeySuggestion]:
    """Everything a row of the supervision list shows, in a fixed number of queries."""
    replies = Reply.objects.filter(status=Reply.Status.APPROVED).prefetch_related("commitments")
    assignments = (
        Assignment.objects.exclude(status__in=ASSIGNMENT.terminal_statuses)
        .select_related("unit")
        .prefetch_related(Prefetch("replies", queryset=replies))
        .order_by("id")
    )
    return (
        queryset.select_related(
            "suggestion__lead_deputy", "suggestion__session__congress", "supervising_body"
        )
        .prefetch_related(
            Prefetch("suggestion__assignments", queryset=assignments),
            "suggestion__evaluations",
        )
        .annotate(
            comments=Count("notes", filter=Q(notes__kind=KeyNote.Kind.COMMENT)),
            reports=Count("notes", filter=Q(notes__kind=KeyNote.Kind.REPORT)),
        )
    )


@dataclass(frozen=True)
class Promise:
    commitment: Commitment
    state: str  # commitment_state


@dataclass
class UnitPart:
    """One unit's part in a key suggestion: its clock, its reply, what it promised."""

    assignment: Assignment
    clock: Deadline | None
    reply: Reply | None
    promises: list[Promise]
    late: bool


@dataclass
class KeyView:
    key: KeySuggestion
    parts: list[UnitPart]
    ratings: Counter[str] = field(default_factory=Counter)

    @property
    def late(self) -> bool:
        return any(p.late for p in self.parts) or self.promises_late > 0

    @property
    def promises_late(self) -> int:
        return sum(1 for part in self.parts for p in part.promises if p.state == "overdue")


def key_view(key: KeySuggestion, today: dt.date, unit_id: int | None = None) -> KeyView:
    """A key suggestion as its supervisors read it; a unit sees only its own part."""
    suggestion = key.suggestion
    parts = []
    for a in suggestion.assignments.all():
        if unit_id is not None and a.unit_id != unit_id:
            continue
        replies = sorted(a.replies.all(), key=lambda r: r.round)
        reply = replies[-1] if replies else None
        promises = [Promise(c, commitment_state(c, today)) for r in replies for c in r.commitments.all()]
        owes = {"reply", "rehandling"} & set(ASSIGNMENT.running_clocks(a))
        clock = owed_clock(a) if owes else None
        parts.append(
            UnitPart(
                assignment=a,
                clock=clock,
                reply=reply,
                promises=promises,
                late=bool(clock and clock.due < today),
            )
        )
    ratings = Counter(e.rating for e in suggestion.evaluations.all() if e.round == suggestion.reply_round)
    return KeyView(key=key, parts=parts, ratings=ratings)


@dataclass(frozen=True)
class KeySummary:
    total: int
    replied: int
    late: int
    unsatisfied: int
    ratings: dict[str, int]

    @property
    def rated(self) -> int:
        return sum(self.ratings.values())


def key_summary(queryset: QuerySet[KeySuggestion], today: dt.date) -> KeySummary:
    """The glance at the top of the list: how many, replied, late, rated how (latest round)."""
    answered = [Status.REPLIED, Status.CLOSED]
    counts = queryset.annotate(
        is_late=late_condition(today), is_unsatisfied=unsatisfied_condition()
    ).aggregate(
        total=Count("pk"),
        replied=Count("pk", filter=Q(suggestion__status__in=answered)),
        late=Count("pk", filter=Q(is_late=True)),
        unsatisfied=Count("pk", filter=Q(is_unsatisfied=True)),
    )
    ratings = dict.fromkeys(RATINGS, 0)
    for row in (
        Evaluation.objects.filter(
            suggestion__key__in=queryset.values("pk"), round=F("suggestion__reply_round")
        )
        .values("rating")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        ratings[row["rating"]] = row["n"]
    return KeySummary(
        total=counts["total"],
        replied=counts["replied"],
        late=counts["late"],
        unsatisfied=counts["unsatisfied"],
        ratings=ratings,
    )


def suggestion_key(suggestion: Suggestion) -> KeySuggestion | None:
    return KeySuggestion.objects.filter(suggestion=suggestion).select_related("supervising_body").first()
