"""A station's own keeping: who may work there, its deputies (D§21), officers (D§33) and the
information it publishes (D§30(3))."""

from __future__ import annotations

from collections.abc import Iterable

from congress.models import User
from deputies.models import Deputy
from liaison_stations.models import Attachment, LiaisonOfficer, Station
from liaison_stations.permissions import may_run
from liaison_stations.rules import attachment_basis_allowed
from liaison_stations.workflow import refusal


def require_runs(user: User, station: Station) -> None:
    """Work at this station or point: the services' one check of permissions.may_run."""
    if not may_run(user, station):
        raise refusal("not_your_station", status=403)


def require_active(deputies: Iterable[Deputy]) -> None:
    # D§45, D§46: a suspended or terminated deputy performs no duties.
    if any(not d.is_active for d in deputies):
        raise refusal("deputy_not_active")


def station_attach_deputy(*, station: Station, deputy: Deputy, basis: str, actor: User) -> Attachment:
    """Attach a deputy to a station or point on a ground of D§21."""
    require_runs(actor, station)
    require_active([deputy])
    if not attachment_basis_allowed(deputy.constituency, station.city, basis):
        raise refusal("attachment_outside_constituency", status=400)
    attachment, _created = Attachment.objects.update_or_create(
        station=station, deputy=deputy, defaults={"basis": basis}
    )
    return attachment


def station_detach_deputy(*, station: Station, deputy: Deputy, actor: User) -> None:
    require_runs(actor, station)
    Attachment.objects.filter(station=station, deputy=deputy).delete()


# What a station publishes about itself (D§30(3)) and keeps up to date.
PUBLIC_INFO = ("address", "opening_hours", "duties", "head_name", "contact_phone")


def station_update_info(*, station: Station, actor: User, **values: str) -> Station:
    require_runs(actor, station)
    fields = [name for name in PUBLIC_INFO if name in values]
    for name in fields:
        setattr(station, name, values[name].strip())
    station.save(update_fields=fields)
    return station


def station_add_officer(*, station: Station, name: str, background: str, actor: User) -> LiaisonOfficer:
    """A liaison officer (D§33): congress staff, a county or township deputy, or a volunteer."""
    require_runs(actor, station)
    order = station.officers.count()
    return LiaisonOfficer.objects.create(
        station=station, name=name.strip(), background=background, sort_order=order
    )


def station_remove_officer(*, officer: LiaisonOfficer, actor: User) -> None:
    require_runs(actor, officer.station)
    officer.delete()
