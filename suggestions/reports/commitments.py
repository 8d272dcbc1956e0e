"""S§32: what category-B replies promised, who sees it, and how each unit keeps its
promises: one GROUP BY query per table."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, Max, Q, QuerySet

from congress.templatetags.deadlines import SOON_DAYS
from suggestions.models import Commitment
from suggestions.permissions import visible_suggestions
from suggestions.workflow.who import is_assigning_staff, supervising_body, unit_of


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
