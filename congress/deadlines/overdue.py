"""The overdue board (USERS.md: "per unit, what is late and why").

Each app registers, per statutory rule, where its open deadlines are (an `OverdueSource`): the
open items — the very queryset its reminders read, so the board and the sweep agree on what
is open —, the stored due date and the body that owes the work. The board counts with one
GROUP BY query per rule, whatever the number of units; the list is one UNION ALL query paged
in the database, and each page is described with one query per rule on it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from django.db.models import CharField, Count, F, IntegerField, Min, QuerySet, Value
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from congress.deadlines.periods import Deadline
from congress.deadlines.reminders import RULE_NAMES
from congress.models import Organisation

# Owners that are not an organisation row: the assigning body deciding on an objection
# (S§20: the committee in recess, the secretariat during a session), and bodies outside the
# portal that stations forward to by name (D§35).
ASSIGNING_BODY = "assigning"
OUTSIDE = "outside"
OWNER_NAMES: dict[str, Promise] = {
    ASSIGNING_BODY: _("Assigning body (decisions on objections)"),
    OUTSIDE: _("Bodies outside the portal"),
}


@dataclass(frozen=True)
class OverdueItem:
    """One late item as the list shows it."""

    number: str
    title: str
    link: str
    owner: str  # the unit or body that owes the work
    deadline: Deadline  # for the badge and its explanation


@dataclass(frozen=True)
class OverdueSource:
    rule: str  # a key of congress.deadlines.reminders.RULE_NAMES
    open_items: Callable[[], QuerySet[Any]]  # what is still owed (the sweep's definition)
    due_field: str  # the stored, indexed due date
    owner_field: str | None  # FK to the Organisation that owes it; None: the assigning body
    describe: Callable[[list[int]], dict[int, OverdueItem]]  # by primary key, in one query

    @property
    def name(self) -> Promise:
        return RULE_NAMES[self.rule]

    def late(self, today: dt.date) -> QuerySet[Any]:
        """Open items whose last day was before `today`."""
        return self.open_items().filter(**{f"{self.due_field}__lt": today}).order_by()

    def owner_key(self, value: int | None) -> str:
        if self.owner_field is None:
            return ASSIGNING_BODY
        return OUTSIDE if value is None else str(value)


_sources: dict[str, OverdueSource] = {}


def register(source: OverdueSource) -> OverdueSource:
    _sources[source.rule] = source
    return source


def sources() -> list[OverdueSource]:
    """In the order of the rule table, so the board's columns never move."""
    order = list(RULE_NAMES)
    return sorted(_sources.values(), key=lambda s: order.index(s.rule))


# --- The board ----------------------------------------------------------------------------


@dataclass
class Cell:
    count: int = 0
    oldest: dt.date | None = None  # the earliest due date among them
    oldest_days: int = 0  # how many days that one is overdue

    def add(self, count: int, oldest: dt.date, today: dt.date) -> None:
        self.count += count
        self.oldest = oldest if self.oldest is None else min(self.oldest, oldest)
        self.oldest_days = (today - self.oldest).days


@dataclass
class BoardRow:
    owner: str  # an organisation's id, ASSIGNING_BODY or OUTSIDE: the list's filter value
    name: str
    cells: dict[str, Cell] = field(default_factory=dict)
    total: int = 0
    line: list[tuple[OverdueSource, Cell | None]] = field(default_factory=list)  # in column order


@dataclass
class Board:
    today: dt.date
    rules: list[OverdueSource]
    rows: list[BoardRow]
    totals: dict[str, int]
    total: int

    def columns(self) -> Iterator[tuple[OverdueSource, int]]:
        for source in self.rules:
            yield source, self.totals[source.rule]


def overdue_board(today: dt.date) -> Board:
    """Per owning body and rule: how many open items are past their deadline, and the oldest."""
    rows: dict[str, BoardRow] = {}
    for source in sources():
        late = source.late(today)
        if source.owner_field:
            groups = late.values(source.owner_field).annotate(n=Count("pk"), oldest=Min(source.due_field))
            counted = [(g[source.owner_field], g["n"], g["oldest"]) for g in groups]
        else:
            whole = late.aggregate(n=Count("pk"), oldest=Min(source.due_field))
            counted = [(None, whole["n"], whole["oldest"])] if whole["n"] else []
        for value, count, oldest in counted:
            key = source.owner_key(value)
            row = rows.setdefault(key, BoardRow(key, ""))
            row.cells.setdefault(source.rule, Cell()).add(count, oldest, today)
            row.total += count
    names = owner_names([key for key in rows if key.isdigit()])
    rules = sources()
    for row in rows.values():
        row.name = names.get(row.owner, row.owner)
        row.line = [(source, row.cells.get(source.rule)) for source in rules]
    ordered = sorted(rows.values(), key=lambda r: (-r.total, r.name))
    totals = {s.rule: sum(r.cells[s.rule].count for r in ordered if s.rule in r.cells) for s in rules}
    return Board(today, rules, ordered, totals, sum(totals.values()))


def owner_names(organisation_ids: list[str]) -> dict[str, str]:
    names = {key: str(name) for key, name in OWNER_NAMES.items()}
    if organisation_ids:
        for pk, name in Organisation.objects.filter(pk__in=organisation_ids).values_list("pk", "name"):
            names[str(pk)] = name
    return names


def owner_choices() -> list[tuple[str, str]]:
    """The list's owner filter: the two bodies that are not organisations, then every organisation."""
    fixed = [(key, str(name)) for key, name in OWNER_NAMES.items()]
    return fixed + [(str(pk), name) for pk, name in Organisation.objects.values_list("pk", "name")]


# --- The list -----------------------------------------------------------------------------


def overdue_rows(
    today: dt.date, *, rule: str | None = None, owner: str | None = None, min_days: int | None = None
) -> QuerySet[Any]:
    """(rule, id, due, owner id) of every late item, most overdue first: one UNION ALL query."""
    latest_due = today - dt.timedelta(days=min_days - 1) if min_days else today
    parts = []
    for source in sources():
        if rule and source.rule != rule:
            continue
        late = source.late(latest_due)
        owned = _owned_by(late, source, owner) if owner else late
        if owned is None:
            continue  # this rule has nothing of that owner, by construction
        owner_column = (
            F(source.owner_field) if source.owner_field else Value(None, output_field=IntegerField())
        )
        parts.append(
            owned.annotate(
                rule_code=Value(source.rule, output_field=CharField()),
                due_on=F(source.due_field),
                owner_id=owner_column,
            ).values_list("rule_code", "pk", "due_on", "owner_id")
        )
    if not parts:
        return Organisation.objects.none().values_list("pk", "pk", "pk", "pk")  # same shape, no rows
    first, *others = parts
    return (
        first.union(*others, all=True).order_by("due_on", "rule_code", "pk")
        if others
        else first.order_by("due_on", "pk")
    )


def _owned_by(late: QuerySet[Any], source: OverdueSource, owner: str) -> QuerySet[Any] | None:
    """The items of one owner, or None when this rule has none by construction."""
    if source.owner_field is None:
        return late if owner == ASSIGNING_BODY else None
    if owner == ASSIGNING_BODY:
        return None
    if owner == OUTSIDE:
        return late.filter(**{f"{source.owner_field}__isnull": True})
    return late.filter(**{source.owner_field: int(owner)})


@dataclass(frozen=True)
class LateRow:
    rule: OverdueSource
    item: OverdueItem
    deadline: Deadline  # on the stored due date, the one every list and reminder counts from
    days_over: int


def describe_rows(rows: list[tuple[str, int, dt.date, int | None]], today: dt.date) -> list[LateRow]:
    """The page's items, described with one query per rule present on it, in the page's order."""
    by_rule: dict[str, list[int]] = {}
    for rule, pk, _due, _owner in rows:
        by_rule.setdefault(rule, []).append(pk)
    described = {rule: _sources[rule].describe(pks) for rule, pks in by_rule.items()}
    late = []
    for rule, pk, due, _owner in rows:
        item = described[rule].get(pk)
        if item is None:
            continue  # deleted between the two queries
        shown = item.deadline if item.deadline.due == due else replace(item.deadline, due=due)
        late.append(LateRow(_sources[rule], item, shown, (today - due).days))
    return late
