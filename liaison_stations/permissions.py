"""Who may see and do what at a station (WORKFLOWS.md §6).

Station staff run their own stations and those stations' points; a point's staff run the
point and send its records up to the station, which forwards and answers (D§31). Committee
staff oversee every station. Deputies see the matters they received or were sent.

`may_run` is the one answer to "may this user work at this station or point" (schedule a
reception, register a visitor, keep the station's page); the services ask it, and pages ask it
to offer those links. Below it, the `who` checks the tables in workflow.py use: (record, user).
"""

from __future__ import annotations

from typing import Any

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


def may_run(user: Any, station: Any) -> bool:
    """Schedule receptions and register visitors at this station or point."""
    return is_overseer(user) or station.pk in run_station_ids(user)


# --- The tables' `who`: the user's relation to the record ---------------------------------------


def may_run_venue(record: Any, user: Any) -> bool:
    """Staff of the station or point where it takes place or was registered, or of its station.

    A point sends its own records up (D§31); a venue holds its receptions."""
    return record.venue is not None and may_run(user, record.venue)


def may_handle(opinion: Any, user: Any) -> bool:
    """The handling station's staff, who summarise, forward and answer, or the committee (D§31)."""
    if is_overseer(user):
        return True
    return opinion.station_id is not None and opinion.station_id in own_station_ids(user)


def may_dismiss(opinion: Any, user: Any) -> bool:
    """The handling station's staff, or those of the point or station where it was registered.

    Abuse, a duplicate, nothing raised: whoever has it in front of them sets it aside."""
    return may_handle(opinion, user) or may_run_venue(opinion, user)


def received_it(opinion: Any, user: Any) -> bool:
    """A deputy who received the matter at a reception, or to whom it was sent online."""
    deputy = getattr(user, "deputy", None)
    if deputy is None:
        return False
    return opinion.deputy_id == deputy.pk or any(d.pk == deputy.pk for d in opinion.received_by.all())
