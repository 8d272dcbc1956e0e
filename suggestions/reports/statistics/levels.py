"""What the statistics count (S§11(2), S§45): the filters, the three levels of rows and each
level's figures as conditions. How they are counted into tables is `figures`.

Three levels, each counted in one aggregate query (Count(filter=…), never a loop over rows):

- suggestions: one per suggestion filed (a draft is no figure);
- handling: one per unit's part (an assignment, reassigned ones included: the unit had it);
- commitments: one per promise of a signed-off category-B reply (S§25(2), S§32).

Every figure is a condition (a Q) on its level's rows; the same condition filters the list
behind the figure (`items`), so the list's total is the figure. The filters (year or session,
subject area, unit, unit kind, delegation) pick the suggestions by when they were filed and
where they came from: a cohort, whose handling is followed wherever it now is.

A closed suggestion is not a solved one: the category of a suggestion is the least solved of
its units' latest replies (one unit's C makes it C), the satisfaction the least satisfied
rating of the current round, and a commitment is kept only when it was done; one past its
promised date and not done is counted unkept."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, F, Model, OuterRef, Q, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from suggestions.models import Assignment, Commitment, Evaluation, RehandlingDecision, Reply, Suggestion
from suggestions.reports.accountability import overdue_condition
from suggestions.reports.disclosure import year_span
from suggestions.workflow import ASSIGNMENT, REPLYING_ROLES, SUGGESTION, ReplyStatus, Status


def _accepted_statuses() -> list[str]:
    """Accepted and still on its way (S§15): the accepted state and every state the table
    leads to from it, but withdrawing (S§16) and merging (S§15), counted on their own."""
    elsewhere = SUGGESTION.action("withdraw").targets | SUGGESTION.action("merge").targets
    found: set[str] = set()
    todo = set(SUGGESTION.action("accept").targets)
    while todo:
        status = todo.pop()
        if status in found or status in elsewhere:
            continue
        found.add(status)
        todo |= SUGGESTION.next(status)
    return sorted(found)


ACCEPTED = _accepted_statuses()
CATEGORIES = [c for c, _label in Reply.Category.choices]
RATINGS = [r for r, _label in Evaluation.Rating.choices]


# --- The filters ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Filters:
    """Which suggestions are counted: filed in a calendar year (Beijing) or at a session, of a
    subject area, handled by a unit or a kind of unit, from a delegation (the lead deputy's)."""

    year: int | None = None
    session: int | None = None
    area: int | None = None
    unit: int | None = None
    unit_kind: str | None = None
    delegation: int | None = None
    congress: int | None = None  # the term; the trend is drawn over its years

    def query(self, **extra: Any) -> dict[str, Any]:
        """The query string of these filters (what the list behind a figure is asked with)."""
        values = {
            "year": self.year,
            "session": self.session,
            "area": self.area,
            "unit": self.unit,
            "unit_kind": self.unit_kind,
            "delegation": self.delegation,
            "congress": self.congress,
            **extra,
        }
        return {k: v for k, v in values.items() if v not in (None, "")}


# --- The levels and their figures ----------------------------------------------------------------


def latest_replies() -> QuerySet[Reply]:
    """Each unit's latest signed-off reply (the re-handling's, once there is one, S§30)."""
    later = Reply.objects.filter(
        assignment=OuterRef("assignment_id"), status=ReplyStatus.APPROVED, round__gt=OuterRef("round")
    )
    return Reply.objects.filter(status=ReplyStatus.APPROVED).exclude(Exists(later))


def _least_solved(has: Callable[[str], Exists]) -> dict[str, Q]:
    """C if any is C, else B if any is B, else A: a suggestion is solved only when every unit
    solved it (a closed-but-unsolved suggestion never counts as solved)."""
    a, b, c = (Q(has(x)) for x in CATEGORIES)
    return {"category_c": c, "category_b": b & ~c, "category_a": a & ~b & ~c}


def _least_satisfied(has: Callable[[str], Exists]) -> dict[str, Q]:
    satisfied, basically, unsatisfied = (Q(has(r)) for r in RATINGS)
    return {
        "unsatisfied": unsatisfied,
        "basically_satisfied": basically & ~unsatisfied,
        "satisfied": satisfied & ~basically & ~unsatisfied,
    }


def _suggestion_figures(today: dt.date) -> dict[str, Q]:
    def category(x: str) -> Exists:
        return Exists(latest_replies().filter(assignment__suggestion=OuterRef("pk"), category=x))

    def rating(r: str) -> Exists:
        return Exists(
            Evaluation.objects.filter(suggestion=OuterRef("pk"), round=OuterRef("reply_round"), rating=r)
        )

    # A suggestion has a category and ratings once every unit replied (S§29, S§30). The cheap
    # column is tested first: the database looks for replies only for the suggestions replied.
    replied = Q(replied_at__isnull=False)
    return {
        "filed": Q(),
        "accepted": Q(status__in=ACCEPTED),
        "not_accepted": Q(status=Status.NOT_ACCEPTED),
        "merged": Q(status=Status.MERGED),
        "withdrawn": Q(status=Status.WITHDRAWN),
        "assigned": Q(Exists(Assignment.objects.filter(suggestion=OuterRef("pk")))),
        "replied": replied,
        **{k: replied & q for k, q in _least_solved(category).items()},
        **{k: replied & q for k, q in _least_satisfied(rating).items()},
        "rehandled": Q(Exists(RehandlingDecision.objects.filter(suggestion=OuterRef("pk"), rehandle=True))),
        "closed": Q(status=Status.CLOSED),
    }


def _handling_figures(today: dt.date) -> dict[str, Q]:
    # A unit that replied has replied_at (S§29): the cheap column first, the replies only then.
    first = Reply.objects.filter(assignment=OuterRef("pk"), status=ReplyStatus.APPROVED, round=1)
    answered = Q(role__in=sorted(map(str, REPLYING_ROLES)), replied_at__isnull=False)
    replied = Q(Exists(first))
    on_time = Q(Exists(first.filter(approved_at__date__lte=OuterRef("reply_due"))))

    def category(x: str) -> Exists:
        return Exists(latest_replies().filter(assignment=OuterRef("pk"), category=x))

    def rating(r: str) -> Exists:
        return Exists(
            Evaluation.objects.filter(
                suggestion=OuterRef("suggestion_id"), round=OuterRef("suggestion__reply_round"), rating=r
            )
        )

    return {
        "assigned": Q(),
        "objected": Q(objected_on__isnull=False),
        "reassigned": Q(status__in=sorted(map(str, ASSIGNMENT.action("reassign").targets))),
        "extended": Q(extended=True),
        "owing_reply": Q(role__in=sorted(map(str, REPLYING_ROLES))),
        "replied": answered & replied,
        "replied_on_time": answered & on_time,
        "replied_late": answered & replied & ~on_time,
        "overdue": overdue_condition(today),
        "category_a": answered & Q(category("A")),
        "category_b": answered & Q(category("B")),
        "category_c": answered & Q(category("C")),
        **{k: answered & q for k, q in _least_satisfied(rating).items()},
        "rehandled": Q(rehandling_on__isnull=False),
    }


def _commitment_figures(today: dt.date) -> dict[str, Q]:
    return {
        "made": Q(),
        "kept": Q(done_on__isnull=False),
        "kept_on_time": Q(done_on__lte=F("promised_date")),
        "kept_late": Q(done_on__gt=F("promised_date")),
        "unkept": Q(done_on__isnull=True, promised_date__lt=today),
        "open": Q(done_on__isnull=True, promised_date__gte=today),
    }


# The figures of each level, in the order the tables show them.
NAMES = {
    "suggestions": ["filed", "accepted", "not_accepted", "merged", "withdrawn", "assigned", "replied",
                    "category_a", "category_b", "category_c", "unsatisfied", "basically_satisfied", "satisfied",
                    "rehandled", "closed"],
    "handling": ["assigned", "objected", "reassigned", "extended", "owing_reply", "replied", "replied_on_time",
                 "replied_late", "overdue", "category_a", "category_b", "category_c", "unsatisfied",
                 "basically_satisfied", "satisfied", "rehandled"],
    "commitments": ["made", "kept", "kept_on_time", "kept_late", "unkept", "open"],
}  # fmt: skip


# In their own context: "Filed" is a count here, not the column of a filing date elsewhere.
LABELS: dict[str, Promise] = {
    "filed": pgettext_lazy("statistics figure", "Filed"),
    "accepted": pgettext_lazy("statistics figure", "Accepted"),
    "not_accepted": pgettext_lazy("statistics figure", "Not accepted"),
    "merged": pgettext_lazy("statistics figure", "Merged"),
    "withdrawn": pgettext_lazy("statistics figure", "Withdrawn"),
    "assigned": pgettext_lazy("statistics figure", "Assigned"),
    "objected": pgettext_lazy("statistics figure", "Objected to"),
    "reassigned": pgettext_lazy("statistics figure", "Objection upheld, reassigned"),
    "extended": pgettext_lazy("statistics figure", "Extended"),
    "owing_reply": pgettext_lazy("statistics figure", "Owing a reply"),
    "replied": pgettext_lazy("statistics figure", "Replied"),
    "replied_on_time": pgettext_lazy("statistics figure", "Replied on time"),
    "replied_late": pgettext_lazy("statistics figure", "Replied late"),
    "overdue": pgettext_lazy("statistics figure", "Overdue, not replied"),
    "closed": pgettext_lazy("statistics figure", "Closed"),
    "category_a": pgettext_lazy("statistics figure", "Category A: solved or adopted"),
    "category_b": pgettext_lazy("statistics figure", "Category B: planned"),
    "category_c": pgettext_lazy("statistics figure", "Category C: explained, not solved"),
    "satisfied": pgettext_lazy("statistics figure", "Satisfied"),
    "basically_satisfied": pgettext_lazy("statistics figure", "Basically satisfied"),
    "unsatisfied": pgettext_lazy("statistics figure", "Unsatisfied"),
    "rehandled": pgettext_lazy("statistics figure", "Re-handled"),
    "made": pgettext_lazy("statistics figure", "Commitments made"),
    "kept": pgettext_lazy("statistics figure", "Kept"),
    "kept_on_time": pgettext_lazy("statistics figure", "Kept on time"),
    "kept_late": pgettext_lazy("statistics figure", "Kept late"),
    "unkept": pgettext_lazy("statistics figure", "Not kept, past the promised date"),
    "open": pgettext_lazy("statistics figure", "Open, not yet due"),
}


@dataclass(frozen=True)
class Level:
    """One kind of row that figures count, with how the filters and breakdowns reach it."""

    name: str
    title: Promise
    model: type[Model]
    to_suggestion: str  # the path from the row to its suggestion ("" for a suggestion)
    figures: Callable[[dt.date], dict[str, Q]]
    unit_path: str | None  # the row's handling unit, when it has one
    base: Q = field(default_factory=Q)

    def rows(self) -> QuerySet[Any]:
        return self.model._default_manager.filter(self.base)

    def suggestion_field(self, name: str) -> str:
        return f"{self.to_suggestion}{name}"


LEVELS: dict[str, Level] = {
    "suggestions": Level(
        name="suggestions",
        title=_("Suggestions"),
        model=Suggestion,
        to_suggestion="",
        figures=_suggestion_figures,
        unit_path=None,
        base=Q(submitted_at__isnull=False),
    ),
    "handling": Level(
        name="handling",
        title=_("Handling by the units"),
        model=Assignment,
        to_suggestion="suggestion__",
        figures=_handling_figures,
        unit_path="unit",
        base=Q(suggestion__submitted_at__isnull=False),
    ),
    "commitments": Level(
        name="commitments",
        title=_("Commitments of category-B replies"),
        model=Commitment,
        to_suggestion="reply__assignment__suggestion__",
        figures=_commitment_figures,
        unit_path="reply__assignment__unit",
        base=Q(reply__status=ReplyStatus.APPROVED),
    ),
}


def filtered(level: Level, filters: Filters) -> QuerySet[Any]:
    """The level's rows of the suggestions the filters pick."""
    rows = level.rows()
    s = level.suggestion_field
    if filters.year:
        start, end = year_span(filters.year)
        rows = rows.filter(**{s("submitted_at__gte"): start, s("submitted_at__lt"): end})
    if filters.session:
        rows = rows.filter(**{s("session_id"): filters.session})
    if filters.congress:
        rows = rows.filter(**{s("congress_id"): filters.congress})
    if filters.area:
        rows = rows.filter(**{s("subject_area_id"): filters.area})
    if filters.delegation:
        rows = rows.filter(**{s("lead_deputy__delegation_id"): filters.delegation})
    if level.unit_path is None:
        # A suggestion is the unit's when the unit had a part in it.
        if filters.unit:
            rows = rows.filter(
                Exists(Assignment.objects.filter(suggestion=OuterRef("pk"), unit_id=filters.unit))
            )
        if filters.unit_kind:
            parts = Assignment.objects.filter(suggestion=OuterRef("pk"), unit__kind=filters.unit_kind)
            rows = rows.filter(Exists(parts))
    else:
        if filters.unit:
            rows = rows.filter(**{f"{level.unit_path}_id": filters.unit})
        if filters.unit_kind:
            rows = rows.filter(**{f"{level.unit_path}__kind": filters.unit_kind})
    return rows


def items(level: Level, figure: str, filters: Filters, today: dt.date) -> QuerySet[Any]:
    """The rows behind one figure: what its list shows, and what it counts."""
    return filtered(level, filters).filter(level.figures(today)[figure])
