"""Attendance at the sessions (D§8) and the D§46(3) flag.

A deputy misses a session when the roll calls of its sittings all record them absent; the
absence is approved when the deputy's leave for that session was approved (decided before or
after the roll call). D§46(3) 未经批准两次不出席本级人民代表大会会议: two sessions missed
without approved leave in the term flag the mandate for the committee.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from deputies.models import Attendance, Leave

APPROVED = Leave.Status.APPROVED
# D§46(3): 两次 (twice).
ABSENT_TWICE = 2


def approved_leave() -> Exists:
    """For an attendance row: the deputy's leave for the sitting's session was approved."""
    return Exists(
        Leave.objects.filter(
            deputy_id=OuterRef("deputy_id"), session_id=OuterRef("sitting__session_id"), status=APPROVED
        )
    )


def unexcused(rows: QuerySet[Attendance]) -> QuerySet[Attendance]:
    """Absences from sittings without approved leave."""
    return rows.filter(present=False).exclude(approved_leave())


def sessions_missed(deputy_ids: Iterable[int] | None, congress_id: int) -> Counter[int]:
    """Per deputy: the sessions of the term they missed without approved leave (D§46(3))."""
    rows = Attendance.objects.filter(sitting__session__congress_id=congress_id)
    if deputy_ids is not None:
        rows = rows.filter(deputy_id__in=list(deputy_ids))
    per_session = (
        rows.values("deputy_id", "sitting__session_id")
        .annotate(sittings_present=Count("pk", filter=Q(present=True)))
        .filter(sittings_present=0)
        .values_list("deputy_id", "sitting__session_id")
    )
    missed = list(per_session)
    excused = set(
        Leave.objects.filter(
            status=APPROVED,
            session__congress_id=congress_id,
            deputy_id__in={deputy for deputy, _session in missed},
        ).values_list("deputy_id", "session_id")
    )
    return Counter(deputy for deputy, session in missed if (deputy, session) not in excused)


def flagged(congress_id: int) -> dict[int, int]:
    """Deputies of the term twice absent without approved leave: the committee's list."""
    return {d: n for d, n in sessions_missed(None, congress_id).items() if n >= ABSENT_TWICE}
