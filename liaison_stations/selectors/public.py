"""Reads for the public: the stations and their pages (D§30(3)), the board of matters raised and
how they were handled (D§35), and what the sender of an opinion sees by its code (D§37). Built
here, field by field, so a page or the API cannot show a visitor's personal data."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from deputies.models import Deputy
from liaison_stations import workflow
from liaison_stations.models import Attachment, Opinion, Reception, Station
from liaison_stations.rules import redact

# --- The public board (D§30(3), D§35) ---------------------------------------------------


@dataclass(frozen=True)
class PublicMatter:
    """A matter as the public sees it: the station's summary and how it was handled, with the
    visitor's personal data taken out. Built here so a page or the API cannot leak a field."""

    id: int
    station: str
    category: str
    status: str
    status_label: str
    received_on: dt.date
    summary: str
    answer: str
    answered_on: dt.date | None


PUBLIC_FIELDS = [
    "id", "station__name", "point__name", "category", "status", "received_on", "summary", "answer",
    "answered_on", "visitor_name", "visitor_contact", "visitor_address",
]  # fmt: skip


def published_matters(station: Station) -> QuerySet[Opinion, dict[str, Any]]:
    """Matters raised at a station (with its points) or at one point, on the public board."""
    field = "point" if station.is_point else "station"
    return (
        Opinion.objects.filter(**{field: station}, status__in=workflow.PUBLIC, is_secret=False)
        .order_by("-received_on", "-id")
        .values(*PUBLIC_FIELDS)
    )


def public_matter(row: dict[str, Any]) -> PublicMatter:
    personal = [row["visitor_name"], row["visitor_contact"], row["visitor_address"]]
    answered = row["status"] in workflow.WITH_ANSWER
    return PublicMatter(
        id=row["id"],
        station=row["point__name"] or row["station__name"],
        category=str(workflow.Category(row["category"]).label) if row["category"] else "",
        status=row["status"],
        status_label=str(workflow.OpinionStatus(row["status"]).label),
        received_on=row["received_on"],
        summary=redact(row["summary"], personal),
        answer=redact(row["answer"], personal) if answered else "",
        answered_on=row["answered_on"] if answered else None,
    )


def public_stations() -> QuerySet[Station]:
    return (
        Station.objects.filter(is_active=True)
        .select_related("parent")
        .order_by("city", "county", "kind", "name")
    )


def public_station(pk: int) -> Station:
    """One station with what its public page shows (D§30(3)), in a fixed number of queries."""
    now = timezone.now()
    upcoming = (
        Reception.objects.filter(status=Reception.Status.SCHEDULED, ends_at__gte=now)
        .order_by("starts_at")
        .prefetch_related(Prefetch("deputies", queryset=Deputy.objects.only("id", "name")))
    )
    return (
        Station.objects.filter(is_active=True)
        .select_related("parent")
        .prefetch_related(
            Prefetch(
                "attachments",
                queryset=Attachment.objects.select_related("deputy__delegation")
                .filter(deputy__status=Deputy.Status.ACTIVE)
                .order_by("deputy__name"),
            ),
            "officers",
            Prefetch("points", queryset=Station.objects.filter(is_active=True).order_by("name")),
            Prefetch("receptions", queryset=upcoming, to_attr="upcoming_receptions"),
            Prefetch("point_receptions", queryset=upcoming, to_attr="upcoming_point_receptions"),
        )
        .get(pk=pk)
    )


@dataclass(frozen=True)
class Tracking:
    """What the sender of an opinion sees by the tracking code: never their own data."""

    code: str
    status: str
    status_label: str
    addressed_to: str
    received_on: dt.date
    forwarded_to: str
    answer: str
    answered_on: dt.date | None
    feedback_on: dt.date | None


def tracking(code: str) -> Tracking | None:
    opinion = (
        Opinion.objects.select_related("station", "point", "deputy")
        .prefetch_related("forwardings")
        .filter(tracking_code=code)
        .first()
    )
    if opinion is None:
        return None
    forwardings = sorted(opinion.forwardings.all(), key=lambda f: (f.forwarded_on, f.pk))
    answered = opinion.status in workflow.WITH_ANSWER
    venue = opinion.venue
    personal = [opinion.visitor_name, opinion.visitor_contact, opinion.visitor_address]
    return Tracking(
        code=opinion.tracking_code,
        status=opinion.status,
        status_label=str(opinion.get_status_display()),
        addressed_to=opinion.deputy.name if opinion.deputy else (venue.name if venue else ""),
        received_on=opinion.received_on,
        forwarded_to=forwardings[-1].body_name if forwardings else "",
        answer=redact(opinion.answer, personal) if answered else "",
        answered_on=opinion.answered_on if answered else None,
        feedback_on=opinion.feedback_on,
    )
