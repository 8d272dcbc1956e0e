"""Liaison stations (代表联络站) and points (联络点), D§28–38.

A station belongs to a township presidium or a county SC's sub-district working committee; a
point belongs to a station (D§28). Deputies are attached by the rule of D§21. Stations hold
receptions (D§31), register visitors (D§34) and handle what they raise: summarise, classify,
forward, follow up, answer and publish (D§31, D§35). The public sends opinions online (D§37).

One module per kind of record; Django and the rest of the portal import them from here.
"""

from liaison_stations.models.abuse import UseCount
from liaison_stations.models.events import Event
from liaison_stations.models.opinions import Forwarding, Opinion
from liaison_stations.models.receptions import Reception
from liaison_stations.models.stations import POINT_HOSTS, STATION_HOSTS, Attachment, LiaisonOfficer, Station

__all__ = [
    "POINT_HOSTS",
    "STATION_HOSTS",
    "Attachment",
    "Event",
    "Forwarding",
    "LiaisonOfficer",
    "Opinion",
    "Reception",
    "Station",
    "UseCount",
]
