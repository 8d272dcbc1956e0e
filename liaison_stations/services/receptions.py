"""Receptions (D§31): scheduled at a station or one of its points, then held or cancelled; the
deputies on them are told."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import transaction

from congress.models import User
from deputies.models import Deputy
from liaison_stations import notices
from liaison_stations.models import Event, Reception, Station
from liaison_stations.rules import reception_minimum, reception_times_problem
from liaison_stations.services.stations import require_active, require_runs
from liaison_stations.workflow import RECEPTION, refusal


def reception_schedule(
    *,
    venue: Station,
    kind: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    deputies: Sequence[Deputy],
    actor: User,
    theme: str = "",
    place: str = "",
    other_deputies: str = "",
    other_attendees: str = "",
) -> Reception:
    """Schedule a reception at a station or one of its points; the deputies are told."""
    require_runs(actor, venue)
    if not venue.is_active:
        raise refusal("station_inactive")
    if kind == Reception.Kind.THEMATIC and not theme.strip():
        raise refusal("reception_theme_missing", status=400)
    problem = reception_times_problem(starts_at, ends_at, kind)
    if problem:
        raise refusal(problem, status=400, hours=_hours(reception_minimum()))
    require_active(deputies)
    with transaction.atomic():
        reception = Reception.objects.create(
            station=venue.handling_station,
            point=venue if venue.is_point else None,
            kind=kind,
            theme=theme.strip(),
            starts_at=starts_at,
            ends_at=ends_at,
            place=place.strip() or venue.address,
            other_deputies=other_deputies.strip(),
            other_attendees=other_attendees.strip(),
            created_by=actor,
        )
        reception.deputies.set(deputies)
        Event.objects.create(reception=reception, actor=actor, action="schedule", to_status=reception.status)
        notices.reception_scheduled(reception, deputies)
    return reception


def _hours(span: dt.timedelta) -> str:
    hours = span.total_seconds() / 3600
    return f"{hours:g}"


def locked_reception(reception: Reception) -> Reception:
    return (
        Reception.objects.select_for_update(of=("self",))
        .select_related("station", "point")
        .get(pk=reception.pk)
    )


def reception_hold(
    *,
    reception: Reception,
    actor: User,
    summary: str = "",
    deputies: Sequence[Deputy] | None = None,
    other_deputies: str | None = None,
) -> Reception:
    """Record that the reception took place, with the deputies who actually came (of this
    congress, and of others by name; None keeps those scheduled). One with no deputy present
    is recorded as it happened, and does not count for the month (D§31)."""
    with transaction.atomic():
        reception = locked_reception(reception)
        step = RECEPTION.require("hold", reception, actor)
        fields = ["status", "summary"]
        if deputies is not None:
            require_active(deputies)
            reception.deputies.set(deputies)
        if other_deputies is not None:
            reception.other_deputies = other_deputies.strip()
            fields.append("other_deputies")
        reception.status, reception.summary = step.target, summary.strip()
        reception.save(update_fields=fields)
        Event.objects.create(
            reception=reception, actor=actor, action="hold", from_status=step.source, to_status=step.target
        )
    return reception


def reception_cancel(*, reception: Reception, reason: str, actor: User) -> Reception:
    with transaction.atomic():
        reception = locked_reception(reception)
        step = RECEPTION.require("cancel", reception, actor)
        reception.status = step.target
        reception.save(update_fields=["status"])
        Event.objects.create(
            reception=reception,
            actor=actor,
            action="cancel",
            from_status=step.source,
            to_status=step.target,
            note=reason.strip(),
        )
        notices.reception_cancelled(reception, reason.strip())
    return reception
