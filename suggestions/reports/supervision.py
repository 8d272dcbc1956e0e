"""S§34–S§42: key suggestions as their supervisors read them: each unit's clock, reply and
promises, what is late, and what the deputies rated, in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet

from congress.deadlines.periods import Deadline
from suggestions.models import Assignment, Commitment, Evaluation, KeyNote, KeySuggestion, Reply
from suggestions.reports.accountability import overdue_condition, owed_clock
from suggestions.reports.commitments import commitment_state
from suggestions.workflow import ANSWERED, ASSIGNMENT
from suggestions.workflow.who import is_assigning_staff, supervising_body

RATINGS = [choice for choice, _label in Evaluation.Rating.choices]


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
            "suggestion__lead_deputy",
            "suggestion__session__congress",
            "supervising_body",
            "responsible_person",
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
    counts = queryset.annotate(
        is_late=late_condition(today), is_unsatisfied=unsatisfied_condition()
    ).aggregate(
        total=Count("pk"),
        replied=Count("pk", filter=Q(suggestion__status__in=sorted(ANSWERED))),
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
