"""S§32: what category-B replies promised, who sees it, and how each unit keeps its
promises: one GROUP BY query per table. The SC's report in the fourth quarter covers the
commitments in this year's and last year's reply letters (S§45), so commitments are counted by
the year of their reply letter; each is reported on every year (S§25(2))."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, Max, Q, QuerySet
from django.db.models.functions import ExtractYear

from congress.deadlines.periods import BEIJING
from congress.templatetags.deadlines import SOON_DAYS
from suggestions.models import Commitment
from suggestions.permissions import visible_suggestions
from suggestions.reports.disclosure import year_span
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


def letter_year() -> ExtractYear:
    """The year of the reply letter a commitment is in (Beijing time)."""
    return ExtractYear("reply__approved_at", tzinfo=BEIJING)


def in_letters_of(queryset: QuerySet[Commitment], *years: int) -> QuerySet[Commitment]:
    """The commitments in the reply letters of these years (signed off within them, Beijing)."""
    condition = Q(pk__in=[])
    for year in years:
        start, end = year_span(year)
        condition |= Q(reply__approved_at__gte=start, reply__approved_at__lt=end)
    return queryset.filter(condition)


def in_report_of(queryset: QuerySet[Commitment], year: int) -> QuerySet[Commitment]:
    """S§45: 报告应当包括…当年和上一年答复函中承诺解决事项的落实情况: the year's report covers the
    commitments in that year's and the year before's reply letters."""
    return in_letters_of(queryset, year, year - 1)


def progress_late(today: dt.date) -> Q:
    """Open, and its yearly progress report is past due (S§25(2))."""
    return Q(done_on__isnull=True, progress_due__lt=today)


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
    if state == "progress_late":
        return queryset.filter(progress_late(today))
    return queryset


@dataclass(frozen=True)
class CommitmentRecord:
    unit_id: int
    unit: str
    letter_year: int | None  # the year of the reply letter (S§45)
    due: int
    done: int
    done_late: int
    overdue: int
    open: int
    progress_late: int  # open, with the yearly progress report past due (S§25(2))


def commitment_table(queryset: QuerySet[Commitment], today: dt.date) -> list[CommitmentRecord]:
    """Per unit and year of the reply letter: commitments, fulfilled (late among them), overdue,
    still open, and those whose yearly progress report is late. One query."""
    rows = (
        queryset.annotate(letter_year=letter_year())
        .values("reply__assignment__unit_id", "reply__assignment__unit__name", "letter_year")
        .annotate(
            due=Count("pk"),
            done=Count("pk", filter=Q(done_on__isnull=False)),
            done_late=Count("pk", filter=Q(done_on__gt=F("promised_date"))),
            overdue=Count("pk", filter=Q(done_on__isnull=True, promised_date__lt=today)),
            open=Count("pk", filter=Q(done_on__isnull=True, promised_date__gte=today)),
            progress_late=Count("pk", filter=progress_late(today)),
        )
        .order_by("reply__assignment__unit__name", "-letter_year")
    )
    return [
        CommitmentRecord(
            unit_id=r["reply__assignment__unit_id"],
            unit=r["reply__assignment__unit__name"],
            letter_year=r["letter_year"],
            due=r["due"],
            done=r["done"],
            done_late=r["done_late"],
            overdue=r["overdue"],
            open=r["open"],
            progress_late=r["progress_late"],
        )
        for r in rows
    ]


def commitment_years() -> list[int]:
    return [d.year for d in Commitment.objects.dates("promised_date", "year", order="DESC")]


def letter_years() -> list[int]:
    """The years of the reply letters that promised something, newest first."""
    moments = Commitment.objects.datetimes("reply__approved_at", "year", order="DESC", tzinfo=BEIJING)
    return [moment.year for moment in moments]


def report_years(today: dt.date) -> list[int]:
    """The years a report can be asked for: this year, and each year whose report covers a
    letter (the letter's year and the next, S§45), newest first."""
    years = {today.year} | {y for letter in letter_years() for y in (letter, letter + 1)}
    return sorted(years, reverse=True)
