"""Stored deadlines that must be recomputed when the calendar gains a year.

Each app that stores deadlines registers a recomputer in its AppConfig.ready(). When staff
approve a new year's schedule, every provisional deadline touching that year is computed
again; the recomputers return what moved, so the people concerned can be told.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class MovedDeadline:
    label: str  # what the deadline is for, e.g. "第0123号建议 · 省教育厅 · 答复期限"
    old_due: dt.date
    new_due: dt.date
    link: str
    recipients: list[Any] = field(default_factory=list)  # users to tell


Recomputer = Callable[[frozenset[int]], list[MovedDeadline]]
_recomputers: list[Recomputer] = []


def register(recomputer: Recomputer) -> Recomputer:
    if recomputer not in _recomputers:
        _recomputers.append(recomputer)
    return recomputer


def unregister(recomputer: Recomputer) -> None:
    _recomputers.remove(recomputer)


def recompute_provisional(years: frozenset[int]) -> list[MovedDeadline]:
    moved: list[MovedDeadline] = []
    for recomputer in _recomputers:
        moved.extend(recomputer(years))
    return moved
