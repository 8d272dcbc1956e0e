"""Who may see and do what at a station (WORKFLOWS.md §6).

Station staff run their own stations and those stations' points; a point's staff run the
point and send its records up to the station, which forwards and answers (D§31). Committee
staff oversee every station. Deputies see the matters they received or were sent.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from congress.roles import Role


def is_overseer(user: Any) -> bool:
    """The committee (人事代表工委) guides every station (D§36) and handles deputies' own mail."""
    return bool(user.is_authenticated and (user.is_superuser or user.has_role(Role.COMMITTEE_STAFF)))


def is_station_staff(user: Any) -> bool:
    return bool(user.is_authenticated and user.has_role(Role.STATION_STAFF))


def own_station_ids(user: Any) -> set[int]:
    """Stations and points the user is named staff of."""
    if not is_station_staff(user):
        return set()
    return set(user.stations.values_list("id", flat=True))


def run_station_ids(user: Any) -> set[int]:
    """Every station or point the user runs: their own, and the points of their stations."""
    from liaison_stations.models import Station

    own = own_station_ids(user)
    if not own:
        return set()
    points = Station.objects.filter(parent_id__in=own).values_list("id", flat=True)
    return own | set(points)


def station_scope(user: Any, field: str = "") -> Q | None:
    """A filter on the stations the user runs; None means every station (overseers)."""
    if is_overseer(user):
        return None
    prefix = f"{field}__" if field else ""
    return Q(**{f"{prefix}id__in": run_station_ids(user)})


def may_run(user: Any, station: Any) -> bool:
    """Schedule receptions and register visitors at this station or point."""
    return is_overseer(user) or station.pk in run_station_ids(user)


def may_handle(user: Any, opinion: Any) -> bool:
    """Summarise, forward, answer: the handling station's staff, or the committee (D§31)."""
    if is_overseer(user):
        return True
    return opinion.station_id is not None and opinion.station_id in own_station_ids(user)


def may_report(user: Any, opinion: Any) -> bool:
    """Send a point's record to its station: the point's or the station's staff."""
    return may_run(user, opinion.venue) if opinion.venue else False
