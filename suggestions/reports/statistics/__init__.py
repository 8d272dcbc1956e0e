"""Statistics of suggestions (S§11(2), S§45): figures, each with the list behind it.

`figures` counts (Filters, totals, breakdown, statistics, items); `access` says who reads them
and reads the filters from a query string."""

from suggestions.reports.statistics.figures import (
    DIMENSIONS,
    LABELS,
    LEVELS,
    NAMES,
    Figure,
    Filters,
    Row,
    Statistics,
    Table,
    breakdown,
    items,
    statistics,
    totals,
)

__all__ = [
    "DIMENSIONS", "LABELS", "LEVELS", "NAMES", "Figure", "Filters", "Row", "Statistics", "Table", "breakdown",
    "items", "statistics", "totals",
]  # fmt: skip
