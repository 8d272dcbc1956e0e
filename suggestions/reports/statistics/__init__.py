"""Statistics of suggestions (S§11(2), S§45): figures, each with the list behind it.

`levels` says what is counted (Filters, the levels, their figures, items); `figures` counts
(totals, breakdown, statistics); `access` says who reads them and reads the filters from a
query string."""

from suggestions.reports.statistics.figures import (
    DIMENSIONS,
    Figure,
    Row,
    Statistics,
    Table,
    breakdown,
    statistics,
    totals,
)
from suggestions.reports.statistics.levels import LABELS, LEVELS, NAMES, Filters, items

__all__ = [
    "DIMENSIONS", "LABELS", "LEVELS", "NAMES", "Figure", "Filters", "Row", "Statistics", "Table", "breakdown",
    "items", "statistics", "totals",
]  # fmt: skip
