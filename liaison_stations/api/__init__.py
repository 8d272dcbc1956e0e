"""API of the liaison stations (WORKFLOWS.md §7): stations, points, receptions, opinions, and
the public, read-only endpoints with the online opinion form (D§37). congress/urls.py
registers the views named here."""

from liaison_stations.api.opinions import OpinionViewSet
from liaison_stations.api.public import PublicOpinionView, PublicStationViewSet, PublicTrackingView
from liaison_stations.api.receptions import ReceptionViewSet
from liaison_stations.api.stations import PointViewSet, StationViewSet

__all__ = [
    "OpinionViewSet",
    "PointViewSet",
    "PublicOpinionView",
    "PublicStationViewSet",
    "PublicTrackingView",
    "ReceptionViewSet",
    "StationViewSet",
]
