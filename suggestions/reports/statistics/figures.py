"""The figures of the statistics pages, the Excel export and the stats API (S§11(2), S§45),
counted: each level's totals and breakdowns (by area, delegation, unit, kind of unit, year
filed) as tables of figures, each figure with the URL of the list behind it. What is counted,
and on which rows, is `levels`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urlencode

from django.db import DEFAULT_DB_ALIAS, connections, router
from django.db.models import Count
from django.db.models.functions import ExtractYear
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from congress.deadlines.periods import BEIJING
from congress.models import Organisation
from suggestions.models import Suggestion
from suggestions.reports.cache import remembered
from suggestions.reports.statistics.levels import LABELS, LEVELS, NAMES, Filters, Level, filtered

# --- Counting ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    name: str
    label: str
    value: int
    url: str


@dataclass(frozen=True)
class Row:
    """One line of a table: its figures, and the filters that pick its rows."""

    key: Any
    label: str
    figures: list[Figure]

    def get(self, name: str) -> int:
        return next(f.value for f in self.figures if f.name == name)


@dataclass(frozen=True)
class Table:
    level: str
    title: str
    by: str  # "" for the totals, else area / unit / unit_kind / delegation / year
    columns: list[tuple[str, str]]
    rows: list[Row]


def items_url(level: str, figure: str, filters: Filters) -> str:
    return f"{reverse('statistics:items')}?{urlencode(filters.query(level=level, figure=figure))}"


def _row(
    level: Level, names: list[str], key: Any, label: str, counts: Mapping[str, int], filters: Filters
) -> Row:
    figures = [
        Figure(
            name=name, label=str(LABELS[name]), value=counts[name], url=items_url(level.name, name, filters)
        )
        for name in names
    ]
    return Row(key=key, label=label, figures=figures)


def _aggregates(level: Level, today: dt.date) -> dict[str, Count]:
    conditions = level.figures(today)
    return {
        name: Count("pk", filter=conditions[name]) if conditions[name] else Count("pk")
        for name in NAMES[level.name]
    }


def totals(level_name: str, filters: Filters, today: dt.date) -> Table:
    """The level's figures for everything the filters pick: one query."""
    level = LEVELS[level_name]
    aggregates = _aggregates(level, today)
    counts = remembered(
        f"totals|{level.name}|{filters}|{today}", lambda: filtered(level, filters).aggregate(**aggregates)
    )
    return Table(
        level=level.name,
        title=str(level.title),
        by="",
        columns=_columns(aggregates),
        rows=[_row(level, list(aggregates), None, str(_("All")), counts, filters)],
    )


def _columns(names: Mapping[str, Any]) -> list[tuple[str, str]]:
    return [(name, str(LABELS[name])) for name in names]


@dataclass(frozen=True)
class Dimension:
    """A breakdown: what the rows are grouped by, and how a group's key is written."""

    name: str
    title: Promise
    path: Callable[[Level], str | None]  # the grouped field, from the level's rows
    labels: Callable[[list[Any]], dict[Any, str]]


def _names(choices: Callable[[], list[tuple[Any, str]]]) -> Callable[[list[Any]], dict[Any, str]]:
    """Names from the filters' cached choices: no query per page once they are read."""

    def read(keys: list[Any]) -> dict[Any, str]:
        return {int(k): str(name) for k, name in choices()}

    return read


def _unit_kinds(keys: list[Any]) -> dict[Any, str]:
    return {k: str(Organisation.Kind(k).label) for k in keys if k in Organisation.Kind.values}


def _years(keys: list[Any]) -> dict[Any, str]:
    return {k: str(k) for k in keys if k is not None}


def _dimensions() -> dict[str, Dimension]:
    from suggestions.filters import area_choices, delegation_choices, unit_choices

    return {
        "area": Dimension(
            "area",
            _("By subject area"),
            lambda lv: lv.suggestion_field("subject_area_id"),
            _names(area_choices),
        ),
        "delegation": Dimension(
            "delegation",
            _("By delegation"),
            lambda lv: lv.suggestion_field("lead_deputy__delegation_id"),
            _names(delegation_choices),
        ),
        "unit": Dimension(
            "unit",
            _("By handling unit"),
            lambda lv: f"{lv.unit_path}_id" if lv.unit_path else None,
            _names(unit_choices),
        ),
        "unit_kind": Dimension(
            "unit_kind",
            _("By kind of unit"),
            lambda lv: f"{lv.unit_path}__kind" if lv.unit_path else None,
            _unit_kinds,
        ),
        "year": Dimension("year", _("Trend by year filed"), lambda lv: "filed_year", _years),
    }


DIMENSIONS = ("area", "delegation", "unit", "unit_kind", "year")


def breakdown(level_name: str, by: str, filters: Filters, today: dt.date) -> Table | None:
    """The level's figures per area / delegation / unit / unit kind / year filed: one GROUP BY
    query. None when the level has no such group (suggestions have no one unit)."""
    level = LEVELS[level_name]
    dimension = _dimensions()[by]
    path = dimension.path(level)
    if path is None:
        return None
    rows = filtered(level, replace(filters, year=None) if by == "year" else filters)
    if by == "year":
        rows = rows.annotate(filed_year=ExtractYear(level.suggestion_field("submitted_at"), tzinfo=BEIJING))
    aggregates = _aggregates(level, today)
    grouped = remembered(
        f"{by}|{level.name}|{filters}|{today}",
        lambda: list(rows.values(path).annotate(**aggregates).order_by(path)),
    )
    labels = dimension.labels([g[path] for g in grouped])
    result = []
    for group in grouped:
        key = group[path]
        narrowed = replace(filters, **{by: key})
        result.append(_row(level, list(aggregates), key, labels.get(key, "—"), group, narrowed))
    if by == "year":
        result = _every_year(level, result, filters)
    else:
        result.sort(key=lambda r: (-r.figures[0].value, r.label))
    return Table(
        level=level.name,
        title=str(dimension.title),
        by=by,
        columns=_columns(aggregates),
        rows=result,
    )


def _every_year(level: Level, rows: list[Row], filters: Filters) -> list[Row]:
    """A trend has a point for every year between its first and its last: a year nobody filed
    in is a zero, not a gap the line silently bridges."""
    found = {row.key: row for row in rows if row.key is not None}
    if not found:
        return rows
    names = NAMES[level.name]
    zero = dict.fromkeys(names, 0)
    return [
        found.get(year) or _row(level, names, year, str(year), zero, replace(filters, year=year))
        for year in range(min(found), max(found) + 1)
    ]


@dataclass(frozen=True)
class Statistics:
    filters: Filters
    totals: list[Table]
    breakdowns: list[Table]


@contextmanager
def without_jit() -> Iterator[None]:
    """PostgreSQL compiles a query whose estimated cost is high (jit_above_cost) to machine code.
    The figures' FILTER (WHERE EXISTS …) subplans make every estimate high though each runs
    only where a cheap column lets it: at 100,000 suggestions compiling took 3.9 s of a 4.0 s
    query, running it 0.1 s. So these reads go without; the connection is reset afterwards."""
    connection = connections[router.db_for_read(Suggestion) or DEFAULT_DB_ALIAS]
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET jit = off")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET jit")


def statistics(filters: Filters, today: dt.date, dimensions: tuple[str, ...] = DIMENSIONS) -> Statistics:
    """Everything one statistics page shows: the three levels' totals, and each breakdown of
    each level that has it."""
    with without_jit():
        breakdowns = []
        for by in dimensions:
            for name in LEVELS:
                table = breakdown(name, by, filters, today)
                if table is not None:
                    breakdowns.append(table)
        # A level broken down over the same rows (not the trend, which spans every year) has
        # its totals already: no second pass over the year's rows.
        same_rows = {t.level: t for t in breakdowns if t.by != "year"}
        tables = [
            totals_of(same_rows[name], filters) if name in same_rows else totals(name, filters, today)
            for name in LEVELS
        ]
    return Statistics(filters=filters, totals=tables, breakdowns=breakdowns)


def totals_of(breakdown: Table, filters: Filters) -> Table:
    """The totals of a breakdown over the same rows as `totals` would read: every row is in
    exactly one group (an empty key is a group of its own) and every figure is a count, so
    each total is the sum of its groups'."""
    level = LEVELS[breakdown.level]
    names = [name for name, _label in breakdown.columns]
    counts = {name: sum(row.get(name) for row in breakdown.rows) for name in names}
    return Table(
        level=level.name,
        title=str(level.title),
        by="",
        columns=breakdown.columns,
        rows=[_row(level, names, None, str(_("All")), counts, filters)],
    )
